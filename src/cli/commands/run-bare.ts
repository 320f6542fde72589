/**
 * `hvlab run FILE.s --bare [--json] [--max-steps N] [--dump ADDR:LEN]`:
 * assembles one file, runs it on the bare machine (core/machine/bare.ts) and
 * prints the final state. Exit status: 0 after the run (whatever stopped it),
 * 1 for bad arguments, an unreadable file or assembly errors.
 */
import { readFile } from 'node:fs/promises';
import { assemble } from '../../core/arm64/asm/index.ts';
import { createBareMachine, DEFAULT_MAX_STEPS, runBare as runMachine, type BareResult } from '../../core/machine/bare.ts';
import { parse, parseNumber } from '../args.ts';
import { formatDiagnostic } from './asm.ts';

const HELP = `usage: hvlab run FILE.s --bare [--json] [--max-steps N] [--dump ADDR:LEN]

Runs one AArch64 source file on the bare machine: one core at EL1, MMU off,
the image from 0x80000, 64 KiB of RAM at 0x100000, SP = 0x110000. Stops at
'brk #imm' (not executed), after N instructions (default ${DEFAULT_MAX_STEPS}),
or on a fault. 'hvc #0' records x0-x3 and returns 0 in x0.

  --json          print the final state as JSON
  --max-steps N   step limit
  --dump ADDR:LEN also print LEN bytes of memory from ADDR (hex)`;

const hex64 = (v: bigint | number) => `0x${v.toString(16)}`;

function usageError(msg: string): number {
  console.error(`hvlab run: ${msg}\n\n${HELP}`);
  return 1;
}

/** Parses `ADDR:LEN` (each decimal or 0x..). Returns null when malformed. */
function parseDump(text: string): { addr: number; len: number } | null {
  const m = /^([^:]+):([^:]+)$/.exec(text);
  const addr = m && parseNumber(m[1]);
  const len = m && parseNumber(m[2]);
  return addr === null || len === null || addr === undefined || len === undefined ? null : { addr, len };
}

/** The JSON document of issue 2: 64-bit values as hex strings. */
export function bareJson(r: BareResult, dump: Uint8Array | null): unknown {
  return {
    stop: r.stop,
    steps: r.steps,
    pc: hex64(r.pc),
    sp: hex64(r.sp),
    nzcv: { n: (r.nzcv >> 3) & 1, z: (r.nzcv >> 2) & 1, c: (r.nzcv >> 1) & 1, v: r.nzcv & 1 },
    x: r.x.map(hex64),
    hypercalls: r.hypercalls.map((h) => ({ x0: hex64(h.x0), x1: hex64(h.x1), x2: hex64(h.x2), x3: hex64(h.x3) })),
    dump: dump ? Buffer.from(dump).toString('hex') : '',
    ...(r.fault ? { fault: { esr: hex64(r.fault.esr), ec: hex64(r.fault.ec), ...(r.fault.addr !== undefined ? { addr: hex64(r.fault.addr) } : {}), description: r.fault.description } } : {}),
  };
}

/** The readable summary. */
export function bareSummary(r: BareResult, dump: { addr: number; bytes: Uint8Array } | null): string {
  const flags = ['N', 'Z', 'C', 'V'].map((f, i) => ((r.nzcv >> (3 - i)) & 1 ? f : f.toLowerCase())).join('');
  const why = { brk: 'brk', limit: 'step limit reached', fault: `fault: ${r.fault?.description} (ESR 0x${r.fault?.esr.toString(16)})` }[r.stop];
  const lines = [`stopped: ${why} after ${r.steps} steps`, `pc ${hex64(r.pc)}  sp ${hex64(r.sp)}  nzcv ${flags}`];
  for (let i = 0; i < 31; i += 4) {
    lines.push(r.x.slice(i, i + 4).map((v, k) => `x${i + k}`.padStart(3) + ' ' + v.toString(16).padStart(16, '0')).join('  '));
  }
  for (const [i, h] of r.hypercalls.entries()) {
    lines.push(`hvc ${i}: x0=${hex64(h.x0)} x1=${hex64(h.x1)} x2=${hex64(h.x2)} x3=${hex64(h.x3)}`);
  }
  if (dump) {
    for (let k = 0; k < dump.bytes.length; k += 16) {
      const row = [...dump.bytes.subarray(k, k + 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      lines.push(`${(dump.addr + k).toString(16).padStart(8, '0')}  ${row}`);
    }
  }
  return lines.join('\n');
}

/** Runs `hvlab run ... --bare` with the `--bare` flag already removed; returns the exit status. */
export async function runBare(args: string[]): Promise<number> {
  const p = parse(args, {
    json: { type: 'boolean' },
    'max-steps': { type: 'string' },
    dump: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof p === 'string') return usageError(p);
  if (p.values.help) {
    console.log(HELP);
    return 0;
  }
  if (p.positionals.length !== 1) return usageError(`expected exactly one source file, got ${p.positionals.length}`);
  const maxSteps = p.values['max-steps'] === undefined ? DEFAULT_MAX_STEPS : parseNumber(p.values['max-steps']);
  if (maxSteps === null) return usageError(`--max-steps expects a whole number, got '${p.values['max-steps']}'`);
  const dumpArg = p.values.dump === undefined ? null : parseDump(p.values.dump);
  if (p.values.dump !== undefined && !dumpArg) return usageError(`--dump expects ADDR:LEN (e.g. 0x100000:64), got '${p.values.dump}'`);

  const [file] = p.positionals;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`hvlab run: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const asm = assemble({ name: file, text });
  for (const d of asm.diagnostics) console.error(formatDiagnostic(d));
  if (!asm.ok || !asm.image) return 1;
  const machine = createBareMachine(asm.image);
  if (typeof machine === 'string') {
    console.error(`hvlab run: ${file}: ${machine}`);
    return 1;
  }
  const { base, size } = machine.mem;
  if (dumpArg && (dumpArg.addr < base || dumpArg.addr + dumpArg.len > base + size)) {
    return usageError(`--dump ${p.values.dump} is outside memory [0x${base.toString(16)}, 0x${(base + size).toString(16)})`);
  }
  const result = runMachine(machine, maxSteps);
  const dump = dumpArg ? machine.mem.read(dumpArg.addr, dumpArg.len) : null;
  console.log(p.values.json ? JSON.stringify(bareJson(result, dump), null, 2) : bareSummary(result, dumpArg && dump ? { addr: dumpArg.addr, bytes: dump } : null));
  return 0;
}
