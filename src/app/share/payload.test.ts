import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../examples/node-files.ts';
import { createMachine } from '../../core/machine/machine.ts';
import { buildImages } from '../../core/scenario/load.ts';
import { createLinkCodec } from '../../core/share/codec.ts';
import type { Choice } from '../../core/trace/events.ts';
import { decodeChoices, decodeSession, encodeChoices, encodeSession, payloadV1Schema, type PayloadV1, type SharedSession } from './payload.ts';

const example = loadExamples().find((e) => e.id === 'writable-race')!;
const draft = { scenario: JSON.parse(example.scenarioText), files: { ...example.files } };

/** The default example run `steps` steps, as a session to share. */
function sessionAt(steps: number): SharedSession {
  const built = buildImages(example.scenario, example.files);
  if (!built.ok) throw new Error('the default example does not build');
  const m = createMachine(example.scenario, built.images);
  m.run(steps);
  return {
    draft,
    example: 'writable-race',
    breakpoints: [{ file: 'receiver.s', line: 14 }, { file: 'sender.s', line: 3, condition: 'x0 == 1', fromHit: 2 }],
    protocolBreakpoints: [{ id: 'p1', bp: { kind: 'mailbox', vm: 1, to: 'empty', waitersNonEmpty: true }, enabled: true }],
    watchpoints: [
      { id: 'w1', kind: 'register', vm: 1, vcpu: 0, reg: 'x22' },
      { id: 'w2', kind: 'memory', vm: 2, addr: 0x84000, length: 16 },
    ],
    recording: { choices: m.choices, inputs: [{ kind: 'interrupt', step: 120, vm: 1, vcpu: 0, intid: 3 }] },
    step: m.steps,
  };
}

const choiceArb: fc.Arbitrary<Choice> = fc.oneof(
  fc.record({ kind: fc.constant('cpu' as const), cpu: fc.nat(7), steps: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ kind: fc.constant('thread' as const), cpu: fc.nat(7), vm: fc.integer({ min: 1, max: 15 }), vcpu: fc.nat(7) }),
);

describe('compact choices', () => {
  it('writes runs of identical choices once', () => {
    const c = (cpu: number): Choice => ({ kind: 'cpu', cpu, steps: 500 });
    const t: Choice = { kind: 'thread', cpu: 0, vm: 1, vcpu: 0 };
    expect(encodeChoices([c(0), c(0), c(0), t, c(1)])).toBe('0:500*3,0/1.0,1:500');
    expect(encodeChoices([])).toBe('');
  });

  it('reads back exactly what it wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(choiceArb, fc.constant<Choice>({ kind: 'cpu', cpu: 0, steps: 500 })), { maxLength: 60 }), (choices) => {
        expect(decodeChoices(encodeChoices(choices))).toEqual(choices);
      }),
    );
  });
});

describe('share links (version 2)', () => {
  it('restore the whole session they were made from', () => {
    const s = sessionAt(2000);
    const d = decodeSession(`#${encodeSession(s)}`);
    expect(d).toEqual({ ok: true, value: s, fromVersion: 2 });
  });

  it('stay short: the default example after 10k steps', () => {
    const link = encodeSession(sessionAt(10_000));
    // Measured 4.9k characters (the sources dominate; 56 choices).
    expect(link.length).toBeLessThan(6000);
    expect(link.startsWith('s/2/')).toBe(true);
  });

  it('say what is wrong with a damaged, foreign or too-new link', () => {
    const link = encodeSession(sessionAt(500));
    const at = 40;
    const flipped = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    expect(decodeSession(flipped)).toEqual({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(decodeSession(link.slice(0, link.length - 7))).toEqual({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(decodeSession('#section-2')).toEqual({ ok: false, error: expect.stringMatching(/not an hvlab share link/) });
    expect(decodeSession(link.replace(/^s\/2\//, 's/3/'))).toEqual({ ok: false, error: expect.stringMatching(/version 3 is not known/) });
  });

  it('refuse content that does not hold together, naming what and where', () => {
    const s = sessionAt(0);
    const { 'receiver.s': _gone, ...files } = s.draft.files;
    expect(decodeSession(encodeSession({ ...s, draft: { ...s.draft, files } }))).toEqual({
      ok: false,
      error: expect.stringMatching(/files: the scenario names "receiver.s", which the link does not hold/),
    });
    const badScenario = { ...s.draft.scenario, cpus: 99 };
    expect(decodeSession(encodeSession({ ...s, draft: { ...s.draft, scenario: badScenario } }))).toEqual({ ok: false, error: expect.stringMatching(/^the share link's content is invalid: scenario\.cpus: /) });
  });
});

describe('a version-1 link (fixture written by the version-1 rules)', () => {
  const fixture = readFileSync(new URL('./fixtures/v1-link.txt', import.meta.url), 'utf8').trim();
  const v1 = createLinkCodec<PayloadV1>({
    version: 1,
    migrations: {},
    validate: (x) => {
      const r = payloadV1Schema.safeParse(x);
      return r.success ? { ok: true, value: r.data } : { ok: false, error: r.error.message };
    },
  });

  it('is a version-1 payload', () => {
    const d = v1.decode(fixture);
    if (!d.ok) throw new Error(d.error);
    expect(d.value.step).toBe(3000);
    expect(d.value.breakpoints).toEqual([['receiver.s', 14]]);
    expect(d.value.choices.length).toBe(19);
  });

  it('still opens: migrated to the current session shape', () => {
    const old = v1.decode(fixture);
    const d = decodeSession(fixture);
    if (!d.ok || !old.ok) throw new Error('the fixture does not decode');
    expect(d.fromVersion).toBe(1);
    const s = d.value;
    expect(s.draft).toEqual({ scenario: old.value.scenario, files: old.value.files });
    expect(s.example).toBe('writable-race');
    expect(s.step).toBe(3000);
    expect(s.breakpoints).toEqual([{ file: 'receiver.s', line: 14 }]);
    expect(s.protocolBreakpoints).toEqual([{ id: 'shared-1', bp: { kind: 'hypercall', name: 'HF_MAILBOX_SEND', result: 'fail' }, enabled: true }]);
    expect(s.watchpoints).toEqual([]);
    // The same run: the migrated choices are the ones a straight run of 3000 steps takes.
    expect(s.recording).toEqual({ choices: sessionAt(3000).recording.choices, inputs: [] });
  });
});
