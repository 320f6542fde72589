/**
 * The append-only event log: the hypervisor and the machine emit into it,
 * the UI, the time travel and the tests read it.
 */
import type { EventBody, TraceEvent } from './events.ts';
import type { TraceLog } from '../machine/api.ts';

export class TraceRecorder implements TraceLog {
  /** Whether events are recorded at all (off = the fast path). */
  readonly on: boolean;
  /** Step and physical CPU stamped on the next events (set by the machine). */
  step = 0;
  cpu = 0;
  private readonly events: TraceEvent[] = [];

  constructor(on: boolean) {
    this.on = on;
  }

  get length(): number {
    return this.events.length;
  }

  /** Records an event stamped with the current step and CPU (callers check `on` first to skip building it). */
  emit(body: EventBody): void {
    if (this.on) this.events.push({ step: this.step, cpu: this.cpu, ...body } as TraceEvent);
  }

  /**
   * Reserves the next slot for an event whose content is known only later
   * (a hypercall's result), so it still precedes the events it caused.
   * Returns: the slot index; fill it with `fill`.
   */
  reserve(): number {
    this.events.push(null as unknown as TraceEvent);
    return this.events.length - 1;
  }

  fill(slot: number, body: EventBody): void {
    this.events[slot] = { step: this.step, cpu: this.cpu, ...body } as TraceEvent;
  }

  since(i: number): TraceEvent[] {
    return this.events.slice(Math.max(0, i));
  }

  at(i: number): TraceEvent | undefined {
    return this.events[i];
  }

  /** Drops events from index `n` on (restore to an earlier snapshot). */
  truncate(n: number): void {
    this.events.length = Math.min(this.events.length, n);
  }
}
