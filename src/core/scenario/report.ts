/**
 * The final-state report of a run, as text: what `hvlab run` prints (the
 * JSON form is the MachineView itself).
 */
import type { MachineView, RunCodeRecord, VcpuView } from '../machine/api.ts';
import type { EndReason } from '../trace/events.ts';

export function describeEnd(r: EndReason | null): string {
  if (!r) return 'still running';
  switch (r.kind) {
    case 'system_off':
      return 'system_off (PSCI SYSTEM_OFF from the primary: a clean finish)';
    case 'system_reset':
      return 'system_reset (PSCI SYSTEM_RESET from the primary)';
    case 'quiescent':
      return 'quiescent (nothing can run and nothing is pending)';
    case 'step_limit':
      return `step_limit (${r.limit} steps)`;
    case 'abort':
      return `abort of VM ${r.vm} vCPU ${r.vcpu}: ${r.message}`;
  }
}

export function describeRunCode(r: RunCodeRecord): string {
  const f = Object.entries(r.fields)
    .map(([k, v]) => `${k}=${k === 'vcpu' && v === 0xffff ? '0xffff' : v}`)
    .join(' ');
  return `${r.code}${f ? `(${f})` : ''} [VM ${r.vm} vCPU ${r.vcpu}]`;
}

function vcpuLines(v: VcpuView): string[] {
  const out = [`  vCPU ${v.index}: ${v.state}${v.cpu !== null ? ` (CPU ${v.cpu})` : ''}  pc=${v.pc}  sp=${v.sp}  nzcv=${v.nzcv.toString(2).padStart(4, '0')}  EL${v.el}  daif=${v.daif.toString(2).padStart(4, '0')}`];
  for (let i = 0; i < 31; i += 4) {
    out.push('    ' + v.x.slice(i, i + 4).map((x, j) => `x${String(i + j).padEnd(2)}=${x}`).join('  '));
  }
  out.push(`    interrupts: enabled=${v.interrupts.enabled} pending=${v.interrupts.pending} count=${v.interrupts.count} virq=${v.virq ? 1 : 0}${v.forcedReturn ? `  forced x0=${v.forcedReturn}` : ''}${v.thread ? `  thread=${v.thread}` : ''}`);
  return out;
}

/** The whole report: end reason, run codes, console, then every VM and vCPU. */
export function formatReport(title: string, view: MachineView): string {
  const lines: string[] = [];
  lines.push(`${title} (${view.abi}, ${view.cpus.length} CPU${view.cpus.length > 1 ? 's' : ''}, ${view.primary} primary)`);
  lines.push(`end: ${describeEnd(view.end)} after ${view.steps} steps`);
  lines.push(`run codes seen by the primary (${view.runCodes.length}):`);
  for (const r of view.runCodes) lines.push(`  ${describeRunCode(r)}`);
  lines.push('console:');
  for (const l of view.console.replace(/\n$/, '').split('\n')) lines.push(`  ${l}`);
  for (const vm of view.vms) {
    const mb = vm.mailbox;
    lines.push(
      `VM ${vm.id} ${vm.name}: mailbox ${mb.state} sender=${mb.sender ?? '-'} size=${mb.size} send=${mb.send ?? '-'} recv=${mb.recv ?? '-'}  waiters=[${vm.waiterList}] ready=[${vm.readyList}] recv-stack=[${vm.recvWaiters}]`,
    );
    for (const v of vm.vcpus) lines.push(...vcpuLines(v));
  }
  return lines.join('\n');
}

/**
 * `hvlab run`'s exit status for an end reason: 0 clean finish (system_off,
 * system_reset, quiescent), 2 guest abort, 4 step limit.
 */
export function exitStatus(r: EndReason | null): number {
  if (!r || r.kind === 'step_limit') return 4;
  return r.kind === 'abort' ? 2 : 0;
}
