/**
 * The open scenario as the page edits it: a `ScenarioInput` whose guests all
 * carry their assembly inline (`source`), so one JSON value is the whole
 * document (saved to storage, exported, sent to the worker). VM ids follow
 * the machine: the primary is 0, secondaries 1..n in order.
 *
 * Every function here is pure and returns a new draft; limits come from the
 * scenario schema, so the editor cannot build what the machine refuses.
 */
import { MAX_CPUS, MAX_SECONDARIES, MAX_SECONDARY_VCPUS, SCENARIO_VERSION, scenarioSchema, type ScenarioInput } from '../../core/scenario/schema.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';

export type Draft = ScenarioInput;

/** One editable guest: its VM id, name and source. */
export interface GuestDoc {
  readonly vm: number;
  readonly name: string;
  readonly source: string;
}

/** The guests that have assembly (the primary only when it is a guest program). */
export function guestDocs(d: Draft): GuestDoc[] {
  const out: GuestDoc[] = [];
  if (d.primary.kind === 'guest') out.push({ vm: 0, name: d.primary.name ?? 'primary', source: d.primary.source ?? '' });
  d.vms.forEach((v, i) => out.push({ vm: i + 1, name: v.name, source: v.source ?? '' }));
  return out;
}

/** Replaces the source of VM `vm`; unknown ids leave the draft unchanged. */
export function setSource(d: Draft, vm: number, source: string): Draft {
  if (vm === 0) return d.primary.kind === 'guest' ? { ...d, primary: { ...d.primary, source } } : d;
  const i = vm - 1;
  if (i < 0 || i >= d.vms.length) return d;
  return { ...d, vms: d.vms.map((v, j) => (j === i ? { ...v, source } : v)) };
}

const SECONDARY_TEMPLATE = (name: string) => `// ${name}: a secondary VM. x0 = 0 at entry.
    .text
    .global _start
_start:
    // HF_MAILBOX_RECEIVE(block = 1): wait for a message
    mov x0, #0xff07
    mov x1, #1
    hvc #0
    b _start
`;

const PRIMARY_TEMPLATE = `// primary: schedules the secondaries with HF_VCPU_RUN, then powers off.
    .text
    .global _start
_start:
    mov x0, #0xff03        // HF_VCPU_RUN
    mov x1, #1             // vm 1
    mov x2, #0             // vcpu 0
    hvc #0
    ldr x0, =0x84000008    // PSCI SYSTEM_OFF
    hvc #0
`;

/** A fresh scenario: native primary and one secondary VM. */
export function blankDraft(): Draft {
  return {
    version: SCENARIO_VERSION,
    name: 'untitled',
    description: 'A new scenario',
    abi: 'v3-notify',
    cpus: 1,
    primary: { kind: 'native' },
    vms: [{ name: 'vm1', vcpus: 1, source: SECONDARY_TEMPLATE('vm1') }],
  };
}

/** Adds a secondary VM with a starter program; no-op at the schema's limit. */
export function addVm(d: Draft): Draft {
  if (d.vms.length >= MAX_SECONDARIES) return d;
  const taken = new Set(d.vms.map((v) => v.name));
  let n = d.vms.length + 1;
  while (taken.has(`vm${n}`)) n++;
  const name = `vm${n}`;
  return { ...d, vms: [...d.vms, { name, vcpus: 1, source: SECONDARY_TEMPLATE(name) }] };
}

/** Removes secondary VM `vm` (id >= 1); keeps at least one secondary. */
export function removeVm(d: Draft, vm: number): Draft {
  if (d.vms.length <= 1 || vm < 1 || vm > d.vms.length) return d;
  return { ...d, vms: d.vms.filter((_, j) => j !== vm - 1) };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.trunc(n) || lo));

/** Sets the vCPU count of secondary `vm`, clamped to 1..MAX_SECONDARY_VCPUS. */
export function setVcpus(d: Draft, vm: number, n: number): Draft {
  if (vm < 1 || vm > d.vms.length) return d;
  return { ...d, vms: d.vms.map((v, j) => (j === vm - 1 ? { ...v, vcpus: clamp(n, 1, MAX_SECONDARY_VCPUS) } : v)) };
}

/** Sets the number of physical CPUs, clamped to 1..MAX_CPUS. */
export function setCpus(d: Draft, n: number): Draft {
  return { ...d, cpus: clamp(n, 1, MAX_CPUS) };
}

export function setAbi(d: Draft, abi: AbiGeneration): Draft {
  return { ...d, abi };
}

/** Switches the primary between a guest program (with a starter source) and the native scheduler. */
export function setPrimaryKind(d: Draft, kind: 'guest' | 'native'): Draft {
  if (d.primary.kind === kind) return d;
  return { ...d, primary: kind === 'native' ? { kind: 'native' } : { kind: 'guest', name: 'primary', source: PRIMARY_TEMPLATE } };
}

/**
 * Reads a scenario file as a draft. `files` holds the text of `.s` files
 * dropped or bundled with it (by base name); each guest's `files` list is
 * inlined into `source`. Returns the draft or a plain error naming what is
 * wrong.
 */
export function draftFromFile(json: string, files: Readonly<Record<string, string>>): { ok: true; draft: Draft } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `scenario.json is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: `scenario.json: ${first.path.map(String).join('.') || 'scenario'}: ${first.message}` };
  }
  const input = raw as Draft;
  const inline = <T extends { files?: string[]; source?: string }>(g: T): T | string => {
    if (!g.files) return g;
    const texts: string[] = [];
    for (const f of g.files) {
      const base = f.split('/').pop() ?? f;
      const text = files[f] ?? files[base];
      if (text === undefined) return `scenario.json names "${f}", which was not provided`;
      texts.push(text);
    }
    const { files: _files, ...rest } = g;
    return { ...rest, source: texts.join('\n') } as T;
  };
  let primary = input.primary;
  if (primary.kind === 'guest') {
    const p = inline(primary);
    if (typeof p === 'string') return { ok: false, error: p };
    primary = p;
  }
  const vms: Draft['vms'] = [];
  for (const v of input.vms) {
    const r = inline(v);
    if (typeof r === 'string') return { ok: false, error: r };
    vms.push(r);
  }
  return { ok: true, draft: { ...input, primary, vms } };
}

/** The draft as a self-contained `scenario.json` text (sources inline), as the CLI runs it. */
export function draftToFile(d: Draft): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

/** Structural check of a stored draft (before trusting it): the schema, with inline sources. */
export function isDraft(x: unknown): x is Draft {
  return scenarioSchema.safeParse(x).success;
}
