/**
 * Every kind of breakpoint the session stops on, compiled for the machine it
 * runs: line breakpoints (addresses, register conditions, "from hit N"),
 * protocol breakpoints (matched on trace events) and data watchpoints
 * (memory ranges and registers, compared step by step like a debugger's
 * software watchpoints). It also keeps each breakpoint's hits on the current
 * branch, so counts are right wherever the machine is in time.
 */
import type { Machine, SourceBreakpoint, VcpuRegisters } from '../core/machine/api.ts';
import { eventKindsOf, lastMatchBefore, matchesBreakpoint, protocolBreakpointSchema, type ProtocolTracker } from '../core/debug/breakpoints.ts';
import { parseCondition, type Condition } from '../core/debug/condition.ts';
import type { TraceEvent, TraceEventKind } from '../core/trace/events.ts';
import type { FileLine, Program } from './build.ts';
import type { LineBreakpoint, ProtocolBreakpointEntry, Watchpoint } from './protocol.ts';

/** The key of a line breakpoint in hit counts and errors. */
export function lineKey(b: FileLine): string {
  return `${b.file}:${b.line}`;
}

interface CompiledLine {
  readonly key: string;
  readonly at: FileLine;
  readonly condition: Condition | null;
  readonly fromHit: number;
}

interface CompiledWatch {
  readonly id: string;
  /** The watched value now, as hex (registers) or hex bytes (memory). */
  read(m: Machine): string;
}

/** Why a check stopped: the breakpoint and what the stop shows the user. */
export type Hit =
  | { readonly kind: 'line'; readonly key: string; readonly vm: number; readonly vcpu: number; readonly at: FileLine }
  | { readonly kind: 'protocol'; readonly id: string; readonly event: TraceEvent }
  | { readonly kind: 'watch'; readonly id: string; readonly before: string; readonly after: string };

const REGISTER = /^(?:x([0-9]|[12][0-9]|30)|w([0-9]|[12][0-9]|30)|sp|pc|nzcv)$/;

/** Reads register `reg` (checked against REGISTER) from `r` as fixed-width hex. */
function readRegister(r: VcpuRegisters, reg: string): string {
  if (reg === 'sp') return hex(r.sp, 16);
  if (reg === 'pc') return hex(r.pc, 16);
  if (reg === 'nzcv') return hex(BigInt(r.nzcv), 1);
  const n = Number(reg.slice(1));
  return reg[0] === 'w' ? hex(r.x(n) & 0xffff_ffffn, 8) : hex(r.x(n), 16);
}

function hex(v: bigint, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

export class BreakpointSet {
  private lines = new Map<string, CompiledLine>();
  /** Line breakpoints by `${vm}:${addr}`. */
  private byAddr = new Map<string, CompiledLine[]>();
  private addrs: SourceBreakpoint[] = [];
  private protocol: ProtocolBreakpointEntry[] = [];
  private watches: CompiledWatch[] = [];
  private lastWatchValues: string[] = [];
  private errors: Record<string, string> = {};
  private lineErrors: Record<string, string> = {};
  private otherErrors: Record<string, string> = {};
  /** Steps at which each breakpoint hit on this branch (ascending), by key. */
  private hitLog = new Map<string, number[]>();

  /** `onNewHit` hears of every hit the first time it is recorded (replays meet hits again). */
  constructor(private readonly onNewHit: (step: number) => void = () => {}) {}

  /**
   * Compiles line breakpoints for `program` (null: none apply). A condition
   * that does not parse is reported in `problems()` and the breakpoint is
   * ignored. Hit logs of breakpoints that remain are kept.
   */
  setLines(bps: readonly LineBreakpoint[], program: Program | null): void {
    this.lines.clear();
    this.byAddr.clear();
    this.addrs = [];
    this.lineErrors = {};
    for (const b of bps) {
      const key = lineKey(b);
      let condition: Condition | null = null;
      if (b.condition?.trim()) {
        const parsed = parseCondition(b.condition);
        if (!parsed.ok) {
          this.lineErrors[key] = `condition, column ${parsed.column}: ${parsed.message}`;
          continue;
        }
        condition = parsed.test;
      }
      const compiled: CompiledLine = { key, at: { file: b.file, line: b.line }, condition, fromHit: Math.max(1, Math.floor(b.fromHit ?? 1)) };
      this.lines.set(key, compiled);
      for (const a of program?.addrsOf(b.file, b.line) ?? []) {
        const k = `${a.vm}:${a.addr}`;
        const list = this.byAddr.get(k) ?? [];
        if (list.length === 0) this.addrs.push(a);
        list.push(compiled);
        this.byAddr.set(k, list);
      }
    }
    this.mergeErrors();
  }

  /** Validates and keeps protocol breakpoints; invalid ones are reported and ignored. */
  setProtocol(list: readonly ProtocolBreakpointEntry[]): void {
    this.protocol = [];
    this.otherErrors = Object.fromEntries(Object.entries(this.otherErrors).filter(([id]) => this.watches.some((w) => w.id === id)));
    for (const entry of list) {
      const parsed = protocolBreakpointSchema.safeParse(entry.bp);
      if (!parsed.success) {
        this.otherErrors[entry.id] = parsed.error.issues.map((i) => `${i.path.join('.') || 'breakpoint'}: ${i.message}`).join('; ');
        continue;
      }
      this.protocol.push({ ...entry, bp: parsed.data });
    }
    this.mergeErrors();
  }

  /**
   * Compiles watchpoints against machine `m` (its shape decides what exists).
   * Invalid ones (no such VM/vCPU/register, empty range) are reported and
   * ignored. The current values become the baseline.
   */
  setWatches(list: readonly Watchpoint[], m: Machine | null): void {
    this.watches = [];
    this.otherErrors = Object.fromEntries(Object.entries(this.otherErrors).filter(([id]) => this.protocol.some((p) => p.id === id)));
    for (const w of list) {
      const problem = m ? this.watchProblem(w, m) : null;
      if (problem) {
        this.otherErrors[w.id] = problem;
        continue;
      }
      if (w.kind === 'memory') {
        this.watches.push({
          id: w.id,
          read: (mm) => Array.from(mm.readMemory?.(w.vm, w.addr, w.length) ?? [], (b) => b.toString(16).padStart(2, '0')).join(''),
        });
      } else {
        this.watches.push({ id: w.id, read: (mm) => { const r = mm.registers(w.vm, w.vcpu); return r ? readRegister(r, w.reg) : ''; } });
      }
    }
    this.mergeErrors();
    if (m) this.rebaseWatches(m);
  }

  private watchProblem(w: Watchpoint, m: Machine): string | null {
    const vm = m.view().vms.find((v) => v.id === w.vm);
    if (!vm) return `there is no VM ${w.vm}`;
    if (w.kind === 'memory') {
      if (!(Number.isInteger(w.addr) && w.addr >= 0)) return `address ${w.addr} is not a non-negative integer`;
      if (!(Number.isInteger(w.length) && w.length >= 1 && w.length <= 4096)) return `length must be 1 to 4096 bytes, not ${w.length}`;
      if (w.addr + w.length > vm.memorySize) return `0x${w.addr.toString(16)}+${w.length} is outside VM ${w.vm}'s memory (0x${vm.memorySize.toString(16)} bytes)`;
      return null;
    }
    if (!vm.vcpus[w.vcpu]) return `VM ${w.vm} has no vCPU ${w.vcpu}`;
    if (!REGISTER.test(w.reg)) return `'${w.reg}' is not a register (x0-x30, w0-w30, sp, pc, nzcv)`;
    if (!m.registers(w.vm, w.vcpu)) return `vCPU ${w.vm}.${w.vcpu} has no registers to watch (native scheduler)`;
    return null;
  }

  private mergeErrors(): void {
    this.errors = { ...this.lineErrors, ...this.otherErrors };
  }

  /** Breakpoints that could not be used, by key/id: why. */
  problems(): Readonly<Record<string, string>> {
    return this.errors;
  }

  /** Addresses the machine must stop before. */
  machineBreakpoints(): readonly SourceBreakpoint[] {
    return this.addrs;
  }

  /** Event kinds that enabled protocol breakpoints match (the machine stops after steps with them). */
  protocolEventKinds(): TraceEventKind[] {
    const kinds = new Set<TraceEventKind>();
    for (const p of this.protocol) if (p.enabled) for (const k of eventKindsOf(p.bp)) kinds.add(k);
    return [...kinds];
  }

  hasProtocol(): boolean {
    return this.protocol.some((p) => p.enabled);
  }

  hasWatches(): boolean {
    return this.watches.length > 0;
  }

  hasAny(): boolean {
    return this.addrs.length > 0 || this.hasProtocol() || this.hasWatches();
  }

  /**
   * The machine stopped before `addr` of vCPU (vm, vcpu) at step `step`.
   * Records the hit of every line breakpoint there and returns the one that
   * should stop (its hit count has reached `fromHit` and its condition holds),
   * or null to go on.
   */
  lineHit(m: Machine, vm: number, vcpu: number, addr: number, step: number): Hit | null {
    let stop: Hit | null = null;
    for (const b of this.byAddr.get(`${vm}:${addr}`) ?? []) {
      this.record(b.key, step);
      if (stop) continue;
      if (this.countAtOrBefore(b.key, step) < b.fromHit) continue;
      if (b.condition) {
        const regs = m.registers(vm, vcpu);
        if (!regs || !b.condition(regs)) continue;
      }
      stop = { kind: 'line', key: b.key, vm, vcpu, at: b.at };
    }
    return stop;
  }

  /**
   * Feeds `events` (in order, each observed by `tracker` first) to the
   * enabled protocol breakpoints; records every match (at the step just
   * after its event) and returns the first, or null.
   */
  protocolHit(events: readonly TraceEvent[], tracker: ProtocolTracker): Hit | null {
    let first: Hit | null = null;
    for (const e of events) {
      tracker.observe(e);
      for (const p of this.protocol) {
        if (!p.enabled || !matchesBreakpoint(p.bp, e, tracker)) continue;
        this.record(p.id, e.step + 1);
        first ??= { kind: 'protocol', id: p.id, event: e };
      }
    }
    return first;
  }

  /**
   * The latest match of an enabled protocol breakpoint among `events` (a
   * branch's, in order) whose state step (event step + 1) is before `now`:
   * a pure scan, nothing recorded. Returns the state step, the breakpoint's
   * id and the event, or null.
   */
  lastProtocolHitBefore(events: readonly TraceEvent[], now: number): { step: number; id: string; event: TraceEvent } | null {
    const enabled = this.protocol.filter((p) => p.enabled);
    const hit = lastMatchBefore(enabled.map((p) => p.bp), events, now);
    return hit && { step: hit.step, id: enabled[hit.index].id, event: hit.event };
  }

  /** Takes the watched values of `m` now as the baseline for `watchHit`. */
  rebaseWatches(m: Machine): void {
    this.lastWatchValues = this.watches.map((w) => w.read(m));
  }

  /**
   * Compares the watched values with the baseline after one step that ended
   * at `step`; records each change as a hit at `step` and returns the first,
   * or null. The new values become the baseline.
   */
  watchHit(m: Machine, step: number): Hit | null {
    let first: Hit | null = null;
    this.watches.forEach((w, i) => {
      const now = w.read(m);
      const before = this.lastWatchValues[i];
      if (now === before) return;
      this.lastWatchValues[i] = now;
      this.record(w.id, step);
      first ??= { kind: 'watch', id: w.id, before, after: now };
    });
    return first;
  }

  /** Hits at steps <= `now`, by key (only breakpoints that have hit). */
  hits(now: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of this.hitLog.keys()) {
      const n = this.countAtOrBefore(key, now);
      if (n > 0) out[key] = n;
    }
    return out;
  }

  /** Every recorded hit step (for the scrubber's marks), unordered across breakpoints. */
  *hitSteps(): Iterable<number> {
    for (const steps of this.hitLog.values()) yield* steps;
  }

  /** Forgets hits after `step` (the branch's future was discarded). */
  truncateAfter(step: number): void {
    for (const [key, steps] of this.hitLog) {
      const n = upperBound(steps, step);
      if (n === 0) this.hitLog.delete(key);
      else steps.length = n;
    }
  }

  /** Forgets every hit (a new machine). */
  clearHits(): void {
    this.hitLog.clear();
  }

  /** Records a hit of `key` at `step` once (replays meet the same hits again). */
  private record(key: string, step: number): void {
    const steps = this.hitLog.get(key);
    if (!steps) {
      this.hitLog.set(key, [step]);
    } else {
      const i = upperBound(steps, step);
      if (i > 0 && steps[i - 1] === step) return;
      steps.splice(i, 0, step);
    }
    this.onNewHit(step);
  }

  private countAtOrBefore(key: string, step: number): number {
    const steps = this.hitLog.get(key);
    return steps ? upperBound(steps, step) : 0;
  }
}

/** Number of elements of ascending `a` that are <= `x`. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
