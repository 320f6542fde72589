import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadExamples } from '../../../examples/node-files.ts';
import { buildImages } from '../scenario/load.ts';
import { createMachine } from '../machine/machine.ts';
import type { Machine } from '../machine/api.ts';
import { TimeTravel } from './timetravel.ts';

const examples = loadExamples();

function machineFor(id: string): Machine {
  const e = examples.find((x) => x.id === id);
  if (!e) throw new Error(`no example ${id}`);
  const built = buildImages(e.scenario, e.files);
  if (!built.ok) throw new Error(`example ${id} does not build`);
  return createMachine(e.scenario, built.images);
}

/** Everything observable about a machine at its current step. */
function fingerprint(m: Machine): string {
  return JSON.stringify({ view: m.view(), trace: m.trace.length, last: m.trace.at(m.trace.length - 1) });
}

function straightTo(id: string, steps: number): string {
  const m = machineFor(id);
  m.run(steps);
  return fingerprint(m);
}

describe('time travel on the built-in examples', () => {
  it("seeks to any step and shows exactly the state a straight run has there", { timeout: 60_000 }, () => {
    const m = machineFor('t6-primary-to-secondary');
    const tt = new TimeTravel(m, { keyframeInterval: 500 });
    tt.forward(1_000_000);
    expect(m.ended).not.toBeNull();
    const head = tt.head;
    for (const target of [0, 1, 499, 500, 777, Math.floor(head / 2), head - 1, head]) {
      tt.seek(target);
      expect(tt.now).toBe(target);
      expect({ target, state: fingerprint(m) }).toEqual({ target, state: straightTo('t6-primary-to-secondary', target) });
    }
    // The whole branch's events stay visible while the machine is in the past.
    tt.seek(Math.floor(head / 3));
    expect(tt.events.length).toBeGreaterThan(m.trace.length);
    expect(tt.events.slice(0, m.trace.length)).toEqual(m.trace.since(0));
  });

  it('N forward, M back, N-M forward equals N straight (property, every example)', { timeout: 120_000 }, () => {
    const ids = examples.map((e) => e.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 50, max: 2000 }), (id, n, mRaw, interval) => {
        const m = machineFor(id);
        const tt = new TimeTravel(m, { keyframeInterval: interval });
        tt.forward(n);
        const reached = tt.now;
        const back = mRaw % (reached + 1);
        tt.seek(reached - back);
        tt.forward(back);
        expect(tt.now).toBe(reached);
        expect(fingerprint(m)).toBe(straightTo(id, reached));
      }),
      { numRuns: 20 },
    );
  });

  it('steps back to the previous event of a kind, using the branch trace', () => {
    const m = machineFor('t6-primary-to-secondary');
    const tt = new TimeTravel(m, { keyframeInterval: 300 });
    tt.forward(1_000_000);
    const sends = tt.events.filter((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND');
    expect(sends.length).toBeGreaterThan(1);
    const at = tt.backToEvent((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND');
    expect(at).toBe(sends[sends.length - 1].step + 1);
    const before = tt.backToEvent((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND');
    expect(before).toBe(sends[sends.length - 2].step + 1);
    // The machine really is there: its own trace ends with that send's step.
    expect(m.trace.at(m.trace.length - 1)!.step).toBeLessThanOrEqual(sends[sends.length - 2].step);
  });

  it('finds the previous protocol breakpoint hit without replaying', () => {
    const m = machineFor('t6-primary-to-secondary');
    const tt = new TimeTravel(m, { keyframeInterval: 300 });
    tt.forward(1_000_000);
    const failing = tt.events.filter((e) => e.kind === 'hypercall' && e.name === 'HF_MAILBOX_SEND' && e.resultNum === -1);
    expect(failing.length).toBeGreaterThan(0);
    expect(tt.previousProtocolHit([{ kind: 'hypercall', name: 'HF_MAILBOX_SEND', result: 'fail' }])).toBe(failing[failing.length - 1].step + 1);
    expect(tt.previousProtocolHit([{ kind: 'run_return', code: 'NO_SUCH_CODE' }])).toBeNull();
  });

  it('reverse-continues to the previous source breakpoint hit, and can be abandoned', () => {
    const m = machineFor('t1-echo');
    const tt = new TimeTravel(m, { keyframeInterval: 200 });
    tt.forward(1_000_000);
    const head = tt.head;
    // A breakpoint on the first instruction of VM 1: hit at least once.
    const entry = m.view().vms[1].vcpus[0];
    expect(entry).toBeDefined();
    const firstPc = Number(tt.events.find((e) => e.kind === 'hypercall' && e.vm === 1) ? 0x80000 : 0x80000);
    tt.setBreakpoints([{ vm: 1, addr: firstPc }]);
    let last: number | null | undefined;
    for (const p of tt.previousSourceHit()) if (p.done) last = p.found;
    expect(last).not.toBeNull();
    expect(tt.now).toBe(last);
    // Going forward from the hit stops at the same breakpoint only after stepping over it.
    const fwd = machineFor('t1-echo');
    fwd.setBreakpoints([{ vm: 1, addr: firstPc }]);
    const first = fwd.run(1_000_000);
    expect(first.stop).toBe('breakpoint');
    // Abandoning a search leaves the machine at the present.
    tt.seek(head);
    const search = tt.previousSourceHit();
    search.next();
    search.return();
    expect(tt.now).toBe(head);
  });

  it('truncates the future when the past changes', () => {
    const m = machineFor('t3-relay');
    const tt = new TimeTravel(m, { keyframeInterval: 300 });
    tt.forward(1_000_000);
    const mid = Math.floor(tt.head / 2);
    tt.seek(mid);
    tt.truncateFuture();
    expect(tt.head).toBe(mid);
    expect(tt.events.every((e) => e.step < mid)).toBe(true);
    tt.forward(10);
    expect(tt.now).toBe(mid + 10);
    expect(tt.head).toBe(mid + 10);
  });
});
