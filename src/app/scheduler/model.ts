/**
 * Pure model of the Scheduler tab: the buttons for a pending manual choice,
 * the forms for "next choice" and "inject interrupt" checked against the
 * machine (each mistake named, nothing thrown), the branch list, and the
 * scenario's schedule kind. The worker has the last word on legality (it
 * answers an illegal command with `refused`); these checks only spare the
 * user a round trip for what is plainly wrong.
 */
import { HF_NUM_INTIDS } from '../../core/hafnium/abi/v3.ts';
import type { ChoiceRequest, MachineView } from '../../core/machine/api.ts';
import type { ScheduleSpec } from '../../core/scenario/schema.ts';
import type { Choice } from '../../core/trace/events.ts';
import type { BranchInfo, TimeInfo } from '../../worker/protocol.ts';
import type { Draft } from '../scenario/draft.ts';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export type ScheduleKind = ScheduleSpec['kind'];
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['round-robin', 'random', 'manual'];
/** The scenario schema's default quantum (steps per CPU choice). */
export const DEFAULT_QUANTUM = 1000;

/** The draft's schedule kind and quantum, defaults filled in. */
export function scheduleOf(d: Draft): { readonly kind: ScheduleKind; readonly quantum: number } {
  const s = d.scenario.schedule;
  return { kind: s?.kind ?? 'round-robin', quantum: s?.quantum ?? DEFAULT_QUANTUM };
}

/** The draft with schedule kind `kind` (seed and quantum kept); the same draft when nothing changes. */
export function withScheduleKind(d: Draft, kind: ScheduleKind): Draft {
  if (scheduleOf(d).kind === kind) return d;
  return { ...d, scenario: { ...d.scenario, schedule: { ...d.scenario.schedule, kind } } };
}

/** A choice in words, e.g. "CPU 1 runs 1000 steps" or "CPU 0 runs VM 2.1". */
export function describeChoice(c: Choice): string {
  return c.kind === 'cpu' ? `CPU ${c.cpu} runs ${c.steps} step${c.steps === 1 ? '' : 's'}` : `CPU ${c.cpu} runs VM ${c.vm}.${c.vcpu}`;
}

/**
 * The options of a pending choice as (label, choice) pairs. CPU options take
 * `steps`, clamped to [1, req.maxSteps].
 */
export function pendingOptions(req: ChoiceRequest, steps: number): { readonly label: string; readonly choice: Choice }[] {
  if (req.kind === 'cpu') {
    const k = Math.min(Math.max(1, Math.floor(steps) || 1), req.maxSteps);
    return req.options.map((cpu) => {
      const choice: Choice = { kind: 'cpu', cpu, steps: k };
      return { label: describeChoice(choice), choice };
    });
  }
  return req.options.map((t) => {
    const choice: Choice = { kind: 'thread', cpu: req.cpu, vm: t.vm, vcpu: t.vcpu };
    return { label: describeChoice(choice), choice };
  });
}

/** Parses a whole number in [min, max]; the error names the field. */
export function parseWhole(text: string, field: string, min: number, max: number): Checked<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: `${field}: "${text}" is not a whole number` };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: `${field}: ${n} is out of range (${min} to ${max})` };
  return { ok: true, value: n };
}

/** Parses a (vm, vcpu) pair from the form and checks the vCPU exists; errors start with `what`. */
function checkVcpu(vmText: string, vcpuText: string, view: MachineView, what: string): Checked<{ readonly vm: number; readonly vcpu: number }> {
  const vm = parseWhole(vmText, 'VM', 0, Number.MAX_SAFE_INTEGER);
  if (!vm.ok) return vm;
  const vcpu = parseWhole(vcpuText, 'vCPU', 0, Number.MAX_SAFE_INTEGER);
  if (!vcpu.ok) return vcpu;
  const v = view.vms.find((x) => x.id === vm.value);
  if (!v) return { ok: false, error: `${what}: there is no VM ${vm.value}` };
  const n = v.vcpus.length;
  if (vcpu.value >= n) return { ok: false, error: `${what}: VM ${vm.value} has ${n} vCPU${n === 1 ? '' : 's'}, so there is no vCPU ${vcpu.value}` };
  return { ok: true, value: { vm: vm.value, vcpu: vcpu.value } };
}

/** The "make CPU n run next" form as the user typed it. */
export type NextChoiceForm =
  | { readonly kind: 'cpu'; readonly cpu: string; readonly steps: string }
  | { readonly kind: 'thread'; readonly cpu: string; readonly vm: string; readonly vcpu: string };

/** Checks the next-choice form against the machine: CPU exists, steps in [1, quantum], thread exists (native primary only). */
export function checkNextChoice(f: NextChoiceForm, view: MachineView, quantum: number): Checked<Choice> {
  const cpu = parseWhole(f.cpu, 'CPU', 0, view.cpus.length - 1);
  if (!cpu.ok) return cpu;
  if (f.kind === 'cpu') {
    const steps = parseWhole(f.steps, 'Steps', 1, quantum);
    return steps.ok ? { ok: true, value: { kind: 'cpu', cpu: cpu.value, steps: steps.value } } : steps;
  }
  if (view.primary !== 'native') return { ok: false, error: 'Only the native scheduler runs threads: this scenario has a guest primary' };
  const t = checkVcpu(f.vm, f.vcpu, view, 'Thread');
  return t.ok ? { ok: true, value: { kind: 'thread', cpu: cpu.value, ...t.value } } : t;
}

/** The inject-interrupt form as the user typed it. */
export interface InjectForm {
  readonly vm: string;
  readonly vcpu: string;
  readonly intid: string;
}

/** Checks the inject form: the vCPU exists and the interrupt id is one the hypervisor has. */
export function checkInject(f: InjectForm, view: MachineView): Checked<{ readonly vm: number; readonly vcpu: number; readonly intid: number }> {
  const target = checkVcpu(f.vm, f.vcpu, view, 'Target');
  if (!target.ok) return target;
  const intid = parseWhole(f.intid, 'Interrupt id', 0, HF_NUM_INTIDS - 1);
  return intid.ok ? { ok: true, value: { ...target.value, intid: intid.value } } : intid;
}

/** One row of the branch list. */
export interface BranchRow extends BranchInfo {
  readonly current: boolean;
}

/** The branches, oldest first, the current one marked. */
export function branchRows(time: TimeInfo | null): BranchRow[] {
  if (!time) return [];
  return [...time.branches].sort((a, b) => a.id - b.id).map((b) => ({ ...b, current: b.id === time.branch }));
}
