/**
 * From a validated scenario and its source files to the machine's images:
 * gathers each VM's sources, assembles them, resolves the entry point and
 * checks the image fits the VM's memory. Never throws: every problem is a
 * diagnostic naming the scenario field or the source position.
 */
import { assemble, type AsmImage, type AsmSource } from '../arm64/asm/index.ts';
import type { GuestImage, MachineImages } from '../machine/api.ts';
import type { Scenario } from './schema.ts';

/** A scenario problem (`path` = scenario field) or an assembly one (`file`, `line`, `column`). */
export interface LoadDiagnostic {
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Characters of source the problem spans (assembly diagnostics). */
  readonly length?: number;
  readonly code?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export type LoadResult =
  | { readonly ok: true; readonly images: MachineImages; readonly asm: readonly (AsmImage | null)[]; readonly diagnostics: LoadDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: LoadDiagnostic[] };

/** Source files by the path the scenario uses for them. */
export type ScenarioFiles = Readonly<Record<string, string>>;

interface CodeSpec {
  readonly name: string;
  readonly files?: string[];
  readonly source?: string;
  readonly entry?: string | number;
  readonly base: number;
  readonly memory: number;
}

/** The AsmSources of a VM: its files (looked up in `files`) or its inline source. */
function vmSources(spec: CodeSpec, path: string, files: ScenarioFiles, diags: LoadDiagnostic[]): AsmSource[] {
  if (spec.source !== undefined) return [{ name: `${spec.name}.s`, text: spec.source }];
  const out: AsmSource[] = [];
  (spec.files ?? []).forEach((f, i) => {
    const text = files[f];
    if (text === undefined) diags.push({ path: `${path}.files[${i}]`, message: `file '${f}' not found`, severity: 'error' });
    else out.push({ name: f, text });
  });
  return out;
}

function buildOne(spec: CodeSpec, path: string, files: ScenarioFiles, diags: LoadDiagnostic[]): { guest: GuestImage; asm: AsmImage } | null {
  const sources = vmSources(spec, path, files, diags);
  if (sources.length === 0) return null;
  const r = assemble(sources, { base: spec.base });
  for (const d of r.diagnostics) diags.push({ file: d.file, line: d.line, column: d.column, length: d.length, code: d.code, message: d.message, severity: d.severity });
  if (!r.ok || !r.image) return null;
  const img = r.image;
  let entry = img.entry;
  if (typeof spec.entry === 'string') {
    const sym = img.symbols[spec.entry];
    if (sym === undefined) {
      diags.push({ path: `${path}.entry`, message: `symbol '${spec.entry}' is not defined in the sources`, severity: 'error' });
      return null;
    }
    entry = sym;
  } else if (typeof spec.entry === 'number') {
    entry = spec.entry;
  }
  if (img.base + img.bytes.length > spec.memory) {
    diags.push({ path: `${path}.memory`, message: `the image [0x${img.base.toString(16)}, 0x${(img.base + img.bytes.length).toString(16)}) does not fit in ${spec.memory} bytes of memory`, severity: 'error' });
    return null;
  }
  if (entry % 4 !== 0 || entry < 0 || entry >= spec.memory) {
    diags.push({ path: `${path}.entry`, message: `entry 0x${entry.toString(16)} must be a 4-byte aligned address inside the VM's memory`, severity: 'error' });
    return null;
  }
  return { guest: { base: img.base, bytes: img.bytes, entry, symbols: img.symbols }, asm: img };
}

/** Assembles every guest VM of `scenario` from `files`. */
export function buildImages(scenario: Scenario, files: ScenarioFiles): LoadResult {
  const diags: LoadDiagnostic[] = [];
  const asm: (AsmImage | null)[] = [];
  let primary: GuestImage | null = null;
  let ok = true;
  if (scenario.primary.kind === 'guest') {
    const p = buildOne(scenario.primary, 'primary', files, diags);
    ok &&= p !== null;
    primary = p?.guest ?? null;
    asm.push(p?.asm ?? null);
  } else {
    asm.push(null);
  }
  const vms: GuestImage[] = [];
  scenario.vms.forEach((vm, i) => {
    const r = buildOne(vm, `vms[${i}]`, files, diags);
    ok &&= r !== null;
    if (r) vms.push(r.guest);
    asm.push(r?.asm ?? null);
  });
  if (!ok || diags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: diags };
  return { ok: true, images: { primary, vms }, asm, diagnostics: diags };
}

/** One line per diagnostic: `file:line:col: error: message [code]` or `scenario.json: field: message`. */
export function formatDiagnostic(d: LoadDiagnostic, scenarioName = 'scenario.json'): string {
  if (d.file !== undefined) return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}`;
  return `${scenarioName}: ${d.path ? `${d.path}: ` : ''}${d.severity}: ${d.message}`;
}
