/**
 * The native scheduler: hvlab's model of the Hafnium Linux driver's policy
 * (reference 4.8; 3.6 and 2.6 for the older generations), acting as the
 * primary VM. One thread per secondary vCPU loops on HF_VCPU_RUN and reacts
 * to the code; it makes the same hypercalls a guest primary would, through
 * `NativeHost.call`, so the trace shows them.
 *
 * One native *action* on a CPU (one machine step) is either running a thread
 * (its HF_VCPU_RUN; if that fails without switching, the reaction follows in
 * the same action) or reacting to the run code the CPU's last run returned.
 */
import type { ThreadState, VcpuRef } from '../trace/events.ts';
import type { Hypervisor } from '../hafnium/hypervisor.ts';
import { HF_INVALID_VCPU, HF_MAILBOX_READABLE_INTID, HF_MAILBOX_WRITABLE_INTID } from '../hafnium/abi/v3.ts';
import { isMinusOne, toSafeNumber, type U64 } from '../hafnium/u64.ts';

/** The machine side of the native scheduler. */
export interface NativeHost {
  readonly hv: Hypervisor;
  /** Makes hypercall `name` from the primary's vCPU on `cpu`. Returns: x0 after the call (and whether it switched). */
  call(cpu: number, name: string, a1?: number, a2?: number, a3?: number): { value: U64; switched: boolean };
  /** Preempts the CPU running vCPU `t` (an IPI), so it exits with PREEMPTED and is re-run. */
  kick(t: VcpuRef): void;
  /** Where the primary's mailbox pages live in its memory. */
  readonly pages: { send: number; recv: number };
}

export interface ThreadModel {
  readonly vm: number;
  readonly vcpu: number;
  state: ThreadState;
  /** The driver's "abort sleep" flag: a wake-up arrived while the thread was not asleep. */
  abortSleep: boolean;
}

/** Plain-data state (part of machine snapshots). */
export interface NativeState {
  threads: ThreadModel[];
  /** Per CPU: the thread whose run returned and awaits the reaction, or null. */
  react: (VcpuRef | null)[];
  /** Per CPU: the thread it is running (null when none). */
  current: (VcpuRef | null)[];
  /** Whether the driver's init (configure, counts, CPU bring-up) has run. */
  initialised: boolean;
}

export function createNativeState(hv: Hypervisor, cpus: number): NativeState {
  const threads: ThreadModel[] = [];
  for (const vm of hv.model.vms.slice(1)) for (const v of vm.vcpus) threads.push({ vm: vm.id, vcpu: v.index, state: 'runnable', abortSleep: false });
  return { threads, react: Array(cpus).fill(null), current: Array(cpus).fill(null), initialised: false };
}

export function cloneNativeState(s: NativeState): NativeState {
  return { threads: s.threads.map((t) => ({ ...t })), react: [...s.react], current: [...s.current], initialised: s.initialised };
}

export class NativeScheduler {
  constructor(
    private readonly host: NativeHost,
    public state: NativeState,
  ) {}

  /** Threads that could be run now (live objects: copy before keeping them). */
  runnable(): readonly VcpuRef[] {
    return this.state.threads.filter((t) => t.state === 'runnable');
  }

  /** Whether CPU `cpu` has a native action to take (it must be running the primary). */
  canAct(cpu: number): boolean {
    if (!this.state.initialised) return cpu === 0;
    return this.state.react[cpu] !== null || this.state.threads.some((t) => t.state === 'runnable');
  }

  /** Whether CPU `cpu` needs a thread choice for its next action. */
  needsThread(cpu: number): boolean {
    return this.state.initialised && this.state.react[cpu] === null;
  }

  /** The driver's init on CPU 0 (reference 4.8 "Init"): configure pages, count VMs and vCPUs, start the other CPUs. */
  init(cpus: number): void {
    const h = this.host;
    h.call(0, 'HF_VM_CONFIGURE', h.pages.send, h.pages.recv);
    const count = h.call(0, 'HF_VM_GET_COUNT').value;
    for (let id = 1; id < (toSafeNumber(count) ?? 0); id++) if (h.hv.gen !== 'v1-rpc') h.call(0, 'HF_VCPU_GET_COUNT', id);
    for (let cpu = 1; cpu < cpus; cpu++) h.call(0, 'PSCI_CPU_ON', cpu, 0, 0);
    this.state.initialised = true;
  }

  /** Runs thread `t` on `cpu`: HF_VCPU_RUN; reacts at once if it did not switch. */
  runThread(cpu: number, t: VcpuRef): void {
    const th = this.thread(t);
    th.abortSleep = false;
    this.setThread(th, 'running', 'HF_VCPU_RUN');
    this.state.current[cpu] = t;
    const number = this.host.hv.gen === 'v1-rpc' ? t.vm - 1 : t.vm;
    const r = this.host.call(cpu, 'HF_VCPU_RUN', number, t.vcpu);
    if (!r.switched) this.react(cpu, t, r.value);
  }

  /** Control came back to the primary on `cpu` after running `t`: the reaction is the CPU's next action. */
  returned(cpu: number, t: VcpuRef): void {
    this.state.react[cpu] = t;
  }

  /** Performs the pending reaction on `cpu`, reading the run code from the primary's x0. */
  reactPending(cpu: number, code: U64): void {
    const t = this.state.react[cpu];
    if (!t) return;
    this.state.react[cpu] = null;
    this.react(cpu, t, code);
  }

  private react(cpu: number, t: VcpuRef, raw: U64): void {
    const hv = this.host.hv;
    const th = this.thread(t);
    this.state.current[cpu] = null;
    const ret = hv.abi.decodeRunReturn(raw);
    let sleep = false;
    switch (ret.code) {
      case 'PREEMPTED':
      case 'YIELD':
        break;
      case 'WAIT_FOR_INTERRUPT':
        sleep = !th.abortSleep;
        break;
      case 'WAKE_UP':
        if (hv.gen === 'v1-rpc') this.wake({ vm: t.vm, vcpu: (toSafeNumber(raw) ?? 0) >>> 8 }, 'WAKE_UP');
        else this.wakeRequest(cpu, ret.vm ?? 0, ret.vcpu ?? 0, HF_MAILBOX_READABLE_INTID);
        break;
      case 'MESSAGE':
        this.consume(t.vm, ret.size ?? 0);
        if (hv.gen === 'v3-notify') {
          if (toSafeNumber(this.host.call(cpu, 'HF_MAILBOX_CLEAR').value) === 1) this.notifyWaiters(cpu, 0);
        } else {
          this.host.call(cpu, 'HF_MAILBOX_CLEAR');
        }
        break;
      case 'RESPONSE_READY':
        this.consume(t.vm, ret.size ?? 0);
        this.host.call(cpu, 'HF_RPC_ACK');
        break;
      case 'NOTIFY_WAITERS':
        this.notifyWaiters(cpu, t.vm);
        break;
      case 'SLEEP':
        break;
    }
    this.setThread(th, sleep ? 'sleeping' : 'runnable', ret.code);
  }

  /** Loops WAITER_GET(vm) until -1, injecting WRITABLE into each waiting secondary's vCPU 0. */
  private notifyWaiters(cpu: number, vm: number): void {
    for (;;) {
      const w = this.host.call(cpu, 'HF_MAILBOX_WAITER_GET', vm).value;
      if (isMinusOne(w)) return;
      const id = toSafeNumber(w) ?? 0;
      if (id !== 0) this.wakeRequest(cpu, id, HF_INVALID_VCPU, HF_MAILBOX_WRITABLE_INTID);
    }
  }

  /**
   * The driver's wake-up request: a valid vCPU index wakes (or kicks) its
   * thread; 0xffff picks vCPU 0, injects `intid` and wakes it only if the
   * injection returned 1 (v3; at v2 it only warns).
   */
  private wakeRequest(cpu: number, vm: number, vcpu: number, intid: number): void {
    const vmModel = this.host.hv.vmById(vm);
    if (!vmModel || vm === 0) return;
    if (vcpu === HF_INVALID_VCPU) {
      if (this.host.hv.gen !== 'v3-notify') return;
      const r = this.host.call(cpu, 'HF_INTERRUPT_INJECT', vm, 0, intid).value;
      if (toSafeNumber(r) === 1) this.wake({ vm, vcpu: 0 }, 'HF_INTERRUPT_INJECT');
      return;
    }
    if (vcpu < vmModel.vcpus.length) this.wake({ vm, vcpu }, 'WAKE_UP');
  }

  /**
   * An interrupt injected from outside the machine gave vCPU `t` its first
   * enabled-and-pending interrupt: the driver reacts as to an injection
   * returning 1 (wake the thread, or kick it where it runs).
   */
  interruptInjected(t: VcpuRef): void {
    if (t.vm !== 0) this.wake(t, 'external interrupt');
  }

  /** Wakes a sleeping thread; a running one gets its abort-sleep flag and is kicked. */
  private wake(t: VcpuRef, cause: string): void {
    const th = this.state.threads.find((x) => x.vm === t.vm && x.vcpu === t.vcpu);
    if (!th) return;
    if (th.state === 'sleeping') {
      this.setThread(th, 'runnable', cause);
      return;
    }
    th.abortSleep = true;
    if (th.state === 'running') this.host.kick(t);
  }

  /** The driver hands a received message to its socket layer; hvlab prints it. */
  private consume(from: number, size: number): void {
    const hv = this.host.hv;
    const bytes = hv.host.memory(0).read(this.host.pages.recv, Math.min(size, 4096));
    let text = '';
    for (const b of bytes) text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0 ? '' : `\\x${b.toString(16).padStart(2, '0')}`;
    hv.print(hv.primaryOf(0), `[primary] message from VM ${from} (${size} bytes): ${text}\n`);
  }

  private thread(t: VcpuRef): ThreadModel {
    const th = this.state.threads.find((x) => x.vm === t.vm && x.vcpu === t.vcpu);
    if (!th) throw new Error(`no native thread for VM ${t.vm} vCPU ${t.vcpu}`);
    return th;
  }

  private setThread(th: ThreadModel, to: ThreadState, cause: string): void {
    const from = th.state;
    if (from === to) return;
    th.state = to;
    const trace = this.host.hv.trace;
    if (trace.on) trace.add({ kind: 'thread_state', vm: th.vm, vcpu: th.vcpu, from, to, cause, step: trace.step, cpu: trace.cpu });
  }
}
