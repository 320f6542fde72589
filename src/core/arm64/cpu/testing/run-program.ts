/**
 * Runs a random program (programs.ts) on an Arm64Cpu from the same start
 * state the Unicorn runner uses, and returns the final state in a form both
 * sides can be compared on.
 */
import { Memory } from '../../../machine/memory.ts';
import { Arm64Cpu } from '../core.ts';
import type { CoreExit, CoreSnapshot } from '../types.ts';
import { IMAGE_BASE, RAM_BASE, RAM_SIZE, SCTLR_RESET, type Program } from './programs.ts';

export interface FinalState {
  readonly exit: CoreExit;
  readonly x: bigint[];
  readonly sp: bigint;
  readonly pc: number;
  readonly nzcv: number;
  readonly ram: Uint8Array;
}

/** How to drive the core: whole-budget runs (compiled blocks) or one instruction per `run`. */
export type Drive = 'blocks' | 'single-step';

export function wordsToBytes(words: readonly number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  return out;
}

/** One machine reused by every program (restored from `fresh` each time): allocation would dominate. */
let machine: { mem: Memory; cpu: Arm64Cpu; fresh: CoreSnapshot; blank: Uint8Array } | null = null;

/** Runs `p` with RAM starting as `ram` (at most `maxSteps` steps). */
export function runProgram(p: Program, ram: Uint8Array, drive: Drive, maxSteps = 100_000): FinalState {
  if (!machine) {
    const mem = new Memory(IMAGE_BASE, RAM_BASE + RAM_SIZE - IMAGE_BASE);
    const cpu = new Arm64Cpu(mem);
    machine = { mem, cpu, fresh: cpu.snapshot(), blank: new Uint8Array(RAM_BASE - IMAGE_BASE) };
  }
  const { mem, cpu } = machine;
  mem.write(IMAGE_BASE, machine.blank);
  mem.write(IMAGE_BASE, wordsToBytes(p.words));
  mem.write(RAM_BASE, ram);
  cpu.restore(machine.fresh);
  cpu.trapBrk = true;
  cpu.setSysreg('SCTLR_EL1', SCTLR_RESET);
  p.x.forEach((v, i) => cpu.setX64(i, v));
  cpu.setSp(p.sp);
  cpu.nzcv = p.nzcv;
  cpu.pc = IMAGE_BASE;
  let exit: CoreExit;
  if (drive === 'blocks') {
    exit = cpu.run(maxSteps);
  } else {
    do exit = cpu.run(1);
    while (exit.kind === 'budget' && cpu.retired < maxSteps);
  }
  return {
    exit,
    x: Array.from({ length: 31 }, (_, i) => cpu.getX64(i)),
    sp: cpu.getSp(),
    pc: cpu.pc,
    nzcv: cpu.nzcv,
    ram: mem.read(RAM_BASE, RAM_SIZE),
  };
}

/** Hex of a program's words, for failure reports. */
export function wordsHex(words: readonly number[]): string {
  return words.map((w) => w.toString(16).padStart(8, '0')).join(' ');
}
