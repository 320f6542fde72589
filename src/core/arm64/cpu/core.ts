/**
 * Arm64Cpu: one AArch64 core (EL0 and EL1, MMU off) over a guest memory.
 *
 * Execution: each address is decoded once into a cache per 4 KiB page
 * (code-cache.ts); runs of inline-executable instructions are compiled into
 * block functions (block.ts) on first use; everything else runs through slow
 * executors. Writes that overlap a decoded instruction, by the guest or the
 * host, drop the cache of its page (other writes to the page drop nothing).
 * With breakpoints set, or when the remaining budget is smaller than a block,
 * instructions run one at a time (single-instruction blocks), so `run(1)` is
 * a single step.
 *
 * Steps: the budget of `run` counts retired instructions and exceptions taken
 * (so a loop of faults still ends); `retired` counts instructions only. An
 * instruction that takes a synchronous exception (SVC included) or exits
 * without completing (BRK, WFI, WFE, aborts) is not retired; HVC and SMC are.
 *
 * Model choices: SCTLR_EL1.A is ignored (unaligned normal accesses allowed);
 * SP alignment checking follows SCTLR_EL1.SA/SA0; CNTVCT_EL0 is the retired
 * count; an ERET to an illegal state is UNDEFINED.
 */
import { SYSREGS } from '../isa/sysregs.ts';
import type { Memory } from '../../machine/memory.ts';
import { PAGE_SHIFT } from '../../machine/memory.ts';
import type { BlockFn } from './block.ts';
import { CodeCache, Entry, SLOTS_PER_PAGE } from './code-cache.ts';
import { CpuState, EXIT_ABORT, EXIT_NONE, EXIT_SP_ALIGN, SP_SLOT } from './state.ts';
import type { Arm64Core, CoreExit, CoreSnapshot } from './types.ts';

const BUDGET: CoreExit = { kind: 'budget' };
const MASK64 = (1n << 64n) - 1n;

/** PSTATE.DAIF bits as SPSR holds them. */
const DAIF_MASK = 0x3c0;
const PSTATE_I = 0x80;
/** SCTLR_EL1.SA (EL1) and SA0 (EL0). */
const SCTLR_SA = 1n << 3n;
const SCTLR_SA0 = 1n << 4n;

const EC_UNKNOWN = 0x00;
const EC_INSN_ABORT_LOWER = 0x20;
const EC_PC_ALIGN = 0x22;
const EC_DATA_ABORT_LOWER = 0x24;
const EC_DATA_ABORT_SAME = 0x25;
const EC_SP_ALIGN = 0x26;
const IL = 1 << 25;
const FSC_ALIGNMENT = 0x21;
const FSC_TRANSLATION = 0x07;

/** Host-configurable identification values. */
const MIDR = 0x410fd083n; // Cortex-A72, as Unicorn reports
const MPIDR_RES1 = 1n << 31n;

/** Stored (banked or plain) system registers, by name. */
const STORED = ['SCTLR_EL1', 'SPSR_EL1', 'ELR_EL1', 'ESR_EL1', 'FAR_EL1', 'VBAR_EL1', 'TPIDR_EL1', 'TPIDR_EL0', 'CNTFRQ_EL0', 'MPIDR_EL1', 'MIDR_EL1'] as const;
type StoredName = (typeof STORED)[number];

export class Arm64Cpu implements Arm64Core {
  readonly s = new CpuState();
  el = 1;
  spsel = 1;
  daif = DAIF_MASK;
  irqLine = false;
  trapBrk = false;
  /**
   * When set, a synchronous exception while VBAR_EL1 is 0 (no vector table)
   * is not taken: `run` returns an `exception` exit with PC at the cause.
   */
  trapUnvectored = false;

  private readonly sys = new Map<StoredName, bigint>();
  /** The SP not currently in use: SP_EL0 when SP_EL1 is selected, else SP_EL1. */
  private readonly otherSp = new Int32Array(2);
  private monValid = false;
  private monLo = 0;
  private monHi = 0;
  private monSize = 0;
  private readonly code: CodeCache;
  private breakpoints = new Set<number>();
  /**
   * The address of the breakpoint the last `run` stopped at: the next `run`
   * starting there executes it instead of stopping again (continuing from a
   * breakpoint). Any other start, and every later instruction, is checked,
   * so a breakpoint at the first instruction of a run (after an HVC, at a
   * slice's start, at the entry) stops too.
   */
  private resumeAt: number | null = null;
  /** Set by takeSync/IRQ entry so the dispatcher knows the instruction did not retire. */
  private excTaken = false;
  /**
   * Exceptions taken since creation (IRQ and synchronous). With `retired` it
   * gives the budget `run` used exactly: retired + exceptions (the
   * hypervisor machine counts its steps so, whatever the exit).
   */
  exceptions = 0;

  constructor(readonly mem: Memory) {
    this.code = new CodeCache(mem, this.s);
    for (const n of STORED) this.sys.set(n, 0n);
    this.sys.set('MIDR_EL1', MIDR);
    this.sys.set('MPIDR_EL1', MPIDR_RES1);
    this.sys.set('CNTFRQ_EL0', 100_000_000n);
  }

  // ------------------------------------------------------------------ registers

  get pc(): number {
    return this.s.pc;
  }
  set pc(v: number) {
    this.s.pc = v;
  }
  get retired(): number {
    return this.s.retired;
  }
  get nzcv(): number {
    const f = this.s.f;
    return (f[0] << 3) | (f[1] << 2) | (f[2] << 1) | f[3];
  }
  set nzcv(v: number) {
    const f = this.s.f;
    f[0] = (v >> 3) & 1;
    f[1] = (v >> 2) & 1;
    f[2] = (v >> 1) & 1;
    f[3] = v & 1;
  }

  xlo(n: number): number {
    return n === 31 ? 0 : this.s.r[2 * n] >>> 0;
  }
  xhi(n: number): number {
    return n === 31 ? 0 : this.s.r[2 * n + 1] >>> 0;
  }
  setX(n: number, lo: number, hi: number): void {
    if (n === 31) return;
    this.s.r[2 * n] = lo;
    this.s.r[2 * n + 1] = hi;
  }
  getX64(n: number): bigint {
    return (BigInt(this.xhi(n)) << 32n) | BigInt(this.xlo(n));
  }
  setX64(n: number, v: bigint): void {
    this.setX(n, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
  }
  /** Xn, or SP for n = 31 (base-register reading). */
  xspLo(n: number): number {
    return n === 31 ? this.s.r[SP_SLOT] >>> 0 : this.xlo(n);
  }
  xspHi(n: number): number {
    return n === 31 ? this.s.r[SP_SLOT + 1] >>> 0 : this.xhi(n);
  }
  getSp(): bigint {
    return (BigInt(this.s.r[SP_SLOT + 1] >>> 0) << 32n) | BigInt(this.s.r[SP_SLOT] >>> 0);
  }
  setSp(v: bigint): void {
    this.s.r[SP_SLOT] = Number(BigInt.asIntN(32, v));
    this.s.r[SP_SLOT + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  /** True when SP is the base of an access that SP alignment checking rejects. */
  spMisaligned(): boolean {
    return this.s.saOn !== 0 && (this.s.r[SP_SLOT] & 15) !== 0;
  }

  // ------------------------------------------------------------------ PSTATE and system registers

  getPstate(): number {
    return ((this.nzcv << 28) | this.daif | (this.el << 2) | this.spsel) >>> 0;
  }

  /** Sets NZCV, DAIF, EL (0 or 1) and SPSel from an SPSR-format value, switching SP banks. */
  setPstate(v: number): void {
    this.nzcv = (v >>> 28) & 0xf;
    this.daif = v & DAIF_MASK;
    this.switchSp((v >> 2) & 1, v & 1);
  }

  private switchSp(el: number, spsel: number): void {
    const wasEl1 = this.el === 1 && this.spsel === 1;
    const isEl1 = el === 1 && spsel === 1;
    this.el = el;
    this.spsel = spsel;
    if (wasEl1 !== isEl1) {
      const r = this.s.r;
      const [lo, hi] = [r[SP_SLOT], r[SP_SLOT + 1]];
      r[SP_SLOT] = this.otherSp[0];
      r[SP_SLOT + 1] = this.otherSp[1];
      this.otherSp[0] = lo;
      this.otherSp[1] = hi;
    }
    this.updateSa();
  }

  private updateSa(): void {
    const sctlr = this.sys.get('SCTLR_EL1')!;
    this.s.saOn = (sctlr & (this.el === 0 ? SCTLR_SA0 : SCTLR_SA)) !== 0n ? 1 : 0;
  }

  /** Reads a system register by architectural name (sysregs.ts), case-insensitive. Throws for an unknown name. */
  getSysreg(name: string): bigint {
    const n = canonical(name);
    switch (n) {
      case 'NZCV': return BigInt(this.nzcv) << 28n;
      case 'DAIF': return BigInt(this.daif);
      case 'CurrentEL': return BigInt(this.el << 2);
      case 'SPSel': return BigInt(this.spsel);
      case 'CNTVCT_EL0': return BigInt(this.s.retired);
      case 'SP_EL0': return this.el === 0 || this.spsel === 0 ? this.getSp() : pairToBig(this.otherSp);
      case 'SP_EL1': return this.el === 1 && this.spsel === 1 ? this.getSp() : pairToBig(this.otherSp);
      default: return this.sys.get(n as StoredName)!;
    }
  }

  /**
   * Writes a system register by name. The host may write any of them,
   * including those read-only to the guest (e.g. MPIDR_EL1 for the vCPU
   * index); CurrentEL and CNTVCT_EL0 are derived and cannot be written.
   */
  setSysreg(name: string, v: bigint): void {
    const n = canonical(name);
    v &= MASK64;
    switch (n) {
      case 'NZCV': this.nzcv = Number(v >> 28n) & 0xf; return;
      case 'DAIF': this.daif = Number(v) & DAIF_MASK; return;
      case 'SPSel': this.switchSp(this.el, Number(v & 1n)); return;
      case 'SP_EL0':
        if (this.el === 0 || this.spsel === 0) this.setSp(v);
        else bigToPair(v, this.otherSp);
        return;
      case 'SP_EL1':
        if (this.el === 1 && this.spsel === 1) this.setSp(v);
        else bigToPair(v, this.otherSp);
        return;
      case 'CurrentEL':
      case 'CNTVCT_EL0':
        throw new Error(`${n} is derived from the core state and cannot be written`);
      default:
        this.sys.set(n as StoredName, v);
        if (n === 'SCTLR_EL1') this.updateSa();
    }
  }

  // ------------------------------------------------------------------ exceptions

  /**
   * Takes a synchronous exception to EL1 with syndrome (ec, iss), preferred
   * return address `ret` (default: the current PC) and optional FAR.
   * Returns null once taken, or an `exception` exit when `trapUnvectored`
   * applies (nothing changes then).
   */
  takeSync(ec: number, iss: number, ret = this.s.pc, far?: number): CoreExit | null {
    const esr = ((ec << 26) | IL | iss) >>> 0;
    if (this.trapUnvectored && this.sys.get('VBAR_EL1') === 0n) {
      return { kind: 'exception', esr, far: far ?? 0 };
    }
    this.sys.set('ESR_EL1', BigInt(esr));
    if (far !== undefined) this.sys.set('FAR_EL1', BigInt(far));
    this.enter(0, ret);
    return null;
  }

  takeUndefined(): CoreExit | null {
    return this.takeSync(EC_UNKNOWN, 0);
  }

  /** Alignment fault of an exclusive/acquire/release access at (lo, hi). */
  alignmentFault(write: boolean, lo: number, hi: number): CoreExit | null {
    const ec = this.el === 0 ? EC_DATA_ABORT_LOWER : EC_DATA_ABORT_SAME;
    return this.takeSync(ec, ((write ? 1 : 0) << 6) | FSC_ALIGNMENT, this.s.pc, hi * 4294967296 + lo);
  }

  /** Exception entry: SPSR/ELR, EL1h with DAIF masked, monitor cleared, PC at the vector (+0x80 for IRQ). */
  private enter(kindOffset: number, ret: number): void {
    this.excTaken = true;
    this.exceptions++;
    this.sys.set('SPSR_EL1', BigInt(this.getPstate()));
    this.sys.set('ELR_EL1', BigInt(ret));
    const from = this.el === 0 ? 0x400 : this.spsel ? 0x200 : 0;
    this.switchSp(1, 1);
    this.daif = DAIF_MASK;
    this.monValid = false;
    const vbar = Number(this.sys.get('VBAR_EL1')! & ~0x7ffn);
    this.s.pc = vbar + from + kindOffset;
  }

  // ------------------------------------------------------------------ memory (slow paths)

  /**
   * A guest access of `bytes` (4 or 8) at (lo, hi): a load when `value` is
   * null, else a store of (lo, hi) halves. Returns the loaded halves (or
   * [0, 0] for a store), or an abort exit.
   */
  guestAccess(lo: number, hi: number, bytes: number, value: number[] | null): number[] | CoreExit {
    const mem = this.mem;
    const off = lo - mem.base;
    const write = value !== null;
    if (hi !== 0 || off < 0 || off > mem.size - bytes) return this.abortExit(write, lo, hi, 0, FSC_TRANSLATION);
    if (write) {
      if (mem.checkStore(off, bytes) === 1) return this.abortExit(true, lo, hi, 0, 0x0f);
      mem.view.setInt32(off, value[0], true);
      if (bytes === 8) mem.view.setInt32(off + 4, value[1], true);
      return [0, 0];
    }
    return [mem.view.getInt32(off, true), bytes === 8 ? mem.view.getInt32(off + 4, true) : 0];
  }

  private abortExit(write: boolean, lo: number, hi: number, iss: number, fsc: number): CoreExit {
    const esr = ((EC_DATA_ABORT_LOWER << 26) | IL | iss | ((write ? 1 : 0) << 6) | fsc) >>> 0;
    return { kind: 'abort', access: write ? 'write' : 'read', addr: (hi >>> 0) * 4294967296 + (lo >>> 0), esr };
  }

  armMonitor(lo: number, hi: number, size: number): void {
    this.monValid = true;
    this.monLo = lo;
    this.monHi = hi;
    this.monSize = size;
  }
  monitorMatches(lo: number, hi: number, size: number): boolean {
    return this.monValid && this.monLo === lo && this.monHi === hi && this.monSize === size;
  }
  clearMonitor(): void {
    this.monValid = false;
  }

  // ------------------------------------------------------------------ execution

  setBreakpoints(addrs: Iterable<number>): void {
    this.breakpoints = new Set(addrs);
  }

  run(maxSteps: number): CoreExit {
    const s = this.s;
    const debug = this.breakpoints.size > 0;
    const { base, size } = this.mem;
    const pages = this.code.pages;
    let left = maxSteps;
    let first = true;
    const resumeAt = this.resumeAt;
    this.resumeAt = null;
    for (;;) {
      if (this.irqLine && (this.daif & PSTATE_I) === 0) {
        if (left <= 0) return BUDGET;
        this.enter(0x80, s.pc);
        left--;
      }
      if (left <= 0) return BUDGET;
      const pc = s.pc;
      let fn: BlockFn | null = null;
      if (!debug) {
        // Fast path: an already compiled block that fits in the budget.
        const off = pc - base;
        if (off >= 0 && off <= size - 4 && (pc & 3) === 0) {
          const ent = pages[off >>> PAGE_SHIFT]?.[(off >>> 2) & (SLOTS_PER_PAGE - 1)];
          if (ent !== undefined && ent.block !== null && ent.blockLen <= left) fn = ent.block;
        }
      } else if (this.breakpoints.has(pc) && !(first && pc === resumeAt)) {
        this.resumeAt = pc;
        return { kind: 'breakpoint', pc };
      }
      first = false;
      if (fn === null) {
        const ent = this.fetch(pc);
        if (ent === null) {
          // Fetch took a PC alignment exception.
          left--;
          continue;
        }
        if (!(ent instanceof Entry)) return ent;
        if (!ent.inline) {
          this.excTaken = false;
          const exit = ent.slow ? ent.slow(this, ent.f) : this.takeUndefined();
          if (this.excTaken) left--;
          else if (exit === null || exit.kind === 'hvc' || exit.kind === 'smc') {
            s.retired++;
            left--;
          }
          if (exit) return exit;
          continue;
        }
        if (!debug && (ent.block !== null ? ent.blockLen : this.code.compile(ent)) <= left) fn = ent.block!;
        else fn = this.code.single(ent);
      }
      const n = fn(debug ? 1 : left);
      s.retired += n;
      left -= n;
      if (s.exit !== EXIT_NONE) {
        const exit = this.blockExit();
        if (exit) return exit;
        if (this.excTaken) left--;
      }
    }
  }

  /** Handles a compiled block's early exit (S.exit): returns an exit for the host or null to go on. */
  private blockExit(): CoreExit | null {
    const s = this.s;
    const kind = s.exit;
    s.exit = EXIT_NONE;
    this.excTaken = false;
    if (kind === EXIT_ABORT) return this.abortExit(s.faultWrite !== 0, s.faultLo, s.faultHi, s.faultIss, s.faultStatus);
    if (kind === EXIT_SP_ALIGN) return this.takeSync(EC_SP_ALIGN, 0);
    return null;
  }

  /**
   * The cache entry for the instruction at `pc`, decoding it on first use.
   * Returns null after taking a PC alignment exception, or an abort exit
   * (instruction abort) when `pc` is outside memory.
   */
  private fetch(pc: number): Entry | CoreExit | null {
    if (pc % 4 !== 0) {
      this.excTaken = false;
      const exit = this.takeSync(EC_PC_ALIGN, 0, pc, pc);
      return exit;
    }
    if (!this.code.contains(pc)) {
      const addr = pc < 0 ? pc + 2 ** 64 : pc;
      return { kind: 'abort', access: 'fetch', addr, esr: ((EC_INSN_ABORT_LOWER << 26) | IL | FSC_TRANSLATION) >>> 0 };
    }
    return this.code.entry(pc);
  }

  // ------------------------------------------------------------------ snapshots

  snapshot(): CoreSnapshot {
    return {
      version: 1,
      state: {
        r: Array.from(this.s.r),
        f: Array.from(this.s.f),
        pc: this.s.pc,
        retired: this.s.retired,
        el: this.el,
        spsel: this.spsel,
        daif: this.daif,
        otherSp: Array.from(this.otherSp),
        sys: Object.fromEntries(this.sys),
        monitor: this.monValid ? [this.monLo, this.monHi, this.monSize] : null,
        irqLine: this.irqLine,
      },
    };
  }

  /** Restores a snapshot of this class; throws on a snapshot of another shape (a bug in the caller). */
  restore(snap: CoreSnapshot): void {
    const st = snap.state as unknown as SnapshotState;
    if (snap.version !== 1 || !Array.isArray(st.r) || st.r.length !== this.s.r.length) throw new Error('not an Arm64Cpu snapshot');
    this.s.r.set(st.r);
    this.s.f.set(st.f);
    this.s.pc = st.pc;
    this.s.retired = st.retired;
    this.s.exit = EXIT_NONE;
    this.resumeAt = null;
    this.el = st.el;
    this.spsel = st.spsel;
    this.daif = st.daif;
    this.otherSp.set(st.otherSp);
    for (const n of STORED) this.sys.set(n, st.sys[n]);
    this.monValid = st.monitor !== null;
    if (st.monitor) [this.monLo, this.monHi, this.monSize] = st.monitor;
    this.irqLine = st.irqLine;
    this.updateSa();
  }
}

interface SnapshotState {
  r: number[];
  f: number[];
  pc: number;
  retired: number;
  el: number;
  spsel: number;
  daif: number;
  otherSp: number[];
  sys: Record<StoredName, bigint>;
  monitor: [number, number, number] | null;
  irqLine: boolean;
}

const NAMES = new Map<string, string>([...SYSREGS.map((r) => r.name), 'SP_EL1'].map((n) => [n.toUpperCase(), n]));

function canonical(name: string): string {
  const n = NAMES.get(name.toUpperCase());
  if (!n) throw new Error(`unknown system register '${name}'`);
  return n;
}

function pairToBig(p: Int32Array): bigint {
  return (BigInt(p[1] >>> 0) << 32n) | BigInt(p[0] >>> 0);
}

function bigToPair(v: bigint, out: Int32Array): void {
  out[0] = Number(BigInt.asIntN(32, v));
  out[1] = Number(BigInt.asIntN(32, v >> 32n));
}
