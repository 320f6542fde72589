/**
 * Emitter: the code generator the inline executors write into. Each inline
 * executor describes one instruction as JavaScript statements over local
 * variables (`x3l`/`x3h` for the halves of X3, `spl`/`sph` for SP, `fn fz fc
 * fv` for the flags), with the instruction's fields and address folded in as
 * constants. The block compiler (block.ts) wraps the statements of a run of
 * instructions into one function that loads the locals it needs from the
 * state arrays, loops while the block jumps back to its own start, and
 * stores them back at every exit.
 *
 * Conventions for generated expressions: every value is an int32 (use `|0`,
 * never leave a uint32 or a double in a variable), and a Pair is (lo, hi).
 */
import { SP_SLOT } from './state.ts';

/** (lo, hi) JavaScript expressions of a 64-bit value, each an int32. */
export type Pair = readonly [string, string];
export type Fields = Readonly<Record<string, number>>;

/** The abort fault status codes compiled code reports (DFSC/IFSC, level 3). */
export const FSC_TRANSLATION = 0x07;
export const FSC_PERMISSION = 0x0f;

export class Emitter {
  /** Registers the block reads or writes: 0..30, and 31 for SP. */
  private readonly regs = new Set<number>();
  private readonly regsWritten = new Set<number>();
  private flagsUsed = false;
  private flagsWritten = false;
  private readonly out: string[] = [];
  private tmp = 0;
  /** Address and block position of the instruction being emitted. */
  pc = 0;
  index = 0;
  /** Set when the current instruction stores to memory (the block checks for code writes after it). */
  stores = false;
  /** Set when the block continues at the target of the current (direct, unconditional) branch. */
  follow = false;

  /**
   * @param start address of the block's first instruction.
   * @param len number of instructions in the block.
   * @param memBase, memSize the guest memory the block accesses.
   */
  constructor(
    readonly start: number,
    readonly len: number,
    readonly memBase: number,
    readonly memSize: number,
  ) {}

  /** Starts instruction `index` at address `pc`; `follow` as for the `follow` field. */
  begin(index: number, pc: number, follow = false): void {
    this.index = index;
    this.pc = pc;
    this.stores = false;
    this.follow = follow;
  }

  line(s: string): void {
    this.out.push(s);
  }

  /** Binds `expr` to a fresh constant and returns its name. */
  let(expr: string): string {
    const name = `t${this.tmp++}`;
    this.out.push(`const ${name} = ${expr};`);
    return name;
  }

  /** Reads Xn (n = 31: XZR). */
  x(n: number): Pair {
    if (n === 31) return ['0', '0'];
    this.regs.add(n);
    return [`x${n}l`, `x${n}h`];
  }

  /** Reads Xn or SP (n = 31: SP). */
  xsp(n: number): Pair {
    if (n !== 31) return this.x(n);
    this.regs.add(31);
    return ['spl', 'sph'];
  }

  /** Writes Xn (n = 31: discarded); a 32-bit write (sf = 0) zeroes the high half. */
  setX(n: number, v: Pair, sf: number): void {
    if (n !== 31) this.assign(n, `x${n}l`, `x${n}h`, v, sf);
  }

  /** Writes Xn or SP (n = 31: SP). */
  setXsp(n: number, v: Pair, sf: number): void {
    if (n !== 31) this.assign(n, `x${n}l`, `x${n}h`, v, sf);
    else this.assign(31, 'spl', 'sph', v, sf);
  }

  private assign(n: number, lo: string, hi: string, v: Pair, sf: number): void {
    this.regs.add(n);
    this.regsWritten.add(n);
    const hiExpr = sf ? v[1] : '0';
    // The high half must not see the new low half.
    if (hiExpr.includes(lo)) {
      const t = this.let(hiExpr);
      this.out.push(`${lo} = ${v[0]}; ${hi} = ${t};`);
    } else {
      this.out.push(`${lo} = ${v[0]}; ${hi} = ${hiExpr};`);
    }
  }

  /** The flags as locals, for reading. */
  flags(): { n: string; z: string; c: string; v: string } {
    this.flagsUsed = true;
    return { n: 'fn', z: 'fz', c: 'fc', v: 'fv' };
  }

  /** Sets all four flags from 0/1 expressions (evaluated before any is written). */
  setFlags(n: string, z: string, c: string, v: string): void {
    this.flagsUsed = true;
    this.flagsWritten = true;
    const [tn, tz, tc, tv] = [n, z, c, v].map((x) => this.let(x));
    this.out.push(`fn = ${tn}; fz = ${tz}; fc = ${tc}; fv = ${tv};`);
  }

  /** The boolean expression of condition code `cond` (0..15). */
  cond(cond: number): string {
    this.flagsUsed = true;
    const base = ['fz !== 0', 'fc !== 0', 'fn !== 0', 'fv !== 0', '(fc !== 0 && fz === 0)', 'fn === fv', '(fz === 0 && fn === fv)', 'true'][cond >> 1];
    if (cond >= 14 || (cond & 1) === 0) return base;
    return `!(${base})`;
  }

  /** Statements that leave the block with PC at the current instruction (not retired). */
  private stopHere(setup: string): string {
    return `{ ${setup} n += ${this.index}; pc = ${this.pc}; break block; }`;
  }

  /**
   * Checks a guest access of `len` bytes at 64-bit address `addr` and returns
   * the name of its int32 offset into memory. Out of range (or a store to a
   * read-only page), the block stops at this instruction with an abort.
   * `iss` holds the syndrome bits the abort reports (ISV, SAS, SSE, SRT, SF).
   */
  access(addr: Pair, len: number, write: boolean, iss: number): string {
    const o = this.let(`(${addr[0]} - ${this.memBase}) | 0`);
    const lim = this.memSize - len;
    const abort = (fsc: number) => `H.abort(S, ${write ? 1 : 0}, ${addr[0]}, ${addr[1]}, ${iss}, ${fsc});`;
    const bad = lim < 0 ? 'true' : `${addr[1]} !== 0 || (${o} >>> 0) > ${lim}`;
    this.out.push(`if (${bad}) ${this.stopHere(abort(FSC_TRANSLATION))}`);
    if (write) {
      this.stores = true;
      const last = len === 1 ? o : `(${o} + ${len - 1})`;
      this.out.push(`if ((PF[${o} >>> 12] | PF[${last} >>> 12]) !== 0) {`);
      this.out.push(`  const s = MEM.checkStore(${o}, ${len});`);
      this.out.push(`  if (s === 1) ${this.stopHere(abort(FSC_PERMISSION))}`);
      this.out.push(`  if (s === 2) inv = 1;`);
      this.out.push('}');
    }
    return o;
  }

  /** With SP as a base register: stops with an SP alignment fault when checking is on and SP is misaligned. */
  checkSpAlign(): void {
    this.regs.add(31);
    this.out.push(`if ((spl & 15) !== 0 && S.saOn !== 0) ${this.stopHere('S.exit = 2;')}`);
  }

  /** Ends the block's current path: jump to `target` (a constant address or an expression). */
  goto(target: number | string): void {
    const t = typeof target === 'number' ? String(target) : this.let(target);
    this.out.push(`n += ${this.len};`);
    if (typeof target !== 'number' || target === this.start) {
      this.out.push(`if (${t} === ${this.start} && n + ${this.len} <= budget) continue;`);
    }
    this.out.push(`pc = ${t}; break block;`);
  }

  /** After a store that hit cached code: leave with PC at the next instruction. */
  leaveIfCodeWritten(next: number): void {
    this.out.push(`if (inv !== 0) { S.exit = 3; n += ${this.index + 1}; pc = ${next}; break block; }`);
  }

  /**
   * The block's factory body: returns `function (budget)` that runs the block
   * and returns the instructions retired. Every exit breaks out of the loop
   * to one store-back of the registers written.
   */
  finish(): string {
    const load: string[] = [];
    const store: string[] = [];
    for (const n of [...this.regs].sort((a, b) => a - b)) {
      const [lo, hi, slot] = n === 31 ? ['spl', 'sph', SP_SLOT] : [`x${n}l`, `x${n}h`, 2 * n];
      load.push(`let ${lo} = r[${slot}], ${hi} = r[${slot + 1}];`);
      if (this.regsWritten.has(n)) store.push(`r[${slot}] = ${lo}; r[${slot + 1}] = ${hi};`);
    }
    if (this.flagsUsed) load.push('let fn = F[0], fz = F[1], fc = F[2], fv = F[3];');
    if (this.flagsWritten) store.push('F[0] = fn; F[1] = fz; F[2] = fc; F[3] = fv;');
    return [
      'return (function (budget) {',
      'let n = 0, inv = 0, pc = 0;',
      ...load,
      'block: for (;;) {',
      ...this.out,
      '}',
      ...store,
      'S.pc = pc;',
      'return n;',
      '});',
    ].join('\n');
  }
}
