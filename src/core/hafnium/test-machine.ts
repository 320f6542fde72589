/**
 * TestMachine: drives the hypervisor without CPU cores, for short readable
 * tests. Each vCPU is a bare register file; `.hvc(vm, vcpu, NAME, ...args)`
 * makes that vCPU execute one HVC as guest code would, and the helpers read
 * the model in the domain's words. Every `expect*` throws a descriptive
 * Error on mismatch, so the harness needs no test framework.
 *
 *   new TestMachine().configureAll()
 *     .hvc(0, 0, 'HF_VCPU_RUN', 1, 0).expectRunReturn('WAIT_FOR_INTERRUPT')
 */
import type { AbiGeneration, EndReason, MailboxState, VcpuState } from '../trace/events.ts';
import { TraceRecorder } from '../trace/log.ts';
import { Memory } from '../machine/memory.ts';
import { Hypervisor } from './hypervisor.ts';
import { RegFile } from './regs.ts';
import type { RunCodeName } from './abi/types.ts';
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from './abi/psci.ts';
import type { VcpuModel } from './model.ts';
import { checkInvariants } from './model.ts';
import { fromBigInt, pair, toBigInt, toSignedNumber, u64, type U64 } from './u64.ts';

/** Page addresses `configure` uses in every VM. */
export const TEST_SEND_PAGE = 0x20000;
export const TEST_RECV_PAGE = 0x21000;
export const TEST_MEMORY = 0x100000;

export interface TestMachineOptions {
  readonly abi?: AbiGeneration;
  readonly cpus?: number;
  /** vCPU count of each secondary (default: two secondaries of one vCPU). */
  readonly secondaries?: readonly number[];
}

type Arg = number | bigint;

export class TestMachine {
  readonly hv: Hypervisor;
  readonly trace = new TraceRecorder(true);
  readonly mem: Memory[];
  readonly regs: RegFile[][];
  /** What each physical CPU runs. */
  readonly running: (VcpuModel | null)[];
  ended: EndReason | null = null;
  private last: { vm: number; vcpu: number; value: U64 } | null = null;

  constructor(opts: TestMachineOptions = {}) {
    const cpus = opts.cpus ?? 1;
    const secondaries = opts.secondaries ?? [1, 1];
    const specs = [{ name: 'primary', vcpus: cpus }, ...secondaries.map((n, i) => ({ name: `vm${i + 1}`, vcpus: n }))];
    this.mem = specs.map(() => new Memory(0, TEST_MEMORY));
    this.regs = specs.map((s) => Array.from({ length: s.vcpus }, () => new RegFile()));
    this.hv = new Hypervisor(
      opts.abi ?? 'v3-notify',
      specs,
      {
        regs: (vm, vcpu) => this.regs[vm][vcpu],
        memory: (vm) => this.mem[vm],
        cpuOn: (cpu) => {
          const v = this.hv.primaryOf(cpu);
          this.hv.setState(v, 'running', 'PSCI_CPU_ON');
          v.cpu = cpu;
          this.running[cpu] = v;
        },
        end: (r) => {
          this.ended = r;
        },
      },
      this.trace,
    );
    for (const vm of this.hv.model.vms) this.hv.start(vm.vcpus[0], 0x80000, u64(0), 'boot');
    const p0 = this.hv.primaryOf(0);
    p0.cpu = 0;
    this.hv.setState(p0, 'running', 'boot');
    this.running = Array.from({ length: cpus }, (_, i) => (i === 0 ? p0 : null));
  }

  vcpu(vm: number, vcpu = 0): VcpuModel {
    return this.hv.model.vms[vm].vcpus[vcpu];
  }

  /** Function id of a hypercall name of this generation, PSCI or the debug console. */
  id(name: string): number {
    const table: Record<string, number> = { ...this.hv.abi.functions, ...PSCI_FUNCTIONS, ...HVLAB_DEBUG_FUNCTIONS };
    const id = table[name];
    if (id === undefined) throw new Error(`no hypercall ${name} at ${this.hv.gen}`);
    return id;
  }

  /**
   * vCPU (vm, vcpu), which must be running on some CPU, executes HVC with
   * x0 = the id of `name` (or a raw number) and x1..x3 = args.
   */
  hvc(vm: number, vcpu: number, name: string | number, ...args: Arg[]): this {
    const v = this.vcpu(vm, vcpu);
    const cpu = this.running.indexOf(v);
    if (cpu < 0) throw new Error(`VM ${vm} vCPU ${vcpu} is not running on any CPU (it is ${v.state})`);
    const r = this.regs[vm][vcpu];
    const x0 = typeof name === 'number' ? u64(name) : u64(this.id(name));
    r.setX(0, x0.lo, x0.hi);
    for (let i = 0; i < 3; i++) {
      const a = toU64(args[i] ?? 0);
      r.setX(i + 1, a.lo, a.hi);
    }
    this.trace.cpu = cpu;
    this.running[cpu] = this.hv.hvc(cpu, v);
    this.last = { vm, vcpu, value: pair(r.xlo(0), r.xhi(0)) };
    this.checkInvariants();
    return this;
  }

  /** The primary on CPU `cpu` runs (vm, vcpu): HF_VCPU_RUN. */
  run(vm: number, vcpu = 0, cpu = 0): this {
    return this.hvc(0, cpu, 'HF_VCPU_RUN', vm, vcpu);
  }

  /** VM_CONFIGURE with the standard pages, from vCPU 0 of `vm` (which must be running). */
  configure(vm: number): this {
    return this.hvc(vm, 0, 'HF_VM_CONFIGURE', TEST_SEND_PAGE, TEST_RECV_PAGE);
  }

  /** Configures every VM's pages directly (as if each had called VM_CONFIGURE). */
  configureAll(): this {
    for (const vm of this.hv.model.vms) {
      vm.mailbox.send = TEST_SEND_PAGE;
      vm.mailbox.recv = TEST_RECV_PAGE;
    }
    return this;
  }

  /** Writes bytes (or a string's char codes) into `vm`'s send page. */
  writeSend(vm: number, data: string | Uint8Array): this {
    this.mem[vm].write(TEST_SEND_PAGE, typeof data === 'string' ? Uint8Array.from(data, (ch) => ch.charCodeAt(0)) : data);
    return this;
  }

  /** `n` bytes of `vm`'s receive page as a string. */
  recvText(vm: number, n: number): string {
    return String.fromCharCode(...this.mem[vm].read(TEST_RECV_PAGE, n));
  }

  /** The last HVC's caller x0, as a signed number when it fits, else a bigint. */
  result(): number | bigint {
    if (!this.last) throw new Error('no hypercall made yet');
    return toSignedNumber(this.last.value) ?? toBigInt(this.last.value);
  }

  /** Caller's x0 after the last HVC (for a switching call: what it sees when resumed). */
  expectResult(expected: Arg): this {
    const got = this.result();
    if (BigInt(got) !== BigInt.asUintN(64, BigInt(expected)) && BigInt(got) !== BigInt(expected)) {
      throw new Error(`expected result ${show(expected)}, got ${show(got)}${this.lastReason()}`);
    }
    return this;
  }

  /** The primary's x0 on `cpu` decodes to run code `code` (with `fields` if given). */
  expectRunReturn(code: RunCodeName, fields: { vm?: number; vcpu?: number; size?: number } | number = {}, cpu = 0): this {
    const r = this.regs[0][cpu];
    const got = this.hv.abi.decodeRunReturn(pair(r.xlo(0), r.xhi(0)));
    const want = typeof fields === 'number' ? { size: fields } : fields;
    const mismatch = got.code !== code || Object.entries(want).some(([k, v]) => (got as unknown as Record<string, number>)[k] !== v);
    if (mismatch) throw new Error(`expected run return ${code} ${JSON.stringify(want)}, got ${JSON.stringify(got, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}${this.lastReason()}`);
    return this;
  }

  expectMailbox(vm: number, state: MailboxState, msg: { sender?: number | null; size?: number } = {}): this {
    const mb = this.hv.model.vms[vm].mailbox;
    if (mb.state !== state) throw new Error(`expected VM ${vm}'s mailbox ${state}, it is ${mb.state}`);
    if (msg.sender !== undefined && mb.sender !== msg.sender) throw new Error(`expected sender ${msg.sender}, got ${mb.sender}`);
    if (msg.size !== undefined && mb.size !== msg.size) throw new Error(`expected size ${msg.size}, got ${mb.size}`);
    return this;
  }

  expectState(vm: number, vcpu: number, state: VcpuState): this {
    const s = this.vcpu(vm, vcpu).state;
    if (s !== state) throw new Error(`expected VM ${vm} vCPU ${vcpu} ${state}, it is ${s}`);
    return this;
  }

  expectWaiters(vm: number, waiters: number[]): this {
    return this.expectList(`VM ${vm}'s waiter list`, this.hv.model.vms[vm].waiterList, waiters);
  }

  expectReady(vm: number, entries: number[]): this {
    return this.expectList(`VM ${vm}'s ready list`, this.hv.model.vms[vm].readyList, entries);
  }

  expectRecvStack(vm: number, vcpus: number[]): this {
    return this.expectList(`VM ${vm}'s receive stack`, this.hv.model.vms[vm].recvWaiters, vcpus);
  }

  /** The vCPU's next-run forced x0 (null = none). */
  expectForced(vm: number, vcpu: number, value: Arg | null): this {
    const f = this.vcpu(vm, vcpu).forced;
    const got = f === null ? null : toBigInt(f);
    const want = value === null ? null : BigInt.asUintN(64, BigInt(value));
    if (got !== want) throw new Error(`expected forced return ${show(want)}, got ${show(got)}`);
    return this;
  }

  /** What CPU `cpu` runs now. */
  expectRunning(cpu: number, vm: number | null, vcpu = 0): this {
    const v = this.running[cpu];
    const ok = vm === null ? v === null : v !== null && v.vm === vm && v.index === vcpu;
    if (!ok) throw new Error(`expected CPU ${cpu} to run ${vm === null ? 'nothing' : `VM ${vm} vCPU ${vcpu}`}, it runs ${v ? `VM ${v.vm} vCPU ${v.index}` : 'nothing'}`);
    return this;
  }

  /** Saved x0 of a vCPU (what it will see when resumed, before any forced value). */
  x0(vm: number, vcpu = 0): bigint {
    const r = this.regs[vm][vcpu];
    return toBigInt(pair(r.xlo(0), r.xhi(0)));
  }

  /** Throws if a model invariant is broken. */
  checkInvariants(): this {
    const bad = checkInvariants(this.hv.model, this.hv.gen !== 'v2-mailbox');
    if (bad.length) throw new Error(`invariants broken:\n${bad.join('\n')}`);
    return this;
  }

  private expectList(what: string, got: number[], want: number[]): this {
    if (got.length !== want.length || got.some((x, i) => x !== want[i])) throw new Error(`expected ${what} [${want}], got [${got}]`);
    return this;
  }

  private lastReason(): string {
    for (let i = this.trace.length - 1; i >= 0; i--) {
      const e = this.trace.at(i);
      if (e?.kind === 'hypercall') return e.reason ? ` (reason: ${e.reason})` : '';
    }
    return '';
  }
}

function toU64(a: Arg): U64 {
  return typeof a === 'bigint' ? fromBigInt(a) : u64(a);
}

function show(v: Arg | null): string {
  if (v === null) return 'none';
  const b = BigInt(v);
  return b < 0n ? String(b) : `${b} (0x${b.toString(16)})`;
}
