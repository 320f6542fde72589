/**
 * The bare machine: one AArch64 core at EL1h with the MMU off, no hypervisor.
 *
 * Layout: the image from IMAGE_BASE (0x80000) up to RAM_BASE, 64 KiB of RAM
 * at RAM_BASE (0x100000); both are one guest memory [0x80000, 0x110000), so
 * the image's .data and .bss are writable. SP = 0x110000, PC = the entry,
 * every other register and NZCV zero, DAIF masked (the reset state).
 *
 * It stops at `brk #imm` (not executed), at the step limit, or on a fault:
 * an access outside memory, or a synchronous exception while VBAR_EL1 is 0
 * (with a vector table installed, exceptions are taken as usual).
 * `hvc #imm` records x0-x3 and returns 0 in x0. WFI and WFE complete at once
 * (the architecture allows them to be no-ops; nothing could wake the core),
 * and SMC is UNDEFINED (there is no EL3).
 */
import { Arm64Cpu } from '../arm64/cpu/core.ts';
import type { CoreExit } from '../arm64/cpu/types.ts';
import { Memory } from './memory.ts';

export const IMAGE_BASE = 0x80000;
export const RAM_BASE = 0x100000;
export const RAM_SIZE = 0x10000;
export const INITIAL_SP = RAM_BASE + RAM_SIZE;
export const DEFAULT_MAX_STEPS = 10_000_000;

export interface BareImage {
  /** Load address: must be IMAGE_BASE. */
  readonly base: number;
  readonly bytes: Uint8Array;
  readonly entry: number;
}

export interface Hypercall {
  readonly x0: bigint;
  readonly x1: bigint;
  readonly x2: bigint;
  readonly x3: bigint;
}

export interface BareFault {
  /** ESR_EL1-format syndrome. */
  readonly esr: number;
  readonly ec: number;
  /** The faulting address, for aborts and alignment faults. */
  readonly addr?: number;
  readonly description: string;
}

export interface BareResult {
  readonly stop: 'brk' | 'limit' | 'fault';
  /** Instructions retired. */
  readonly steps: number;
  readonly pc: number;
  readonly sp: bigint;
  readonly nzcv: number;
  readonly x: bigint[];
  readonly hypercalls: Hypercall[];
  readonly fault?: BareFault;
}

export interface BareMachine {
  readonly cpu: Arm64Cpu;
  readonly mem: Memory;
}

/**
 * Creates the machine with `image` loaded and the core at its entry.
 * Returns the machine, or an error message when the image does not fit
 * between IMAGE_BASE and RAM_BASE.
 */
export function createBareMachine(image: BareImage): BareMachine | string {
  if (image.base !== IMAGE_BASE) return `the bare machine loads images at 0x${IMAGE_BASE.toString(16)}, not 0x${image.base.toString(16)}`;
  if (image.base + image.bytes.length > RAM_BASE) {
    return `image of ${image.bytes.length} bytes overlaps RAM at 0x${RAM_BASE.toString(16)} (at most ${RAM_BASE - IMAGE_BASE} bytes)`;
  }
  const mem = new Memory(IMAGE_BASE, RAM_BASE + RAM_SIZE - IMAGE_BASE);
  mem.write(image.base, image.bytes);
  const cpu = new Arm64Cpu(mem);
  cpu.trapBrk = true;
  cpu.trapUnvectored = true;
  cpu.pc = image.entry;
  cpu.setSp(BigInt(INITIAL_SP));
  return { cpu, mem };
}

const EC_NAMES: Record<number, string> = {
  0x00: 'undefined instruction',
  0x15: 'svc with no vector table',
  0x18: 'trapped system register access',
  0x20: 'instruction abort (outside memory)',
  0x22: 'misaligned PC',
  0x24: 'data abort (outside memory or read-only)',
  0x25: 'data abort (alignment fault)',
  0x26: 'misaligned SP',
  0x3c: 'brk with no vector table',
};

function faultOf(exit: Extract<CoreExit, { kind: 'abort' | 'exception' }>): BareFault {
  const ec = exit.esr >>> 26;
  const addr = exit.kind === 'abort' ? exit.addr : exit.far || undefined;
  const what = EC_NAMES[ec] ?? `exception class 0x${ec.toString(16)}`;
  const where = addr !== undefined ? ` at 0x${addr.toString(16)}` : '';
  const access = exit.kind === 'abort' ? ` (${exit.access})` : '';
  return { esr: exit.esr, ec, addr, description: `${what}${access}${where}` };
}

/** Runs the machine until BRK, a fault, or `maxSteps` retired instructions. */
export function runBare(m: BareMachine, maxSteps = DEFAULT_MAX_STEPS): BareResult {
  const { cpu } = m;
  const hypercalls: Hypercall[] = [];
  let fault: BareFault | undefined;
  let stop: BareResult['stop'];
  for (;;) {
    const exit = cpu.run(maxSteps - cpu.retired);
    if (exit.kind === 'hvc') {
      hypercalls.push({ x0: cpu.getX64(0), x1: cpu.getX64(1), x2: cpu.getX64(2), x3: cpu.getX64(3) });
      cpu.setX(0, 0, 0);
      continue;
    }
    if (exit.kind === 'wfi' || exit.kind === 'wfe') {
      cpu.pc += 4;
      continue;
    }
    if (exit.kind === 'smc') {
      // No EL3: SMC is UNDEFINED. Taken through the vector table if there is one.
      cpu.pc -= 4;
      const undef = cpu.takeUndefined();
      if (!undef) continue;
      stop = 'fault';
      fault = faultOf(undef as Extract<CoreExit, { kind: 'exception' }>);
      break;
    }
    if (exit.kind === 'brk') stop = 'brk';
    else if (exit.kind === 'budget') stop = 'limit';
    else if (exit.kind === 'abort' || exit.kind === 'exception') {
      stop = 'fault';
      fault = faultOf(exit);
    } else {
      // `breakpoint` cannot happen: the bare machine sets none.
      throw new Error(`unexpected exit ${exit.kind} on the bare machine`);
    }
    break;
  }
  return {
    stop,
    steps: cpu.retired,
    pc: cpu.pc,
    sp: cpu.getSp(),
    nzcv: cpu.nzcv,
    x: Array.from({ length: 31 }, (_, i) => cpu.getX64(i)),
    hypercalls,
    fault,
  };
}
