/**
 * The hypervisor's data model (reference 4.2), as plain mutable data so a
 * snapshot is a deep copy. Lists are arrays of VM ids: a VM has one wait
 * entry per other VM, so "entry k of VM w" is just the pair (w, k).
 *
 *  - `waiterList` of VM t: ids of VMs whose entry "waiting for t" is linked
 *    (FIFO, head = index 0). Guarded by t's lock in Hafnium.
 *  - `readyList` of VM w: ids of VMs t whose mailbox became writable for w
 *    (FIFO, head = index 0). Guarded by w's lock.
 *  - `recvWaiters` of VM v: indices of v's vCPUs blocked in receive (LIFO,
 *    top = last element).
 */
import type { MailboxState, VcpuState } from '../trace/events.ts';
import type { U64 } from './u64.ts';

export interface VcpuModel {
  readonly vm: number;
  readonly index: number;
  state: VcpuState;
  /** Physical CPU it runs on or last ran on. */
  cpu: number | null;
  /** Enabled / pending interrupt bitmaps, ids 0-31 in `*Lo`, 32-63 in `*Hi`. */
  enabledLo: number;
  enabledHi: number;
  pendingLo: number;
  pendingHi: number;
  /** Number of ids both enabled and pending. */
  count: number;
  /** Return value to force into x0 at the next run (C3). */
  forced: U64 | null;
  /** The virtual IRQ line as last computed (HCR_EL2.VI). */
  virq: boolean;
}

export interface MailboxModel {
  state: MailboxState;
  /** Sender of the message held (recv_from_id), null when none. */
  sender: number | null;
  /** recv_bytes. */
  size: number;
  /** Configured page addresses (IPAs), null until configured. */
  send: number | null;
  recv: number | null;
}

export interface VmModel {
  readonly id: number;
  readonly name: string;
  readonly vcpus: VcpuModel[];
  readonly mailbox: MailboxModel;
  readonly recvWaiters: number[];
  readonly waiterList: number[];
  readonly readyList: number[];
}

export interface HvModel {
  readonly vms: VmModel[];
}

export interface VmSpec {
  readonly name: string;
  readonly vcpus: number;
}

/** A fresh model: every vCPU `off`, every mailbox empty (`idle` at v1) and unconfigured. */
export function createModel(specs: readonly VmSpec[], emptyState: MailboxState): HvModel {
  return {
    vms: specs.map((s, id) => ({
      id,
      name: s.name,
      vcpus: Array.from({ length: s.vcpus }, (_, index) => ({
        vm: id,
        index,
        state: 'off' as VcpuState,
        cpu: null,
        enabledLo: 0,
        enabledHi: 0,
        pendingLo: 0,
        pendingHi: 0,
        count: 0,
        forced: null,
        virq: false,
      })),
      mailbox: { state: emptyState, sender: null, size: 0, send: null, recv: null },
      recvWaiters: [],
      waiterList: [],
      readyList: [],
    })),
  };
}

/** A deep copy (snapshots). */
export function cloneModel(m: HvModel): HvModel {
  return {
    vms: m.vms.map((vm) => ({
      ...vm,
      vcpus: vm.vcpus.map((v) => ({ ...v })),
      mailbox: { ...vm.mailbox },
      recvWaiters: [...vm.recvWaiters],
      waiterList: [...vm.waiterList],
      readyList: [...vm.readyList],
    })),
  };
}

/**
 * The model's invariants (issue 3). Returns a list of violations, empty when
 * all hold. `recvStackIsMailboxBlocked` is false at v2-mailbox, whose
 * receive quirk leaves receivers `blocked_interrupt` on the stack.
 */
export function checkInvariants(m: HvModel, recvStackIsMailboxBlocked: boolean): string[] {
  const bad: string[] = [];
  const n = m.vms.length;
  for (const vm of m.vms) {
    const seen = new Set<number>();
    for (const w of vm.waiterList) {
      if (seen.has(w)) bad.push(`VM ${vm.id}: VM ${w} is on its waiter list twice`);
      seen.add(w);
      if (w < 0 || w >= n || w === vm.id) bad.push(`VM ${vm.id}: waiter ${w} is not another real VM`);
    }
    const ready = new Set<number>();
    for (const t of vm.readyList) {
      if (ready.has(t)) bad.push(`VM ${vm.id}: ready list holds VM ${t} twice`);
      ready.add(t);
      if (t < 0 || t >= n || t === vm.id) bad.push(`VM ${vm.id}: ready entry ${t} is not another real VM`);
    }
    const mb = vm.mailbox;
    if ((mb.state === 'received' || mb.state === 'read') && mb.sender === null) bad.push(`VM ${vm.id}: mailbox ${mb.state} without a sender`);
    if (mb.size < 0 || mb.size > 4096) bad.push(`VM ${vm.id}: mailbox size ${mb.size}`);
    const stack = new Set(vm.recvWaiters);
    if (stack.size !== vm.recvWaiters.length) bad.push(`VM ${vm.id}: a vCPU is on the receive stack twice`);
    for (const v of vm.vcpus) {
      const onStack = stack.has(v.index);
      if (recvStackIsMailboxBlocked && onStack !== (v.state === 'blocked_mailbox' || v.state === 'blocked_rpc')) {
        bad.push(`VM ${vm.id} vCPU ${v.index}: ${v.state} but ${onStack ? 'on' : 'not on'} the receive stack`);
      }
      const both = popcount(v.enabledLo & v.pendingLo) + popcount(v.enabledHi & v.pendingHi);
      if (both !== v.count) bad.push(`VM ${vm.id} vCPU ${v.index}: enabled-and-pending count ${v.count}, bitmaps say ${both}`);
    }
  }
  return bad;
}

export function popcount(x: number): number {
  let n = x >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
