/**
 * A small deterministic machine for testing time travel without the real one:
 * 64 KiB of memory and an LCG; each step writes one byte somewhere.
 */
import type { Replayable } from './keyframes.ts';

export interface ToyState {
  step: number;
  seed: number;
  mem: Uint8Array;
}

export class ToyMachine implements Replayable<ToyState> {
  private s: ToyState;
  constructor(seed: number, private readonly endAt = Infinity) {
    this.s = { step: 0, seed: seed >>> 0, mem: new Uint8Array(65536) };
  }
  get stepCount(): number {
    return this.s.step;
  }
  snapshot(): ToyState {
    return { step: this.s.step, seed: this.s.seed, mem: this.s.mem.slice() };
  }
  restore(s: ToyState): void {
    this.s = { step: s.step, seed: s.seed, mem: s.mem };
  }
  advance(n: number): number {
    let done = 0;
    while (done < n && this.s.step < this.endAt) {
      this.s.seed = (Math.imul(this.s.seed, 1664525) + 1013904223) >>> 0;
      // Writes cluster in the first 8 KiB, as guest stacks and mailboxes do.
      const addr = this.s.seed % 97 === 0 ? this.s.seed % 65536 : this.s.seed % 8192;
      this.s.mem[addr] = (this.s.mem[addr] + (this.s.seed >>> 24)) & 0xff;
      this.s.step++;
      done++;
    }
    return done;
  }
  /** A digest of the whole state, for equality checks. */
  digest(): string {
    let h = this.s.seed ^ this.s.step;
    for (let i = 0; i < this.s.mem.length; i++) h = (Math.imul(h, 31) + this.s.mem[i]) | 0;
    return `${this.s.step}:${h}`;
  }
}
