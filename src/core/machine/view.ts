/**
 * Builds the plain-data MachineView from a machine's live state.
 */
import { Arm64Cpu } from '../arm64/cpu/core.ts';
import type { EndReason } from '../trace/events.ts';
import type { VcpuModel } from '../hafnium/model.ts';
import type { RegFile } from '../hafnium/regs.ts';
import { hexNum, hexPair } from '../hafnium/u64.ts';
import type { ChoiceRequest, MachineView, VcpuView } from './api.ts';
import type { HvMachine } from './machine.ts';

/** EL1 system registers shown per vCPU. */
export const VIEW_SYSREGS = ['VBAR_EL1', 'ELR_EL1', 'SPSR_EL1', 'ESR_EL1', 'FAR_EL1', 'SCTLR_EL1', 'TPIDR_EL1', 'SP_EL0', 'SP_EL1'] as const;

const ZERO_HEX = hexNum(0);

function hexBig(v: bigint): string {
  return '0x' + BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

function vcpuView(m: HvMachine, v: VcpuModel, regs: Arm64Cpu | RegFile): VcpuView {
  const core = regs instanceof Arm64Cpu ? regs : null;
  const pstate = regs.getPstate();
  const thread = m.native?.state.threads.find((t) => t.vm === v.vm && t.vcpu === v.index);
  return {
    vm: v.vm,
    index: v.index,
    state: v.state,
    cpu: v.cpu,
    pc: hexNum(regs.pc),
    sp: core ? hexBig(core.getSp()) : ZERO_HEX,
    x: Array.from({ length: 31 }, (_, i) => hexPair(regs.xlo(i), regs.xhi(i))),
    nzcv: core ? core.nzcv : 0,
    el: (pstate >>> 2) & 3,
    daif: (pstate >>> 6) & 0xf,
    sysregs: Object.fromEntries(VIEW_SYSREGS.map((n) => [n, core ? hexBig(core.getSysreg(n)) : ZERO_HEX])),
    interrupts: { enabled: hexPair(v.enabledLo, v.enabledHi), pending: hexPair(v.pendingLo, v.pendingHi), count: v.count },
    virq: v.virq,
    forcedReturn: v.forced ? hexPair(v.forced.lo, v.forced.hi) : null,
    thread: thread ? thread.state : null,
    retired: m.retired(v.vm, v.index),
  };
}

export function buildView(m: HvMachine, pending: ChoiceRequest | null, end: EndReason | null): MachineView {
  const hv = m.hv;
  const nat = m.native?.state;
  return {
    abi: hv.gen,
    primary: m.native ? 'native' : 'guest',
    steps: m.steps,
    cpus: m.cpus.map((c, id) => ({
      id,
      running: c.running && !(m.native && c.running.vm === 0) ? { ...c.running } : null,
      thread: nat ? (nat.current[id] ?? nat.react[id]) : null,
    })),
    vms: hv.model.vms.map((vm) => ({
      id: vm.id,
      name: vm.name,
      memorySize: m.mems[vm.id].size,
      vcpus: vm.vcpus.map((v) => vcpuView(m, v, m.cores[vm.id][v.index])),
      mailbox: {
        state: vm.mailbox.state,
        sender: vm.mailbox.sender,
        size: vm.mailbox.size,
        send: vm.mailbox.send === null ? null : hexNum(vm.mailbox.send),
        recv: vm.mailbox.recv === null ? null : hexNum(vm.mailbox.recv),
      },
      waiterList: [...vm.waiterList],
      readyList: [...vm.readyList],
      recvWaiters: [...vm.recvWaiters].reverse(),
    })),
    console: hv.console,
    runCodes: hv.runCodes.slice(),
    end,
    pendingChoice: pending,
  };
}
