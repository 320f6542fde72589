/**
 * What a share link carries, defined once: the zod schemas of the wire
 * payload (version 2, current; version 1, the earlier leaner shape, read only
 * to migrate it), the session the page restores from it, and the codec that
 * turns one into the text after `#` (core/share/codec.ts: version, CRC-32,
 * deflate, migrations).
 *
 * Links must stay short, so scheduling choices travel as one compact string
 * (see `encodeChoices`) rather than an array of objects.
 */
import { z } from 'zod';
import { protocolBreakpointSchema } from '../../core/debug/breakpoints.ts';
import type { MachineInput, Recording } from '../../core/machine/api.ts';
import { parseScenario } from '../../core/scenario/parse.ts';
import type { ScenarioInput } from '../../core/scenario/schema.ts';
import { createLinkCodec, type Decoded } from '../../core/share/codec.ts';
import type { Choice } from '../../core/trace/events.ts';
import type { LineBreakpoint, ProtocolBreakpointEntry, Watchpoint } from '../../worker/protocol.ts';
import { lineBreakpointSchema, protocolBreakpointEntrySchema, watchpointSchema } from '../breakpoints/schema.ts';
import { guests, type Draft } from '../scenario/draft.ts';

/** The version new links are written with. */
export const SHARE_VERSION = 2;

/** More choices than this is not a link hvlab made (and would only cost memory to expand). */
export const MAX_SHARED_CHOICES = 5_000_000;

/** A whole session as the page restores it. */
export interface SharedSession {
  readonly draft: Draft;
  /** The example the scenario came from, if any. */
  readonly example: string | null;
  readonly breakpoints: readonly LineBreakpoint[];
  readonly protocolBreakpoints: readonly ProtocolBreakpointEntry[];
  readonly watchpoints: readonly Watchpoint[];
  /** Choices and inputs of the shared branch (replayed to rebuild it). */
  readonly recording: Recording;
  /** The scrubbed step (`time.now`): the machine is shown after this many steps. */
  readonly step: number;
}

// ---- choices as one string -------------------------------------------------
//
// A cpu choice is `<cpu>:<steps>`, a native-scheduler thread choice
// `<cpu>/<vm>.<vcpu>`; a run of n identical consecutive choices is written
// once with `*<n>`; tokens are joined by `,`. E.g. `0:500,0/1.0*3,1:500`.

const TOKEN = String.raw`(\d+)(?::(\d+)|\/(\d+)\.(\d+))(?:\*(\d+))?`;
const CHOICES_RE = new RegExp(`^(?:${TOKEN}(?:,${TOKEN})*)?$`);

function choiceToken(c: Choice): string {
  return c.kind === 'cpu' ? `${c.cpu}:${c.steps}` : `${c.cpu}/${c.vm}.${c.vcpu}`;
}

/** Writes choices in the compact form above (inverse of `decodeChoices`). */
export function encodeChoices(choices: readonly Choice[]): string {
  const out: string[] = [];
  for (let i = 0; i < choices.length; ) {
    const token = choiceToken(choices[i]);
    let n = 1;
    while (i + n < choices.length && choiceToken(choices[i + n]) === token) n++;
    out.push(n > 1 ? `${token}*${n}` : token);
    i += n;
  }
  return out.join(',');
}

/** The total number of choices a compact string expands to (valid strings only). */
function countChoices(text: string): number {
  let total = 0;
  for (const m of text.matchAll(new RegExp(TOKEN, 'g'))) total += m[5] === undefined ? 1 : Number(m[5]);
  return total;
}

/** Reads the compact form. `text` must match the wire schema (it checks syntax and size). */
export function decodeChoices(text: string): Choice[] {
  const out: Choice[] = [];
  for (const m of text.matchAll(new RegExp(TOKEN, 'g'))) {
    const cpu = Number(m[1]);
    const c: Choice = m[2] !== undefined ? { kind: 'cpu', cpu, steps: Number(m[2]) } : { kind: 'thread', cpu, vm: Number(m[3]), vcpu: Number(m[4]) };
    const n = m[5] === undefined ? 1 : Number(m[5]);
    for (let k = 0; k < n; k++) out.push(c);
  }
  return out;
}

// ---- the wire schemas ------------------------------------------------------

const vmId = z.number().int().min(0).max(15);
const vcpuIdx = z.number().int().min(0).max(7);
const step = z.number().int().min(0);

/** The scenario document and its files, checked as the scenario loader would (every named file present). */
const scenarioFields = {
  scenario: z.custom<ScenarioInput>((x) => typeof x === 'object' && x !== null, 'the scenario is missing'),
  files: z.record(z.string(), z.string()),
  example: z.string().nullable(),
};

function checkDraft(p: { scenario: ScenarioInput; files: Record<string, string> }, ctx: z.RefinementCtx): void {
  const parsed = parseScenario(p.scenario);
  if (!parsed.ok) {
    const d = parsed.diagnostics[0];
    ctx.addIssue({ code: 'custom', path: ['scenario', ...(d.path ? d.path.split('.') : [])], message: d.message });
    return;
  }
  for (const g of guests(p as Draft)) {
    for (const f of g.files) if (!(f in p.files)) ctx.addIssue({ code: 'custom', path: ['files'], message: `the scenario names "${f}", which the link does not hold` });
  }
}

const inputSchema = z.object({ kind: z.literal('interrupt'), step, vm: vmId, vcpu: vcpuIdx, intid: z.number().int().min(0).max(63) });

/** Version 2 (current). */
export const payloadV2Schema = z
  .object({
    ...scenarioFields,
    breakpoints: z.array(lineBreakpointSchema),
    protocolBreakpoints: z.array(protocolBreakpointEntrySchema),
    watchpoints: z.array(watchpointSchema),
    step,
    choices: z
      .string()
      .regex(CHOICES_RE, 'the scheduling choices are not in the compact form (e.g. "0:500,0/1.0*3")')
      .refine((s) => countChoices(s) <= MAX_SHARED_CHOICES, `more than ${MAX_SHARED_CHOICES} scheduling choices`),
    inputs: z.array(inputSchema),
  })
  .superRefine(checkDraft);

export type PayloadV2 = z.infer<typeof payloadV2Schema>;

/**
 * Version 1, the first share links: line breakpoints as [file, line] without
 * conditions, protocol breakpoints without ids, choices as tuples ([cpu,
 * steps] or [cpu, vm, vcpu]), no watchpoints and no injected inputs.
 */
export const payloadV1Schema = z.object({
  ...scenarioFields,
  breakpoints: z.array(z.tuple([z.string().min(1), z.number().int().min(1)])),
  protocolBreakpoints: z.array(protocolBreakpointSchema),
  step,
  choices: z.array(z.union([z.tuple([z.number().int().min(0), z.number().int().min(1)]), z.tuple([z.number().int().min(0), vmId, vcpuIdx])])).max(MAX_SHARED_CHOICES),
});

export type PayloadV1 = z.infer<typeof payloadV1Schema>;

/** `path: message` of a zod error's first issue. */
function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message;
}

/** Version 1 -> 2. Throws (with what is wrong) when `old` is not a version-1 payload. */
export function migrateV1(old: unknown): PayloadV2 {
  const r = payloadV1Schema.safeParse(old);
  if (!r.success) throw new Error(firstIssue(r.error));
  const v1 = r.data;
  const choices: Choice[] = v1.choices.map((t) => (t.length === 2 ? { kind: 'cpu', cpu: t[0], steps: t[1] } : { kind: 'thread', cpu: t[0], vm: t[1], vcpu: t[2] }));
  return {
    scenario: v1.scenario,
    files: v1.files,
    example: v1.example,
    breakpoints: v1.breakpoints.map(([file, line]) => ({ file, line })),
    protocolBreakpoints: v1.protocolBreakpoints.map((bp, i) => ({ id: `shared-${i + 1}`, bp, enabled: true })),
    watchpoints: [],
    step: v1.step,
    choices: encodeChoices(choices),
    inputs: [],
  };
}

const codec = createLinkCodec<PayloadV2>({
  version: SHARE_VERSION,
  migrations: { 1: migrateV1 },
  validate: (x) => {
    const r = payloadV2Schema.safeParse(x);
    return r.success ? { ok: true, value: r.data } : { ok: false, error: firstIssue(r.error) };
  },
});

/** The wire form of a session. */
export function toPayload(s: SharedSession): PayloadV2 {
  return {
    scenario: s.draft.scenario,
    files: { ...s.draft.files },
    example: s.example,
    breakpoints: s.breakpoints.map((b) => ({ ...b })),
    protocolBreakpoints: s.protocolBreakpoints.map((p) => ({ ...p })),
    watchpoints: s.watchpoints.map((w) => ({ ...w })),
    step: s.step,
    choices: encodeChoices(s.recording.choices),
    inputs: s.recording.inputs.map((i: MachineInput) => ({ ...i })),
  };
}

/** The session a (validated) wire payload describes. */
export function fromPayload(p: PayloadV2): SharedSession {
  return {
    draft: { scenario: p.scenario, files: p.files },
    example: p.example,
    breakpoints: p.breakpoints,
    protocolBreakpoints: p.protocolBreakpoints,
    watchpoints: p.watchpoints,
    recording: { choices: decodeChoices(p.choices), inputs: p.inputs },
    step: p.step,
  };
}

/** The text after `#` of a link to `s` (`s/2/<data>`). */
export function encodeSession(s: SharedSession): string {
  return codec.encode(toPayload(s));
}

/**
 * Reads the text after `#` (with or without the `#`). A damaged, foreign or
 * too-new link gives `{ ok: false, error }` in plain words, never a throw;
 * `fromVersion` says which version the link was written with.
 */
export function decodeSession(hash: string): Decoded<SharedSession> {
  const d = codec.decode(hash);
  return d.ok ? { ok: true, value: fromPayload(d.value), fromVersion: d.fromVersion } : d;
}
