/**
 * The hypervisor: Hafnium's model (VMs, vCPUs, mailboxes, lists, interrupts)
 * driven by the trap layer. The machine calls `hvc`/`smc`/`wfi`/`wfe`/
 * `preempt`/`abort` when a vCPU exits; each returns the vCPU that the
 * physical CPU runs next (null: the CPU goes idle).
 *
 * The trap layer reads x0..x3, calls one handler per hypercall (calls/*.ts),
 * writes the result to the caller's x0, zeroes x1..x17 (x18 too at C1),
 * recomputes the virtual IRQ line of whichever vCPU runs next (C3) and
 * records the trace. Handlers never touch registers, except that a switch
 * sets the *primary's* saved x0 to the run code (Hafnium's "switch to
 * primary"), and CPU_ON sets up the started vCPU.
 *
 * Guest errors are values (-1 and a trace event with the reason); a thrown
 * exception here is an hvlab bug.
 */
import type { GuestMemory } from '../arm64/cpu/types.ts';
import type { AbiGeneration, EndReason, EventBody, Hex64, MailboxState, RunReturnEvent, VcpuRef, VcpuState } from '../trace/events.ts';
import { MESSAGE_PAYLOAD_TRACE_LIMIT } from '../trace/events.ts';
import type { TraceRecorder } from '../trace/log.ts';
import type { AbiSpec, RunReturn } from './abi/types.ts';
import { V1_ABI } from './abi/v1.ts';
import { V2_ABI } from './abi/v2.ts';
import { V3_ABI } from './abi/v3.ts';
import { createModel, type HvModel, type VcpuModel, type VmModel, type VmSpec } from './model.ts';
import { BOOT_PSTATE, type VcpuRegs } from './regs.ts';
import { hex64, hexBytes, hexNum, MINUS_ONE, pair, toSignedNumber, type U64 } from './u64.ts';
import { callTable, type CallTable } from './calls/table.ts';

/** What the hypervisor needs from the machine around it. */
export interface HvHost {
  regs(vm: number, vcpu: number): VcpuRegs;
  memory(vm: number): GuestMemory;
  /** PSCI CPU_ON accepted: primary vCPU `cpu` now runs on physical CPU `cpu`. */
  cpuOn(cpu: number): void;
  /** The run is over (SYSTEM_OFF, SYSTEM_RESET, an abort). */
  end(reason: EndReason): void;
}

/** One hypercall in progress, as the handlers see it. */
export interface Call {
  readonly cpu: number;
  readonly caller: VcpuModel;
  readonly vm: VmModel;
  /** x1..x3; valid only during the call (the objects are reused). */
  readonly a1: U64;
  readonly a2: U64;
  readonly a3: U64;
  /** Set by a switch: the vCPU the CPU runs next (null = idle). Undefined = no switch. */
  next: VcpuModel | null | undefined;
  /** Why the call failed (trace only). */
  reason: string | undefined;
}

/** A hypercall handler: returns the caller's x0; effects go through the Hypervisor's helpers. */
export type Handler = (hv: Hypervisor, c: Call) => U64;

/** Size of the hypercall-arguments cache (a power of two). */
const ARGS_CACHE_SIZE = 256;

/** The `fields` of every run code without payload (PREEMPTED, YIELD...): one shared frozen object. */
const NO_FIELDS: Record<string, number> = Object.freeze({});

const ABIS: Record<AbiGeneration, AbiSpec> = { 'v1-rpc': V1_ABI, 'v2-mailbox': V2_ABI, 'v3-notify': V3_ABI };

export class Hypervisor {
  readonly gen: AbiGeneration;
  readonly abi: AbiSpec;
  readonly model: HvModel;
  /** Console output of the debug-console extension. */
  console = '';
  /** Hypercalls handled so far (HVC and SMC, guest and native). */
  calls = 0;
  /** Run codes the primary saw, in order (recorded while tracing; records are never mutated). */
  readonly runCodes: Omit<RunReturnEvent, 'kind'>[] = [];
  /**
   * One frozen VcpuRef per vCPU (`refs[vm][vcpu]`), shared by every event
   * and switch that names it: a long trace holds millions of these.
   */
  readonly refs: readonly (readonly VcpuRef[])[];
  private readonly table: CallTable;
  /**
   * Frozen `args` of earlier hypercall events, direct-mapped by (function
   * id, x1..x3), reused while the arguments repeat (hex strings are
   * interned, so === compares values).
   */
  private readonly argsCache: (readonly [Hex64, Hex64, Hex64] | undefined)[] = new Array<readonly [Hex64, Hex64, Hex64] | undefined>(ARGS_CACHE_SIZE).fill(undefined);
  /** The payload of the last message_copy event (shared by the next ones while it repeats). */
  private lastPayload = '';
  /** The call in progress, reused for every HVC (the trap layer is not reentrant). */
  private readonly call = {
    cpu: 0,
    caller: null as unknown as VcpuModel,
    vm: null as unknown as VmModel,
    a1: { lo: 0, hi: 0 },
    a2: { lo: 0, hi: 0 },
    a3: { lo: 0, hi: 0 },
    next: undefined as VcpuModel | null | undefined,
    reason: undefined as string | undefined,
  };

  constructor(
    gen: AbiGeneration,
    specs: readonly VmSpec[],
    readonly host: HvHost,
    readonly trace: TraceRecorder,
  ) {
    this.gen = gen;
    this.abi = ABIS[gen];
    this.model = createModel(specs, gen === 'v1-rpc' ? 'idle' : 'empty');
    this.table = callTable(gen);
    this.refs = specs.map((sp, vm) => Array.from({ length: sp.vcpus }, (_, vcpu) => Object.freeze({ vm, vcpu })));
  }

  /** The shared frozen ref of vCPU `v` (see `refs`). */
  ref(v: VcpuModel): VcpuRef {
    return this.refs[v.vm][v.index];
  }

  /** The mailbox state meaning "nothing held" at this generation. */
  get emptyState(): MailboxState {
    return this.gen === 'v1-rpc' ? 'idle' : 'empty';
  }

  get primary(): VmModel {
    return this.model.vms[0];
  }

  /** Looks a VM up by id (uint32 from a register); undefined when absent. */
  vmById(id: number): VmModel | undefined {
    return this.model.vms[id];
  }

  /** Sets up vCPU `v` at `entry` with x0 = `arg`, EL1h, DAIF masked, and makes it `ready`. */
  start(v: VcpuModel, entry: number, arg: U64, cause: string): void {
    const r = this.host.regs(v.vm, v.index);
    r.pc = entry;
    r.setPstate(BOOT_PSTATE);
    for (let i = 0; i < 31; i++) r.setX(i, 0, 0);
    r.setX(0, arg.lo, arg.hi);
    this.setState(v, 'ready', cause);
  }

  // ---- trap layer -------------------------------------------------------

  /**
   * An HVC from vCPU `v` on physical CPU `cpu` (PC already past it).
   * `native`: the call was made by the native scheduler, not guest code.
   * `smc`: the primary's SMC, which Hafnium offers to its PSCI handler only:
   * any other id returns -1, and x1-x17 are left as they were.
   * Returns: the vCPU the CPU runs next (`v` itself when nothing switched), or null when the CPU goes idle.
   */
  hvc(cpu: number, v: VcpuModel, native = false, smc = false): VcpuModel | null {
    this.calls++;
    const regs = this.host.regs(v.vm, v.index);
    const x0lo = regs.xlo(0);
    const x0hi = regs.xhi(0);
    const id = this.abi.functionId(pair(x0lo, x0hi));
    const c = this.call;
    c.cpu = cpu;
    c.caller = v;
    c.vm = this.model.vms[v.vm];
    c.a1.lo = regs.xlo(1);
    c.a1.hi = regs.xhi(1);
    c.a2.lo = regs.xlo(2);
    c.a2.hi = regs.xhi(2);
    c.a3.lo = regs.xlo(3);
    c.a3.hi = regs.xhi(3);
    c.next = undefined;
    c.reason = undefined;
    const slot = this.trace.on ? this.trace.reserve() : -1;
    const found = this.table.get(id);
    const entry = smc && found && !found.name.startsWith('PSCI_') ? undefined : found;
    let result: U64;
    if (entry) {
      result = entry.fn(this, c);
    } else {
      c.reason = smc && found ? 'an SMC reaches PSCI only' : 'unknown function id';
      result = MINUS_ONE;
    }
    regs.setX(0, result.lo, result.hi);
    if (!smc) for (let i = 1; i <= this.abi.zeroRegsTo; i++) regs.setX(i, 0, 0);
    // Handlers set c.next through the switch helpers (flow analysis cannot see it).
    const switched = c.next as VcpuModel | null | undefined;
    const next = switched === undefined ? v : switched;
    if (next) this.updateVirq(next);
    if (slot >= 0) {
      this.trace.fill(slot, {
        kind: 'hypercall',
        vm: v.vm,
        vcpu: v.index,
        name: entry ? entry.name : 'UNKNOWN',
        id: x0lo,
        args: this.argsOf(x0lo, c),
        result: hex64(result),
        resultNum: toSignedNumber(result),
        // Always the same fields (undefined when absent): one object shape for every hypercall event.
        reason: c.reason,
        decoded: entry && entry.name === 'HF_MAILBOX_RECEIVE' && this.abi.decodeReceive ? { ...this.abi.decodeReceive(result) } : undefined,
        switchedTo: next && next !== v ? this.ref(next) : undefined,
        native: native || undefined,
        step: this.trace.step,
        cpu: this.trace.cpu,
      });
      if (next !== v) this.trace.add({ kind: 'switch', from: this.ref(v), to: next ? this.ref(next) : null, step: this.trace.step, cpu: this.trace.cpu });
    }
    return next;
  }

  /** The `args` of the event of call `c` to function `id`: an earlier event's array when the values repeat. */
  private argsOf(id: number, c: Call): readonly [Hex64, Hex64, Hex64] {
    const a1 = hex64(c.a1);
    const a2 = hex64(c.a2);
    const a3 = hex64(c.a3);
    const i = (id ^ Math.imul(c.a1.lo ^ c.a1.hi, 31) ^ Math.imul(c.a2.lo ^ c.a2.hi, 961) ^ Math.imul(c.a3.lo ^ c.a3.hi, 29791)) & (ARGS_CACHE_SIZE - 1);
    const cached = this.argsCache[i];
    if (cached && cached[0] === a1 && cached[1] === a2 && cached[2] === a3) return cached;
    const args = Object.freeze([a1, a2, a3] as const);
    this.argsCache[i] = args;
    return args;
  }

  /**
   * An SMC from `v` (PC already past it): the primary's goes to the PSCI
   * handler only (other ids: -1, registers other than x0 untouched); a
   * secondary's returns -1 and is skipped. C1 had no SMC handling at all;
   * hvlab treats it as C2 and C3 do.
   */
  smc(cpu: number, v: VcpuModel): VcpuModel | null {
    if (v.vm === 0) return this.hvc(cpu, v, false, true);
    this.trapEvent(v, 'smc');
    const regs = this.host.regs(v.vm, v.index);
    regs.setX(0, 0xffffffff, 0xffffffff);
    return v;
  }

  /**
   * A secondary's trapped WFI (PC at the WFI; the core only exits while the
   * virtual IRQ line is low): `blocked_interrupt`, back to the primary with
   * WAIT_FOR_INTERRUPT. C3 advances the PC; C1/C2 re-execute the WFI on resume.
   */
  wfi(cpu: number, v: VcpuModel): VcpuModel | null {
    this.trapEvent(v, 'wfi');
    const regs = this.host.regs(v.vm, v.index);
    if (this.abi.wfiAdvancesPc) regs.pc += 4;
    return this.switchAway(cpu, v, { code: 'WAIT_FOR_INTERRUPT' }, 'blocked_interrupt', 'WFI');
  }

  /** A secondary's trapped WFE: back to the same guest, PC unchanged (the WFE re-executes; C1-C3 quirk). */
  wfe(_cpu: number, v: VcpuModel): VcpuModel {
    this.trapEvent(v, 'wfe');
    return v;
  }

  /** The physical timer fired while secondary `v` ran: back to the primary with PREEMPTED (YIELD at C1/C2). */
  preempt(cpu: number, v: VcpuModel): VcpuModel | null {
    this.trapEvent(v, 'timer');
    return this.switchAway(cpu, v, { code: this.abi.preemptedCode }, 'ready', 'timer');
  }

  /** A stage-2 fault: the vCPU is aborted and the run ends with `abort`. */
  abort(v: VcpuModel, access: 'read' | 'write' | 'fetch', addr: number, esr: number): null {
    const regs = this.host.regs(v.vm, v.index);
    const what = access === 'fetch' ? 'instruction fetch from' : access === 'write' ? 'write to' : 'read from';
    const message = `stage-2 fault: ${what} 0x${addr.toString(16)} at pc 0x${regs.pc.toString(16)} is outside VM ${v.vm}'s memory or not writable`;
    if (this.trace.on) {
      this.trace.emit({ kind: 'fault', vm: v.vm, vcpu: v.index, access, addr: hexNum(addr), pc: hexNum(regs.pc), esr, message });
    }
    this.setState(v, 'aborted', 'stage-2 fault');
    this.host.end({ kind: 'abort', vm: v.vm, vcpu: v.index, message });
    return null;
  }

  private trapEvent(v: VcpuModel, what: 'wfi' | 'wfe' | 'timer' | 'smc'): void {
    if (this.trace.on) this.trace.add({ kind: 'trap', vm: v.vm, vcpu: v.index, what, pc: hexNum(this.host.regs(v.vm, v.index).pc), step: this.trace.step, cpu: this.trace.cpu });
  }

  /** Non-HVC switch to the primary: the secondary's x0 is left as it is. */
  private switchAway(cpu: number, v: VcpuModel, ret: RunReturn, state: VcpuState, cause: string): VcpuModel {
    const p = this.primaryOf(cpu);
    this.setPrimaryReturn(cpu, v, ret);
    this.setState(v, state, cause);
    this.updateVirq(p);
    if (this.trace.on) this.trace.add({ kind: 'switch', from: this.ref(v), to: this.ref(p), step: this.trace.step, cpu: this.trace.cpu });
    return p;
  }

  // ---- helpers for the handlers ------------------------------------------

  /** The primary's vCPU on physical CPU `cpu`. */
  primaryOf(cpu: number): VcpuModel {
    return this.model.vms[0].vcpus[cpu];
  }

  /**
   * Hafnium's "switch to primary": the primary's x0 = the encoded run code,
   * the caller takes `state`; the CPU then runs the primary.
   */
  switchToPrimary(c: Call, ret: RunReturn, state: VcpuState): void {
    this.setPrimaryReturn(c.cpu, c.caller, ret);
    this.setState(c.caller, state, ret.code === 'WAIT_FOR_INTERRUPT' ? 'blocked' : ret.code);
    c.next = this.primaryOf(c.cpu);
  }

  /** Writes run code `ret` into the primary's x0 on `cpu`, and records it. */
  setPrimaryReturn(cpu: number, ran: VcpuModel | { vm: number; index: number }, ret: RunReturn): void {
    const raw = this.abi.encodeRunReturn(ret);
    const p = this.primaryOf(cpu);
    this.host.regs(0, p.index).setX(0, raw.lo, raw.hi);
    this.recordRunReturn(ran.vm, ran.index, ret, raw);
  }

  /** Records a run code the primary sees (trace and run-code list). */
  recordRunReturn(vm: number, vcpu: number, ret: RunReturn, raw: U64): void {
    if (!this.trace.on) return;
    let fields: Record<string, number> = NO_FIELDS;
    if (ret.vm !== undefined || ret.vcpu !== undefined || ret.size !== undefined || ret.ns !== undefined) {
      fields = {};
      if (ret.vm !== undefined) fields.vm = ret.vm;
      if (ret.vcpu !== undefined) fields.vcpu = ret.vcpu;
      if (ret.size !== undefined) fields.size = ret.size;
      if (ret.ns !== undefined) fields.ns = Number(ret.ns);
    }
    const rec = { step: this.trace.step, cpu: this.trace.cpu, vm, vcpu, code: ret.code, raw: hex64(raw), fields };
    this.runCodes.push(rec);
    this.trace.add({ kind: 'run_return', step: rec.step, cpu: rec.cpu, vm, vcpu, code: rec.code, raw: rec.raw, fields });
  }

  setState(v: VcpuModel, to: VcpuState, cause: string): void {
    const from = v.state;
    if (from === to) return;
    v.state = to;
    if (this.trace.on) this.trace.add({ kind: 'vcpu_state', vm: v.vm, vcpu: v.index, from, to, cause, step: this.trace.step, cpu: this.trace.cpu });
  }

  setMailbox(vm: VmModel, to: MailboxState, cause: string): void {
    const mb = vm.mailbox;
    const from = mb.state;
    mb.state = to;
    if (to === this.emptyState) {
      mb.sender = null;
      mb.size = 0;
    }
    if (this.trace.on) this.trace.add({ kind: 'mailbox_state', vm: vm.id, from, to, cause, sender: mb.sender, size: mb.size, step: this.trace.step, cpu: this.trace.cpu });
  }

  /** Copies `size` bytes from `from`'s send page to `to`'s receive page. */
  copyMessage(from: VmModel, to: VmModel, size: number): void {
    const src = this.host.memory(from.id);
    const off = (from.mailbox.send as number) - src.base;
    const bytes = src.bytes.subarray(off, off + size);
    this.host.memory(to.id).write(to.mailbox.recv as number, bytes);
    if (this.trace.on) {
      const shown = bytes.subarray(0, MESSAGE_PAYLOAD_TRACE_LIMIT);
      const payload = hexBytes(shown);
      // Keep the earlier string when the payload repeats: the new one then dies young.
      if (payload !== this.lastPayload) this.lastPayload = payload;
      this.trace.add({ kind: 'message_copy', from: from.id, to: to.id, size, payload: this.lastPayload, truncated: shown.length < size, step: this.trace.step, cpu: this.trace.cpu });
    }
  }

  /** Sets the value forced into `v`'s x0 at its next run (C3). */
  force(v: VcpuModel, value: U64): void {
    v.forced = value;
    if (this.trace.on) this.trace.add({ kind: 'forced_return', op: 'set', vm: v.vm, vcpu: v.index, value: hex64(value), step: this.trace.step, cpu: this.trace.cpu });
  }

  /** Writes `value` into a vCPU's saved x0 now (C1/C2 wake a receiver this way). */
  setSavedX0(v: VcpuModel, value: U64): void {
    this.host.regs(v.vm, v.index).setX(0, value.lo, value.hi);
  }

  /** Applies and clears `v`'s forced return value (at HF_VCPU_RUN). */
  applyForced(v: VcpuModel): void {
    const f = v.forced;
    if (!f) return;
    this.host.regs(v.vm, v.index).setX(0, f.lo, f.hi);
    v.forced = null;
    if (this.trace.on) this.trace.add({ kind: 'forced_return', op: 'apply', vm: v.vm, vcpu: v.index, value: hex64(f), step: this.trace.step, cpu: this.trace.cpu });
  }

  pushRecvWaiter(v: VcpuModel): void {
    this.model.vms[v.vm].recvWaiters.push(v.index);
    if (this.trace.on) this.trace.add({ kind: 'recv_stack', op: 'push', vm: v.vm, vcpu: v.index, step: this.trace.step, cpu: this.trace.cpu });
  }

  /** Pops the most recently blocked receiver of `vm`, or undefined. */
  popRecvWaiter(vm: VmModel): VcpuModel | undefined {
    const i = vm.recvWaiters.pop();
    if (i === undefined) return undefined;
    if (this.trace.on) this.trace.add({ kind: 'recv_stack', op: 'pop', vm: vm.id, vcpu: i, step: this.trace.step, cpu: this.trace.cpu });
    return vm.vcpus[i];
  }

  /** Unlinks `v` from its VM's receive stack (woken by an interrupt). */
  unlinkRecvWaiter(v: VcpuModel): void {
    const stack = this.model.vms[v.vm].recvWaiters;
    const at = stack.indexOf(v.index);
    if (at < 0) return;
    stack.splice(at, 1);
    if (this.trace.on) this.trace.add({ kind: 'recv_stack', op: 'unlink', vm: v.vm, vcpu: v.index, step: this.trace.step, cpu: this.trace.cpu });
  }

  /**
   * C3 virtual IRQ line: VI = (enabled-and-pending count > 0), recomputed for
   * the vCPU about to run. Drives the core's line for secondaries only (the
   * primary does not route IRQs to EL2, so VI means nothing for it).
   */
  updateVirq(v: VcpuModel): void {
    if (this.gen !== 'v3-notify') return;
    const level = v.count > 0;
    if (v.virq === level) return;
    v.virq = level;
    if (v.vm !== 0) this.host.regs(v.vm, v.index).irqLine = level;
    if (this.trace.on) this.trace.add({ kind: 'virq_line', vm: v.vm, vcpu: v.index, level, step: this.trace.step, cpu: this.trace.cpu });
  }

  emit(body: EventBody): void {
    this.trace.emit(body);
  }

  /** Appends text to the console. */
  print(v: VcpuModel, text: string): void {
    this.console += text;
    if (this.trace.on) this.trace.emit({ kind: 'console', vm: v.vm, vcpu: v.index, text });
  }
}

/** A failed call: records the reason, returns Hafnium's -1. */
export function fail(c: Call, reason: string): U64 {
  c.reason = reason;
  return MINUS_ONE;
}

