/**
 * The Machine: physical CPUs, each VM's memory and vCPU cores, the Hafnium
 * model, the native scheduler when the primary is native, and the recorded
 * choice source. See api.ts for the contract and what one step is.
 *
 * Determinism: the only inputs are the scenario, the images, the choices and
 * the inputs from outside (injected interrupts); every choice (CPU slices,
 * native threads) and every input is recorded, and replaying the recorded
 * lists after `restore` reproduces the run byte for byte.
 */
import { Arm64Cpu } from '../arm64/cpu/core.ts';
import type { CoreExit, CoreSnapshot } from '../arm64/cpu/types.ts';
import { Memory, type MemorySnapshot } from './memory.ts';
import type { Choice, EndReason, TraceEvent, TraceEventKind, VcpuRef } from '../trace/events.ts';
import { TraceRecorder } from '../trace/log.ts';
import { Hypervisor } from '../hafnium/hypervisor.ts';
import { cloneModel, type HvModel, type VcpuModel } from '../hafnium/model.ts';
import { RegFile, type RegFileSnapshot } from '../hafnium/regs.ts';
import { PSCI_FUNCTIONS } from '../hafnium/abi/psci.ts';
import { HF_NUM_INTIDS } from '../hafnium/abi/v3.ts';
import { interruptEvent, markPending } from '../hafnium/calls/v3.ts';
import { hexNum, pair, ZERO } from '../hafnium/u64.ts';
import { ChoiceLog, cpuChoice, createChooser, pickCpu, pickThread, threadChoice, type ChooserState } from '../scheduler/choice.ts';
import { cloneNativeState, createNativeState, NativeScheduler, type NativeState } from '../scheduler/native.ts';
import type { Scenario } from '../scenario/schema.ts';
import { DEFAULT_VM_MEMORY } from '../scenario/schema.ts';
import type { ChoiceRequest, GuestImage, Machine, MachineImages, MachineInput, MachineOptions, MachineSnapshot, MachineView, Recording, RunOutcome, SourceBreakpoint, StopWhen, VcpuRegisters } from './api.ts';
import { buildView } from './view.ts';
import { liveRegisters } from './registers.ts';

/** Where the native primary's mailbox pages live. */
export const NATIVE_PAGES = { send: 0x10000, recv: 0x11000 } as const;

const PSTATE_I = 0x80;

/** One physical CPU (plain data). */
export interface CpuState {
  /** The vCPU it runs (for a native primary: the scheduler itself), or null when idle. */
  running: VcpuRef | null;
  /** Steps the running secondary has taken since it was switched in (the timer fires at the quantum). */
  slice: number;
  /** An IPI from the native scheduler: preempt the running secondary before its next step. */
  kick: boolean;
  /** The primary executed WFI (not trapped): the CPU waits for an interrupt that never comes. */
  halted: boolean;
}

interface SnapshotData {
  readonly cores: (CoreSnapshot | RegFileSnapshot)[][];
  readonly mems: MemorySnapshot[];
  readonly model: HvModel;
  readonly console: string;
  /** How many run codes the primary had seen (they are the trace's run_return events). */
  readonly runCodes: number;
  readonly cpus: CpuState[];
  readonly native: NativeState | null;
  readonly chooser: ChooserState;
  readonly slice: { cpu: number; left: number } | null;
  readonly ended: EndReason | null;
  /** The step and CPU the trace stamps on the next event (a choice is recorded before any step runs). */
  readonly traceStamp: { readonly step: number; readonly cpu: number };
  /** Per VM, per vCPU: steps it has taken (`VcpuView.retired`). */
  readonly retired: number[][];
  /** How many recorded inputs have been applied. */
  readonly inputCursor: number;
}

/** Builds a machine from a validated scenario and its assembled images. */
export function createMachine(scenario: Scenario, images: MachineImages, options: MachineOptions = {}): Machine {
  return new HvMachine(scenario, images, options);
}

export class HvMachine implements Machine {
  readonly abi;
  readonly trace: TraceRecorder;
  readonly hv: Hypervisor;
  readonly mems: Memory[];
  /** Per VM, per vCPU: a core (guest code) or a bare register file (native primary). */
  readonly cores: (Arm64Cpu | RegFile)[][];
  readonly cpus: CpuState[];
  readonly native: NativeScheduler | null;
  readonly quantum: number;
  readonly maxSteps: number;
  private chooser: ChooserState;
  private readonly recorded = new ChoiceLog();
  private cursor = 0;
  /** The CPU slice being executed: `left` more steps on `cpu`. */
  private slice: { cpu: number; left: number } | null = null;
  private pending: ChoiceRequest | null = null;
  private endReason: EndReason | null = null;
  private count = 0;
  private readonly names: Record<string, number>;
  /** The options of the last choice event of each kind, frozen and shared while they repeat. */
  private lastCpuOptions: readonly number[] = Object.freeze([]);
  private lastThreadOptions: readonly VcpuRef[] = Object.freeze([]);
  /** Per VM, per vCPU: steps it has taken, counted as `count` counts them. */
  private retiredBy: number[][];
  /** Live register readers, made on first use. */
  private readonly readers: (VcpuRegisters | undefined)[][];
  /** Inputs from outside, ascending by step: those before `inputCursor` are applied. */
  private readonly inputs: MachineInput[];
  private inputCursor = 0;
  /** Step of the next input to apply (Infinity when none): `run` never steps past it without applying it. */
  private nextInputAt = Infinity;

  constructor(
    readonly scenario: Scenario,
    images: MachineImages,
    options: MachineOptions,
  ) {
    this.abi = scenario.abi;
    this.trace = new TraceRecorder(options.trace ?? true);
    this.quantum = scenario.schedule.quantum;
    this.maxSteps = options.maxSteps ?? scenario.maxSteps;
    this.chooser = createChooser(scenario.schedule.kind, options.seed ?? scenario.schedule.seed);
    for (const c of options.choices ?? []) this.recorded.push(c);
    // Stable: inputs at one step keep their recorded order.
    this.inputs = [...(options.inputs ?? [])].sort((a, b) => a.step - b.step);
    this.nextInputAt = this.inputs.length ? this.inputs[0].step : Infinity;
    const ncpus = scenario.cpus;
    const nativePrimary = scenario.primary.kind === 'native';
    const specs = [
      { name: scenario.primary.name, vcpus: ncpus, memory: scenario.primary.kind === 'guest' ? scenario.primary.memory : DEFAULT_VM_MEMORY },
      ...scenario.vms.map((v) => ({ name: v.name, vcpus: v.vcpus, memory: v.memory })),
    ];
    this.mems = specs.map((s) => new Memory(0, s.memory));
    this.cores = specs.map((s, vm) =>
      Array.from({ length: s.vcpus }, (_, i) => {
        if (vm === 0 && nativePrimary) return new RegFile();
        const core = new Arm64Cpu(this.mems[vm]);
        core.setSysreg('MPIDR_EL1', (1n << 31n) | BigInt(i));
        return core;
      }),
    );
    this.retiredBy = specs.map((s) => Array<number>(s.vcpus).fill(0));
    this.readers = specs.map((s) => Array<VcpuRegisters | undefined>(s.vcpus).fill(undefined));
    this.cpus = Array.from({ length: ncpus }, () => ({ running: null, slice: 0, kick: false, halted: false }));
    this.hv = new Hypervisor(
      scenario.abi,
      specs,
      {
        regs: (vm, vcpu) => this.cores[vm][vcpu],
        memory: (vm) => this.mems[vm],
        cpuOn: (cpu) => this.cpuOn(cpu),
        end: (r) => this.end(r),
      },
      this.trace,
    );
    this.names = { ...this.hv.abi.functions, ...PSCI_FUNCTIONS };
    const all: (GuestImage | null)[] = [images.primary, ...images.vms];
    all.forEach((img, vm) => {
      if (img) this.mems[vm].write(img.base, img.bytes);
      this.hv.start(this.hv.model.vms[vm].vcpus[0], img ? img.entry : 0, ZERO, 'boot');
    });
    this.native = nativePrimary
      ? new NativeScheduler(
          {
            hv: this.hv,
            pages: NATIVE_PAGES,
            call: (cpu, name, a1 = 0, a2 = 0, a3 = 0) => this.nativeCall(cpu, name, a1, a2, a3),
            kick: (t) => this.kick(t),
          },
          createNativeState(this.hv, ncpus),
        )
      : null;
    this.cpuOn(0, 'boot');
    this.applyInputs();
  }

  get steps(): number {
    return this.count;
  }
  get ended(): EndReason | null {
    return this.endReason;
  }
  get choices(): readonly Choice[] {
    return this.recorded.list(this.cursor);
  }

  step(n = 1): RunOutcome {
    return this.run(n);
  }

  run(budget: number, stopWhen: StopWhen = {}): RunOutcome {
    const start = this.count;
    const kinds = stopWhen.eventKinds?.length ? new Set<TraceEventKind>(stopWhen.eventKinds) : null;
    const target = Math.min(start + Math.max(0, Math.floor(budget)), stopWhen.atStep ?? Infinity, this.maxSteps);
    while (this.endReason === null) {
      if (this.count >= this.maxSteps) {
        this.end({ kind: 'step_limit', limit: this.maxSteps });
        break;
      }
      if (stopWhen.atStep !== undefined && this.count >= stopWhen.atStep) return { stop: 'at_step', steps: this.count - start };
      if (this.count >= target) return { stop: 'budget', steps: this.count - start };
      if (!this.slice || this.slice.left <= 0 || !this.isActive(this.slice.cpu)) {
        const active = this.activeCpus();
        if (active.length === 0) {
          // The slice is kept: an input can revive a quiescent run, which then goes on as a replay
          // that applied the input on reaching this step (before this check) does.
          this.end({ kind: 'quiescent' });
          break;
        }
        this.slice = null;
        const c = this.nextChoice({ kind: 'cpu', options: active, maxSteps: this.quantum });
        if (!c) return { stop: 'need_choice', steps: this.count - start };
        if (c.kind === 'cpu') this.slice = { cpu: c.cpu, left: c.steps };
      }
      const sl = this.slice;
      if (!sl) continue;
      const mark = this.trace.length;
      const before = this.count;
      const bp = this.stepCpu(sl.cpu, Math.min(sl.left, Math.min(target, this.nextInputAt) - this.count));
      if (this.count >= this.nextInputAt) this.applyInputs();
      if (bp === 'need_choice') return { stop: 'need_choice', steps: this.count - start };
      sl.left -= this.count - before;
      if (bp) return { stop: 'breakpoint', steps: this.count - start, ...bp };
      if (kinds && this.trace.length > mark) {
        const hit = this.trace.since(mark).find((e) => kinds.has(e.kind));
        if (hit) return { stop: 'event', steps: this.count - start, event: hit };
      }
    }
    return { stop: 'ended', steps: this.count - start, reason: this.endReason as EndReason };
  }

  // ---- one CPU ------------------------------------------------------------

  /**
   * Up to `n` steps on CPU `ci`. Returns a breakpoint hit, 'need_choice' when a
   * manual thread choice is needed first, or null.
   */
  private stepCpu(ci: number, n: number): { vm: number; vcpu: number; addr: number } | 'need_choice' | null {
    const cpu = this.cpus[ci];
    const ref = cpu.running as VcpuRef;
    const v = this.vcpu(ref);
    this.trace.cpu = ci;
    this.trace.step = this.count;
    if (this.native && ref.vm === 0) return this.nativeAction(ci);
    let limit = n;
    if (ref.vm !== 0) {
      if (cpu.kick || cpu.slice >= this.quantum) {
        cpu.kick = false;
        this.switchTo(ci, v, this.hv.preempt(ci, v));
        return null;
      }
      limit = Math.min(limit, this.quantum - cpu.slice);
    }
    const core = this.cores[ref.vm][ref.vcpu] as Arm64Cpu;
    if (core.irqLine && this.trace.on) {
      limit = 1;
      if ((core.getPstate() & PSTATE_I) === 0) this.irqTaken(v, core);
    }
    // Steps = the core's budget units (instructions retired + exceptions taken), plus
    // one for a trapped instruction: the same whatever the slicing of the run.
    const before = core.retired + core.exceptions;
    const exit: CoreExit = core.run(limit);
    let taken = core.retired + core.exceptions - before;
    if (exit.kind === 'wfi' || exit.kind === 'wfe' || exit.kind === 'abort' || exit.kind === 'brk' || exit.kind === 'exception') taken++;
    this.count += taken;
    this.retiredBy[ref.vm][ref.vcpu] += taken;
    if (ref.vm !== 0) cpu.slice += taken;
    this.trace.step = Math.max(0, this.count - 1);
    switch (exit.kind) {
      case 'budget':
        return null;
      case 'hvc':
        this.switchTo(ci, v, this.hv.hvc(ci, v));
        return null;
      case 'smc':
        this.switchTo(ci, v, this.hv.smc(ci, v));
        return null;
      case 'wfi':
        if (ref.vm === 0) cpu.halted = true;
        else this.switchTo(ci, v, this.hv.wfi(ci, v));
        return null;
      case 'wfe':
        if (ref.vm === 0) core.pc += 4;
        else this.hv.wfe(ci, v);
        return null;
      case 'abort':
        this.hv.abort(v, exit.access, exit.addr, exit.esr);
        cpu.running = null;
        return null;
      case 'breakpoint':
        return { vm: ref.vm, vcpu: ref.vcpu, addr: exit.pc };
      default:
        this.hv.abort(v, 'fetch', core.pc, 0);
        cpu.running = null;
        return null;
    }
  }

  /** One native-scheduler action on CPU `ci` (one step). */
  private nativeAction(ci: number): 'need_choice' | null {
    const nat = this.native as NativeScheduler;
    if (!nat.state.initialised) {
      nat.init(this.cpus.length);
    } else if (nat.state.react[ci]) {
      const r = this.cores[0][ci];
      nat.reactPending(ci, pair(r.xlo(0), r.xhi(0)));
    } else {
      const c = this.nextChoice({ kind: 'thread', cpu: ci, options: nat.runnable() });
      if (!c) return 'need_choice';
      if (c.kind === 'thread') nat.runThread(ci, { vm: c.vm, vcpu: c.vcpu });
    }
    this.count++;
    this.retiredBy[0][ci]++;
    return null;
  }

  private irqTaken(v: VcpuModel, core: Arm64Cpu): void {
    const mode = core.getPstate() & 0xf;
    const offset = mode === 0b0101 ? 0x280 : mode === 0b0100 ? 0x080 : 0x480;
    const vbar = Number(core.getSysreg('VBAR_EL1') & 0xffff_ffff_ffffn);
    this.trace.emit({ kind: 'exception', vm: v.vm, vcpu: v.index, type: 'irq', pc: hexNum(core.pc), vector: hexNum(vbar + offset) });
  }

  /** CPU `ci` now runs `next` instead of `prev` (null: idle). */
  private switchTo(ci: number, prev: VcpuModel, next: VcpuModel | null): void {
    const cpu = this.cpus[ci];
    if (next === prev) return;
    cpu.running = next ? this.hv.ref(next) : null;
    cpu.slice = 0;
    cpu.kick = false;
    if (this.native && next && next.vm === 0 && prev.vm !== 0) this.native.returned(ci, { vm: prev.vm, vcpu: prev.index });
  }

  private cpuOn(cpu: number, cause = 'PSCI_CPU_ON'): void {
    const v = this.hv.primaryOf(cpu);
    v.cpu = cpu;
    this.hv.setState(v, 'running', cause);
    this.cpus[cpu] = { running: this.hv.refs[0][cpu], slice: 0, kick: false, halted: false };
  }

  private kick(t: VcpuRef): void {
    const cpu = this.cpus.find((c) => c.running && c.running.vm === t.vm && c.running.vcpu === t.vcpu);
    if (cpu) cpu.kick = true;
  }

  private nativeCall(cpu: number, name: string, a1: number, a2: number, a3: number) {
    const p = this.hv.primaryOf(cpu);
    const r = this.cores[0][cpu];
    r.setX(0, this.names[name], 0);
    r.setX(1, a1 >>> 0, 0);
    r.setX(2, a2 >>> 0, 0);
    r.setX(3, a3 >>> 0, 0);
    const next = this.hv.hvc(cpu, p, true);
    const value = pair(r.xlo(0), r.xhi(0));
    const switched = next !== p;
    if (switched) this.switchTo(cpu, p, next);
    return { value, switched };
  }

  private vcpu(r: VcpuRef): VcpuModel {
    return this.hv.model.vms[r.vm].vcpus[r.vcpu];
  }

  private isActive(ci: number): boolean {
    const c = this.cpus[ci];
    if (!c.running) return false;
    if (c.running.vm !== 0) return true;
    if (this.native) return this.native.canAct(ci);
    return !c.halted;
  }

  private activeCpus(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.cpus.length; i++) if (this.isActive(i)) out.push(i);
    return out;
  }

  // ---- choices --------------------------------------------------------------

  /**
   * The next choice for `req`: the recorded one when replaying (if still
   * legal), else the choice source's. The source is consulted either way so
   * its state stays in step with the recorded run. Returns null when a manual
   * choice is needed (`pendingChoice`).
   */
  private nextChoice(req: ChoiceRequest): Choice | null {
    let gen: Choice | null = null;
    if (req.kind === 'cpu') {
      const c = pickCpu(this.chooser, req.options, this.quantum);
      if (c) gen = cpuChoice(c.cpu, c.steps);
    } else {
      const t = pickThread(this.chooser, req.options);
      if (t) gen = threadChoice(req.cpu, t.vm, t.vcpu);
    }
    let choice: Choice | null = null;
    if (this.cursor < this.recorded.length) {
      const rec = this.recorded.at(this.cursor);
      if (legal(rec, req)) choice = rec;
      else if (this.waitsForOtherDecision(rec, req)) {
        if (gen) {
          this.recorded.insert(this.cursor, gen);
          choice = gen;
        }
      } else this.recorded.truncate(this.cursor);
    }
    if (!choice) {
      if (!gen) {
        this.pending = req.kind === 'cpu' ? req : { ...req, options: copyOptions(req) as VcpuRef[] };
        return null;
      }
      choice = gen;
      this.recorded.push(choice);
    }
    this.cursor++;
    this.pending = null;
    if (this.trace.on) this.trace.add({ kind: 'choice', choice, options: this.eventOptions(req), step: this.trace.step, cpu: this.trace.cpu });
    return choice;
  }

  /**
   * The options of `req` for its choice event: frozen, shared with the
   * previous event of the same kind when they are the same (a long trace
   * holds millions of choice events, mostly with the same options).
   */
  private eventOptions(req: ChoiceRequest): readonly number[] | readonly VcpuRef[] {
    if (req.kind === 'cpu') {
      const last = this.lastCpuOptions;
      if (last.length === req.options.length && req.options.every((o, i) => o === last[i])) return last;
      return (this.lastCpuOptions = Object.freeze([...req.options]));
    }
    const last = this.lastThreadOptions;
    if (last.length === req.options.length && req.options.every((o, i) => o.vm === last[i].vm && o.vcpu === last[i].vcpu)) return last;
    return (this.lastThreadOptions = Object.freeze(req.options.map((o) => this.hv.refs[o.vm][o.vcpu])));
  }

  pendingChoice(): ChoiceRequest | null {
    return this.pending;
  }

  choose(choice: Choice): string | null {
    const req = this.pending;
    if (!req) return 'no choice is pending';
    if (!legal(choice, req)) return `not one of the options: ${JSON.stringify(req)}`;
    const rec = this.cursor < this.recorded.length ? this.recorded.at(this.cursor) : null;
    if (rec && this.waitsForOtherDecision(rec, req)) {
      this.recorded.insert(this.cursor, choice);
    } else {
      this.recorded.truncate(this.cursor);
      this.recorded.push(choice);
    }
    return null;
  }

  /**
   * Whether recorded choice `rec`, at the cursor, is a next-choice override
   * (`setNextChoice`: the last recorded choice) for another kind of decision
   * than `req` (a CPU decision, or another CPU's thread decision): then `req`
   * is decided before it (by the source, or `choose`), inserted ahead of it,
   * and the override waits for its own kind. A replay of the recording holds
   * the inserted choices already, so it decides the same.
   */
  private waitsForOtherDecision(rec: Choice, req: ChoiceRequest): boolean {
    if (this.cursor !== this.recorded.length - 1) return false;
    return req.kind === 'cpu' ? rec.kind !== 'cpu' : rec.kind !== 'thread' || rec.cpu !== req.cpu;
  }

  /**
   * See `Machine.setNextChoice`. The choice becomes the recorded choice at
   * the cursor, taken by the next decision of its kind (if legal then):
   * a CPU choice by the next CPU decision, a thread choice by CPU `cpu`'s
   * next thread decision; decisions of other kinds before it are made as
   * usual and recorded ahead of it (`waitsForOtherDecision`), so a replay of
   * `recording()` decides the same. A CPU slice in progress is not cut short:
   * its steps were decided by a recorded choice a replay repeats, so a CPU
   * override is the decision made when that slice ends (at once when no
   * slice is in progress, e.g. after a slice's last step).
   */
  setNextChoice(choice: Choice): string | null {
    const err = this.checkChoice(choice);
    if (err) return err;
    this.discardFuture();
    this.recorded.push(choice);
    return null;
  }

  /** Why `c` can never be a legal choice on this machine, or null. */
  private checkChoice(c: Choice): string | null {
    if (this.endReason) return `the run has ended (${this.endReason.kind})`;
    const ncpus = this.cpus.length;
    if (!Number.isInteger(c.cpu) || c.cpu < 0 || c.cpu >= ncpus) return `no CPU ${c.cpu}: the machine has CPUs 0 to ${ncpus - 1}`;
    if (c.kind === 'cpu') {
      if (!Number.isInteger(c.steps) || c.steps < 1 || c.steps > this.quantum) return `steps must be a whole number from 1 to the quantum (${this.quantum}), not ${c.steps}`;
      return null;
    }
    if (c.kind !== 'thread') return `unknown choice kind '${(c as { kind: unknown }).kind}'`;
    if (!this.native) return 'thread choices need the native primary (this primary is a guest program)';
    if (!Number.isInteger(c.vm) || c.vm < 1 || !this.hv.vmById(c.vm)) return `no secondary VM ${c.vm}: the secondaries are VMs 1 to ${this.hv.model.vms.length - 1}`;
    return this.checkVcpu(c.vm, c.vcpu);
  }

  /** Why (vm, vcpu) names no vCPU, or null. */
  private checkVcpu(vm: number, vcpu: number): string | null {
    const vms = this.hv.model.vms;
    if (!Number.isInteger(vm) || !vms[vm]) return `no VM ${vm}: the VMs are 0 to ${vms.length - 1}`;
    const n = vms[vm].vcpus.length;
    if (!Number.isInteger(vcpu) || vcpu < 0 || vcpu >= n) return `VM ${vm} has no vCPU ${vcpu} (it has ${n === 1 ? 'vCPU 0 only' : `vCPUs 0 to ${n - 1}`})`;
    return null;
  }

  // ---- inputs from outside ---------------------------------------------------

  /**
   * See `Machine.injectInterrupt`. The injection is part of the state at step
   * `steps` (see `MachineInput`): its events carry step `steps - 1` (0 at
   * step 0), as the choice made before step `steps` does, and the CPU the
   * target last ran on (0 if it never ran). The target changes as
   * at HF_INTERRUPT_INJECT from the primary (cause 'external interrupt', the
   * interrupt event marked `external`); with the native primary, the driver
   * then wakes the target's thread as it does when an injection returns 1.
   * A quiescent run is revived (its end withdrawn: the input came before
   * anything noticed that nothing could run); any other end is final.
   */
  injectInterrupt(vm: number, vcpu: number, intid: number): string | null {
    const over = this.endReason && this.endReason.kind !== 'quiescent' ? `the run has ended (${this.endReason.kind})` : null;
    const err = this.checkInterrupt(vm, vcpu, intid) ?? over;
    if (err) return err;
    this.discardFuture();
    const input: MachineInput = { kind: 'interrupt', step: this.count, vm, vcpu, intid };
    this.inputs.push(input);
    this.setInputCursor(this.inputs.length);
    this.interrupt(input);
    return null;
  }

  /** Why an injection of `intid` into (vm, vcpu) is impossible at this ABI generation, or null. */
  private checkInterrupt(vm: number, vcpu: number, intid: number): string | null {
    const bad = this.checkVcpu(vm, vcpu);
    if (bad) return bad;
    if (this.abi !== 'v3-notify') return `the ${this.abi} ABI has no virtual interrupts (they come with v3-notify)`;
    if (!Number.isInteger(intid) || intid < 0 || intid >= HF_NUM_INTIDS) return `interrupt id ${intid} is out of range: ${this.abi} has ids 0 to ${HF_NUM_INTIDS - 1}`;
    return null;
  }

  /**
   * Applies the recorded inputs due now (a recorded input that is impossible
   * here changes nothing). Called wherever `count` or the cursor moves (boot,
   * each CPU chunk, restore), so the machine never rests at a step with an
   * input of that step unapplied; `run` caps its chunks at the next input's step.
   */
  private applyInputs(): void {
    let i = this.inputCursor;
    for (; i < this.inputs.length && this.inputs[i].step <= this.count; i++) {
      const inp = this.inputs[i];
      if (this.checkInterrupt(inp.vm, inp.vcpu, inp.intid) === null) this.interrupt(inp);
    }
    this.setInputCursor(i);
  }

  private interrupt(inp: MachineInput): void {
    if (this.endReason?.kind === 'quiescent') this.revive();
    const target = this.hv.model.vms[inp.vm].vcpus[inp.vcpu];
    const { step, cpu } = this.trace;
    this.trace.step = Math.max(0, this.count - 1);
    this.trace.cpu = target.cpu ?? 0;
    const first = markPending(this.hv, target, inp.intid, 'external interrupt');
    if (this.trace.on) interruptEvent(this.hv, target, 'inject', inp.intid, true);
    if (first && this.native) this.native.interruptInjected(this.hv.ref(target));
    // The stamp of the next event (a choice) must not depend on whether an input came first.
    this.trace.step = step;
    this.trace.cpu = cpu;
  }

  /**
   * Withdraws a quiescent end: an input arrived at the step where nothing
   * could run, as a replay applies it before noticing that. The end event is
   * the last of the ended state's trace (nothing happens after it), though
   * after a restore its slot may hold what the revived branch recorded there.
   */
  private revive(): void {
    this.endReason = null;
    if (this.trace.length > 0) this.trace.resize(this.trace.length - 1);
  }

  private setInputCursor(i: number): void {
    this.inputCursor = i;
    this.nextInputAt = i < this.inputs.length ? this.inputs[i].step : Infinity;
  }

  /** Forgets the recorded future (choices after the cursor, inputs not yet applied): what follows is a new branch. */
  private discardFuture(): void {
    this.recorded.truncate(this.cursor);
    this.inputs.length = this.inputCursor;
    this.setInputCursor(this.inputCursor);
  }

  recording(): Recording {
    return { choices: this.recorded.list(), inputs: this.inputs.map((i) => ({ ...i })) };
  }

  // ---- registers -------------------------------------------------------------

  /** See `Machine.registers`; for a native primary's vCPU, see `liveRegisters` (no SP). */
  registers(vm: number, vcpu: number): VcpuRegisters | null {
    const regs = this.cores[vm]?.[vcpu];
    if (!regs) return null;
    return (this.readers[vm][vcpu] ??= liveRegisters(regs));
  }

  /** See `Machine.retired`: for a native primary's vCPU, the scheduler actions on its CPU. */
  retired(vm: number, vcpu: number): number {
    return this.retiredBy[vm]?.[vcpu] ?? 0;
  }

  // ---- end, views, snapshots -----------------------------------------------

  private end(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.trace.emit({ kind: 'end', reason });
  }

  view(): MachineView {
    return buildView(this, this.pending, this.endReason);
  }

  setBreakpoints(bps: readonly SourceBreakpoint[]): void {
    this.cores.forEach((vcpus, vm) => {
      const addrs = bps.filter((b) => b.vm === vm).map((b) => b.addr);
      for (const c of vcpus) if (c instanceof Arm64Cpu) c.setBreakpoints(addrs);
    });
  }

  readMemory(vm: number, addr: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, length));
    const mem = this.mems[vm];
    if (!mem) return out;
    const from = Math.max(addr, mem.base);
    const to = Math.min(addr + length, mem.base + mem.size);
    if (to > from) out.set(mem.read(from, to - from), from - addr);
    return out;
  }

  snapshot(): MachineSnapshot {
    const data: SnapshotData = {
      cores: this.cores.map((vcpus) => vcpus.map((c) => c.snapshot())),
      mems: this.mems.map((m) => m.snapshot()),
      model: cloneModel(this.hv.model),
      console: this.hv.console,
      runCodes: this.hv.runCodes.length,
      cpus: this.cpus.map((c) => ({ ...c, running: c.running ? { ...c.running } : null })),
      native: this.native ? cloneNativeState(this.native.state) : null,
      chooser: { ...this.chooser },
      slice: this.slice ? { ...this.slice } : null,
      ended: this.endReason,
      traceStamp: { step: this.trace.step, cpu: this.trace.cpu },
      retired: this.retiredBy.map((r) => [...r]),
      inputCursor: this.inputCursor,
    };
    return { version: 1, steps: this.count, traceLength: this.trace.length, choiceCount: this.cursor, data };
  }

  restore(s: MachineSnapshot, history?: readonly TraceEvent[]): void {
    const d = s.data as SnapshotData;
    d.cores.forEach((vcpus, vm) => vcpus.forEach((snap, i) => restoreCore(this.cores[vm][i], snap)));
    d.mems.forEach((m, vm) => this.mems[vm].restore(m));
    const model = cloneModel(d.model);
    this.hv.model.vms.splice(0, this.hv.model.vms.length, ...model.vms);
    this.hv.console = d.console;
    this.restoreRunCodes(d.runCodes, s.traceLength, history);
    d.cpus.forEach((c, i) => (this.cpus[i] = { ...c, running: c.running ? { ...c.running } : null }));
    if (this.native && d.native) this.native.state = cloneNativeState(d.native);
    this.chooser = { ...d.chooser };
    this.slice = d.slice ? { ...d.slice } : null;
    this.endReason = d.ended;
    this.pending = null;
    this.count = s.steps;
    this.cursor = s.choiceCount;
    this.trace.resize(s.traceLength, history);
    this.trace.step = d.traceStamp.step;
    this.trace.cpu = d.traceStamp.cpu;
    this.retiredBy = d.retired.map((r) => [...r]);
    this.setInputCursor(Math.min(d.inputCursor, this.inputs.length));
    // A snapshot taken at step s before an input of step s was applied (e.g. a keyframe of the branch it starts).
    this.applyInputs();
  }
  /**
   * Puts the primary's run-code list back to `n` entries: truncated when
   * going back; when going forward, rebuilt from the run_return events of
   * `history` (the first `traceLength` events), which are the same records.
   */
  private restoreRunCodes(n: number, traceLength: number, history?: readonly TraceEvent[]): void {
    const codes = this.hv.runCodes;
    if (codes.length >= n) {
      codes.length = n;
      return;
    }
    codes.length = 0;
    for (let i = 0; i < traceLength && history && i < history.length && codes.length < n; i++) {
      const e = history[i];
      if (e.kind === 'run_return') {
        const { kind: _kind, ...rec } = e;
        codes.push(rec);
      }
    }
    if (codes.length !== n) throw new RangeError(`restoring ${n} run codes needs the run's event history`);
  }

}

function restoreCore(c: Arm64Cpu | RegFile, snap: CoreSnapshot | RegFileSnapshot): void {
  if (c instanceof RegFile) c.restore(snap as RegFileSnapshot);
  else c.restore(snap as CoreSnapshot);
}

/** The options of a request as fresh plain data (thread options may be live scheduler objects). */
function copyOptions(req: ChoiceRequest): number[] | VcpuRef[] {
  return req.kind === 'cpu' ? [...req.options] : req.options.map((o) => ({ vm: o.vm, vcpu: o.vcpu }));
}

/** Whether choice `c` answers request `req`. */
function legal(c: Choice, req: ChoiceRequest): boolean {
  if (req.kind === 'cpu') return c.kind === 'cpu' && req.options.includes(c.cpu) && Number.isInteger(c.steps) && c.steps >= 1 && c.steps <= req.maxSteps;
  return c.kind === 'thread' && c.cpu === req.cpu && req.options.some((o) => o.vm === c.vm && o.vcpu === c.vcpu);
}

