/**
 * Turns a scenario (document + source files, as the page holds it) into a
 * Program the way the CLI does (core/scenario parse + buildImages), plus the
 * source maps the editor needs (address <-> file and line). Only code that
 * assembled becomes a Program; otherwise the diagnostics say why.
 */
import type { Machine, MachineOptions } from '../core/machine/api.ts';
import { createMachine } from '../core/machine/machine.ts';
import { buildImages, type ScenarioFiles } from '../core/scenario/load.ts';
import { parseScenario } from '../core/scenario/parse.ts';
import type { Scenario, ScenarioInput } from '../core/scenario/schema.ts';
import type { LoadResult } from './protocol.ts';

/** A source position. */
export interface FileLine {
  readonly file: string;
  readonly line: number;
}

/** A scenario ready to run, able to build fresh machines and map addresses to lines. */
export interface Program {
  readonly scenario: Scenario;
  /** A new machine at step 0 (replaying `options.choices`/`inputs` first, when given). */
  create(options?: MachineOptions): Machine;
  /** Source position of the statement at `addr` in VM `vm`'s image, or null. */
  lineOf(vm: number, addr: number): FileLine | null;
  /** Addresses of the first statement on `line` of `file`, one per VM that assembles the file (none when the line has no code). */
  addrsOf(file: string, line: number): { vm: number; addr: number }[];
}

export interface BuildOutput {
  readonly result: LoadResult;
  readonly program: Program | null;
}

/**
 * Validates and assembles. Never throws for bad input: scenario problems and
 * assembler diagnostics come back in `result`.
 */
export function build(input: ScenarioInput, files: ScenarioFiles): BuildOutput {
  const parsed = parseScenario(input);
  if (!parsed.ok) {
    return { result: { ok: false, diagnostics: parsed.diagnostics.map((d) => ({ path: d.path, message: d.message, severity: 'error' as const })) }, program: null };
  }
  const scenario = parsed.scenario;
  const built = buildImages(scenario, files);
  if (!built.ok) return { result: { ok: false, diagnostics: built.diagnostics }, program: null };
  // asm[0] is the primary's image (null when native), asm[i] the image of VM i.
  const addrToLoc = built.asm.map((img) => new Map((img?.sourceMap ?? []).map((e) => [e.addr, { file: e.loc.file, line: e.loc.line }])));
  const lineToAddr = new Map<string, { vm: number; addr: number }[]>();
  built.asm.forEach((img, vm) => {
    const seen = new Set<string>();
    for (const { addr, loc } of img?.sourceMap ?? []) {
      const key = `${loc.file}:${loc.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lineToAddr.set(key, [...(lineToAddr.get(key) ?? []), { vm, addr }]);
    }
  });
  const images = built.images;
  return {
    result: { ok: true, diagnostics: built.diagnostics },
    program: {
      scenario,
      create: (options) => createMachine(scenario, images, options),
      lineOf: (vm, addr) => addrToLoc[vm]?.get(addr) ?? null,
      addrsOf: (file, line) => lineToAddr.get(`${file}:${line}`) ?? [],
    },
  };
}
