/**
 * The parts of the machine view the D3 views read. They are `Pick`s of the
 * core's `MachineView` types (not copies), so any `MachineView` fits and tests
 * can build small ones.
 */
import type { VcpuView, VmView } from '../../../core/machine/api.ts';

/** A VM as the views need it: id, name, vCPU states, mailbox and lists. */
export type VmShape = Pick<VmView, 'id' | 'name'> & {
  readonly vcpus: readonly Pick<VcpuView, 'index' | 'state'>[];
} & Partial<Pick<VmView, 'mailbox' | 'waiterList' | 'readyList'>>;

/** VM id -> name, for labels. */
export function vmNames(vms: readonly VmShape[]): Map<number, string> {
  return new Map(vms.map((vm) => [vm.id, vm.name]));
}
