/// <reference lib="webworker" />
/**
 * The emulator worker: hosts one Session (and through it one Machine). Only
 * message plumbing lives here; the logic is in session.ts.
 */
import { build } from './build.ts';
import { Session } from './session.ts';
import type { WorkerCommand } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

// A MessageChannel task runs after already-queued messages, unlike a
// microtask, and is not clamped to 4 ms like a nested setTimeout(0).
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const session = new Session({
  post: (e) => self.postMessage(e),
  now: () => performance.now(),
  later: (fn, ms) => {
    if (ms > 0) setTimeout(fn, ms);
    else {
      queued.push(fn);
      channel.port2.postMessage(0);
    }
  },
  build,
});

self.onmessage = (e: MessageEvent<WorkerCommand>) => session.handle(e.data);
