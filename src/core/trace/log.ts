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
    if (this.on) this.events.push(this.stamp(body));
  }

  /**
   * Records `e`, which its builder stamped itself: `step` and `cpu` (this
   * recorder's) as its last two fields, which gives the same JSON as `emit`.
   * For the hot emitters: the event is then one object with every field in
   * place, where `emit` adds two fields to a finished object and V8 gives it
   * a second (out-of-object) store, and a long trace holds millions of events.
   */
  add(e: TraceEvent): void {
    if (this.on) this.events.push(e);
  }

  /** Adds step and CPU to a freshly built body (callers never reuse bodies), without copying it. */
  private stamp(body: EventBody): TraceEvent {
    const e = body as { step?: number; cpu?: number };
    e.step = this.step;
    e.cpu = this.cpu;
    return e as TraceEvent;
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

  /** Fills a reserved slot with an event its builder stamped (as for `add`). */
  fill(slot: number, e: TraceEvent): void {
    this.events[slot] = e;
  }

  since(i: number): TraceEvent[] {
    return this.events.slice(Math.max(0, i));
  }

  at(i: number): TraceEvent | undefined {
    return this.events[i];
  }

  /**
   * Makes the log exactly `n` events long: drops events from index `n` on
   * (restore to an earlier snapshot), or, when it is shorter, appends the
   * missing ones from `history`, the run's events as recorded before
   * (restore to a later snapshot). Throws RangeError if `history` is too
   * short: the caller asked for a state whose past it does not have.
   */
  resize(n: number, history?: readonly TraceEvent[]): void {
    if (!this.on) return;
    if (this.events.length >= n) {
      this.events.length = n;
      return;
    }
    if (!history || history.length < n) {
      throw new RangeError(`restoring a snapshot ${n} events long needs its event history (have ${this.events.length}, given ${history?.length ?? 0})`);
    }
    for (let i = this.events.length; i < n; i++) this.events.push(history[i]);
  }
}
