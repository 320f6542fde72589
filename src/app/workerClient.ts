/**
 * Owns the emulator worker on the page side: starts it, forwards commands,
 * coalesces its updates to at most one store change per animation frame, and
 * notices when it dies (the store keeps the sources; `restart` brings a new
 * worker that reloads them).
 */
import type { StoreApi } from 'zustand';
import type { MachineUpdate, WorkerCommand, WorkerEvent } from '../worker/protocol.ts';
import { mergeUpdates } from './store/reduce.ts';
import type { Store } from './store/store.ts';

export interface WorkerClient {
  send(cmd: WorkerCommand): void;
  /** Terminates the current worker (if any) and starts a fresh one. */
  restart(): void;
  dispose(): void;
}

/** Creates the client; `getStore` is read lazily because store and client refer to each other. */
export function createWorkerClient(getStore: () => StoreApi<Store>): WorkerClient {
  let worker: Worker | null = null;
  let pending: MachineUpdate | null = null;
  let frame: number | null = null;

  const flush = () => {
    frame = null;
    const u = pending;
    pending = null;
    if (u) getStore().getState().actions.receive({ type: 'update', update: u });
  };

  const onEvent = (e: WorkerEvent) => {
    if (e.type === 'update') {
      pending = pending ? mergeUpdates(pending, e.update) : e.update;
      // A stop (pause, breakpoint, end) is shown at once; running updates wait for the frame.
      if (e.update.status !== 'running') {
        if (frame !== null) cancelAnimationFrame(frame);
        flush();
      } else if (frame === null) frame = requestAnimationFrame(flush);
      return;
    }
    if (pending) flush();
    getStore().getState().actions.receive(e);
  };

  const start = () => {
    getStore().getState().actions.workerStarting();
    const w = new Worker(new URL('../worker/emulator.worker.ts', import.meta.url), { type: 'module', name: 'hvlab-emulator' });
    w.onmessage = (m: MessageEvent<WorkerEvent>) => onEvent(m.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      w.terminate();
      if (worker === w) worker = null;
      getStore().getState().actions.workerDied(`The emulator stopped unexpectedly${ev.message ? `: ${ev.message}` : ''}. Your sources are safe.`);
    };
    w.onmessageerror = () => getStore().getState().actions.workerDied('The emulator sent a message the page could not read.');
    worker = w;
  };

  return {
    send(cmd) {
      worker?.postMessage(cmd);
    },
    restart() {
      worker?.terminate();
      worker = null;
      pending = null;
      start();
    },
    dispose() {
      if (frame !== null) cancelAnimationFrame(frame);
      worker?.terminate();
      worker = null;
    },
  };
}
