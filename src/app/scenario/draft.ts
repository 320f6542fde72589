/**
 * The open scenario as the page edits it: the scenario document plus the
 * text of every source file it names. Guests always name `files` (an inline
 * `source` is turned into a file `<vm name>.s` when a scenario is opened), so
 * editors, breakpoints and diagnostics all speak of (file, line). A file
 * listed by several VMs (a shared library) is one document. VM ids follow
 * the machine: the primary is 0, secondaries 1..n in order.
 *
 * Every function here is pure and returns a new draft; limits come from the
 * scenario schema, so the editor cannot build what the machine refuses.
 */
import { parseScenario } from '../../core/scenario/parse.ts';
import { MAX_CPUS, MAX_SECONDARIES, MAX_SECONDARY_VCPUS, SCENARIO_VERSION, type ScenarioInput } from '../../core/scenario/schema.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';

export interface Draft {
  readonly scenario: ScenarioInput;
  /** Source text by the path the scenario names it with (e.g. `../lib/hf-v3.s`). */
  readonly files: Readonly<Record<string, string>>;
}

/** One guest program: its VM id, name and files in assembly order. */
export interface Guest {
  readonly vm: number;
  readonly name: string;
  readonly files: readonly string[];
}

/** The guests (the primary only when it is a guest program). */
export function guests(d: Draft): Guest[] {
  const s = d.scenario;
  const out: Guest[] = [];
  if (s.primary.kind === 'guest') out.push({ vm: 0, name: s.primary.name ?? 'primary', files: s.primary.files ?? [] });
  s.vms.forEach((v, i) => out.push({ vm: i + 1, name: v.name, files: v.files ?? [] }));
  return out;
}

/**
 * The file a VM's tab opens on: its own program rather than a shared
 * library, i.e. the last of its files used by no other VM, else its last.
 */
export function mainFile(d: Draft, vm: number): string | null {
  const all = guests(d);
  const g = all.find((x) => x.vm === vm);
  if (!g || g.files.length === 0) return null;
  const shared = (f: string) => all.some((o) => o.vm !== vm && o.files.includes(f));
  return [...g.files].reverse().find((f) => !shared(f)) ?? g.files[g.files.length - 1];
}

/** Replaces the text of one file; unknown paths leave the draft unchanged. */
export function setFile(d: Draft, path: string, text: string): Draft {
  if (!(path in d.files) || d.files[path] === text) return d;
  return { ...d, files: { ...d.files, [path]: text } };
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

const PRIMARY_TEMPLATE = `// primary: runs VM 1 once with HF_VCPU_RUN, then powers off.
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

/** Drops files no guest names any more. */
function pruneFiles(d: Draft): Draft {
  const used = new Set(guests(d).flatMap((g) => g.files));
  const files = Object.fromEntries(Object.entries(d.files).filter(([k]) => used.has(k)));
  return { ...d, files };
}

/** A file name not yet taken, from a stem. */
function freshFile(d: Draft, stem: string): string {
  let name = `${stem}.s`;
  for (let n = 2; name in d.files; n++) name = `${stem}-${n}.s`;
  return name;
}

/** A fresh scenario: native primary and one secondary VM. */
export function blankDraft(): Draft {
  return {
    scenario: {
      version: SCENARIO_VERSION,
      name: 'untitled',
      description: 'A new scenario',
      abi: 'v3-notify',
      cpus: 1,
      primary: { kind: 'native' },
      vms: [{ name: 'vm1', vcpus: 1, files: ['vm1.s'] }],
    },
    files: { 'vm1.s': SECONDARY_TEMPLATE('vm1') },
  };
}

/** Adds a secondary VM with a starter program; no-op at the schema's limit. */
export function addVm(d: Draft): Draft {
  const s = d.scenario;
  if (s.vms.length >= MAX_SECONDARIES) return d;
  const taken = new Set(s.vms.map((v) => v.name));
  let n = s.vms.length + 1;
  while (taken.has(`vm${n}`)) n++;
  const name = `vm${n}`;
  const file = freshFile(d, name);
  return { scenario: { ...s, vms: [...s.vms, { name, vcpus: 1, files: [file] }] }, files: { ...d.files, [file]: SECONDARY_TEMPLATE(name) } };
}

/** Removes secondary VM `vm` (id >= 1) and files only it used; keeps at least one secondary. */
export function removeVm(d: Draft, vm: number): Draft {
  const s = d.scenario;
  if (s.vms.length <= 1 || vm < 1 || vm > s.vms.length) return d;
  return pruneFiles({ ...d, scenario: { ...s, vms: s.vms.filter((_, j) => j !== vm - 1) } });
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.trunc(n) || lo));

/** Sets the vCPU count of secondary `vm`, clamped to 1..MAX_SECONDARY_VCPUS. */
export function setVcpus(d: Draft, vm: number, n: number): Draft {
  const s = d.scenario;
  if (vm < 1 || vm > s.vms.length) return d;
  return { ...d, scenario: { ...s, vms: s.vms.map((v, j) => (j === vm - 1 ? { ...v, vcpus: clamp(n, 1, MAX_SECONDARY_VCPUS) } : v)) } };
}

/** Sets the number of physical CPUs, clamped to 1..MAX_CPUS. */
export function setCpus(d: Draft, n: number): Draft {
  return { ...d, scenario: { ...d.scenario, cpus: clamp(n, 1, MAX_CPUS) } };
}

export function setAbi(d: Draft, abi: AbiGeneration): Draft {
  return { ...d, scenario: { ...d.scenario, abi } };
}

/** Switches the primary between a guest program (with a starter source) and the native scheduler. */
export function setPrimaryKind(d: Draft, kind: 'guest' | 'native'): Draft {
  const s = d.scenario;
  if (s.primary.kind === kind) return d;
  if (kind === 'native') return pruneFiles({ ...d, scenario: { ...s, primary: { kind: 'native' } } });
  const file = freshFile(d, 'primary');
  return { scenario: { ...s, primary: { kind: 'guest', name: 'primary', files: [file] } }, files: { ...d.files, [file]: PRIMARY_TEMPLATE } };
}

export type DraftResult = { ok: true; draft: Draft } | { ok: false; error: string };

/**
 * Reads a scenario file as a draft. `lookup` returns the text of a file the
 * scenario names (undefined when it was not provided). Inline `source`
 * guests become files named `<vm name>.s`. Returns the draft or a plain error
 * naming what is wrong (field path, or the missing file).
 */
export function draftFromFile(json: string, lookup: (path: string) => string | undefined): DraftResult {
  const parsed = parseScenario(json);
  if (!parsed.ok) {
    const d = parsed.diagnostics[0];
    return { ok: false, error: `scenario.json: ${d.path ? `${d.path}: ` : ''}${d.message}` };
  }
  const input = JSON.parse(json) as ScenarioInput;
  const files: Record<string, string> = {};
  const take = <T extends { name?: string; files?: string[]; source?: string }>(g: T, fallback: string): T | string => {
    if (g.source !== undefined) {
      const name = `${g.name ?? fallback}.s`;
      files[name] = g.source;
      const { source: _source, ...rest } = g;
      return { ...rest, files: [name] } as T;
    }
    for (const f of g.files ?? []) {
      if (f in files) continue;
      const text = lookup(f);
      if (text === undefined) return `scenario.json names "${f}", which was not provided`;
      files[f] = text;
    }
    return g;
  };
  let primary = input.primary;
  if (primary.kind === 'guest') {
    const p = take(primary, 'primary');
    if (typeof p === 'string') return { ok: false, error: p };
    primary = p;
  }
  const vms: ScenarioInput['vms'] = [];
  for (const v of input.vms) {
    const r = take(v, v.name);
    if (typeof r === 'string') return { ok: false, error: r };
    vms.push(r);
  }
  return { ok: true, draft: { scenario: { ...input, primary, vms }, files } };
}

/**
 * The draft as one self-contained `scenario.json` (each guest's files joined
 * into its inline `source`), which the CLI runs as it is.
 */
export function draftToFile(d: Draft): string {
  const inline = <T extends { files?: string[]; source?: string }>(g: T): T => {
    if (!g.files) return g;
    const { files: names, ...rest } = g;
    const source = names.map((f) => (names.length > 1 ? `// ---- ${f}\n${d.files[f] ?? ''}` : (d.files[f] ?? ''))).join('\n');
    return { ...rest, source } as T;
  };
  const s = d.scenario;
  const scenario = { ...s, primary: s.primary.kind === 'guest' ? inline(s.primary) : s.primary, vms: s.vms.map(inline) };
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** Checks a stored value before trusting it: a valid scenario whose named files are all present. */
export function isDraft(x: unknown): x is Draft {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Partial<Draft>;
  if (typeof d.files !== 'object' || d.files === null || !Object.values(d.files).every((t) => typeof t === 'string')) return false;
  if (!parseScenario(d.scenario).ok) return false;
  return guests(d as Draft).every((g) => g.files.every((f) => f in d.files!));
}
