/**
 * Turns a scenario (as the page holds it: every guest's assembly inline) into
 * a Program: validated scenario + assembled images + the source maps the
 * editor needs (address <-> line). Only code that assembled becomes a
 * Program; otherwise the diagnostics say why.
 */
import { assemble } from '../core/arm64/asm/index.ts';
import type { Diagnostic } from '../core/arm64/asm/diagnostics.ts';
import type { GuestImage, Machine, MachineImages } from '../core/machine/api.ts';
import { createMachine } from '../core/machine/machine.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../core/scenario/schema.ts';
import { sourceName, type LoadResult } from './protocol.ts';

/** A scenario ready to run, able to build fresh machines and map addresses to lines. */
export interface Program {
  readonly scenario: Scenario;
  /** A new machine at step 0. */
  create(): Machine;
  /** 1-based source line of the statement at `addr` in VM `vm`'s image, or null. */
  lineOf(vm: number, addr: number): number | null;
  /** Address of the first instruction on `line` of VM `vm`'s source, or null when the line has none. */
  addrOf(vm: number, line: number): number | null;
}

export interface BuildOutput {
  readonly result: LoadResult;
  readonly program: Program | null;
}

interface VmSource {
  readonly vm: number;
  readonly name: string;
  readonly text: string;
  readonly base: number;
}

/** The guests of a validated scenario, with their VM ids (primary 0, secondaries 1..n). */
function guestSources(s: Scenario): VmSource[] {
  const out: VmSource[] = [];
  if (s.primary.kind === 'guest') out.push({ vm: 0, name: s.primary.name, text: s.primary.source ?? '', base: s.primary.base });
  s.vms.forEach((v, i) => out.push({ vm: i + 1, name: v.name, text: v.source ?? '', base: v.base }));
  return out;
}

/** Formats zod issues as "field: what was expected" lines. */
function scenarioIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'scenario'}: ${i.message}`);
}

/**
 * Validates and assembles. Never throws for bad input: scenario errors and
 * assembler diagnostics come back in `result`. Guests must carry inline
 * `source` (the page inlines files when it opens a scenario).
 */
export function build(input: ScenarioInput): BuildOutput {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { result: { ok: false, diagnostics: [], scenarioErrors: scenarioIssues(parsed.error) }, program: null };
  const scenario = parsed.data;
  const sources = guestSources(scenario);
  const diagnostics: Diagnostic[] = [];
  const images = new Map<number, GuestImage>();
  const lineToAddr = new Map<number, Map<number, number>>();
  const addrToLine = new Map<number, Map<number, number>>();
  for (const src of sources) {
    const r = assemble({ name: sourceName(src.name), text: src.text }, { base: src.base });
    diagnostics.push(...r.diagnostics);
    if (!r.ok || !r.image) continue;
    images.set(src.vm, r.image);
    const l2a = new Map<number, number>();
    const a2l = new Map<number, number>();
    for (const { addr, loc } of r.image.sourceMap) {
      if (!l2a.has(loc.line)) l2a.set(loc.line, addr);
      a2l.set(addr, loc.line);
    }
    lineToAddr.set(src.vm, l2a);
    addrToLine.set(src.vm, a2l);
  }
  const ok = images.size === sources.length;
  const result: LoadResult = { ok, diagnostics, scenarioErrors: [] };
  if (!ok) return { result, program: null };
  const machineImages: MachineImages = {
    primary: scenario.primary.kind === 'guest' ? (images.get(0) ?? null) : null,
    vms: scenario.vms.map((_, i) => images.get(i + 1) as GuestImage),
  };
  return {
    result,
    program: {
      scenario,
      create: () => createMachine(scenario, machineImages),
      lineOf: (vm, addr) => addrToLine.get(vm)?.get(addr) ?? null,
      addrOf: (vm, line) => lineToAddr.get(vm)?.get(line) ?? null,
    },
  };
}
