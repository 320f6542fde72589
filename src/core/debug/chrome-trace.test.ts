import { describe, expect, it } from 'vitest';
import { toChromeTrace } from './chrome-trace.ts';
import type { TraceEvent } from '../trace/events.ts';

const h = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;

describe('Chrome trace export', () => {
  const events: TraceEvent[] = [
    { step: 0, cpu: 0, kind: 'vcpu_state', vm: 1, vcpu: 0, from: 'off', to: 'ready', cause: 'boot' },
    { step: 5, cpu: 0, kind: 'vcpu_state', vm: 1, vcpu: 0, from: 'ready', to: 'running', cause: 'HF_VCPU_RUN' },
    { step: 9, cpu: 0, kind: 'hypercall', vm: 1, vcpu: 0, name: 'HF_MAILBOX_SEND', id: 0xff06, args: [h(0), h(22), h(0)], result: h(0), resultNum: 0 },
    { step: 9, cpu: 0, kind: 'message_copy', from: 1, to: 0, size: 22, payload: '45', truncated: false },
    { step: 9, cpu: 0, kind: 'run_return', vm: 1, vcpu: 0, code: 'MESSAGE', raw: h(0x1600000004), fields: { size: 22 } },
    { step: 9, cpu: 0, kind: 'vcpu_state', vm: 1, vcpu: 0, from: 'running', to: 'ready', cause: 'HF_MAILBOX_SEND' },
    { step: 12, cpu: 0, kind: 'choice', choice: { kind: 'cpu', cpu: 0, steps: 1 }, options: [0] },
  ];
  const trace = toChromeTrace(events, { vms: [{ id: 0, name: 'primary', vcpus: 1 }, { id: 1, name: 'echo', vcpus: 1 }], endStep: 20 });

  it('names processes and threads after VMs and vCPUs', () => {
    const meta = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name');
    expect(meta.map((e) => e.args?.name)).toEqual(['VM 0 primary', 'VM 1 echo']);
  });

  it('turns state changes into slices that tile the vCPU timeline to the end', () => {
    const slices = trace.traceEvents.filter((e) => e.ph === 'X').map((e) => [e.name, e.ts, e.dur]);
    expect(slices).toEqual([
      ['ready', 0, 5],
      ['running', 5, 4],
      ['ready', 9, 11],
    ]);
  });

  it('links a message from sender to receiver with a flow, and marks calls and run returns', () => {
    const flow = trace.traceEvents.filter((e) => e.ph === 's' || e.ph === 'f');
    expect(flow.map((e) => [e.ph, e.pid, e.id])).toEqual([['s', 1, 1], ['f', 0, 1]]);
    const instants = trace.traceEvents.filter((e) => e.ph === 'i').map((e) => e.name);
    expect(instants).toEqual(['HF_MAILBOX_SEND', 'run -> MESSAGE']);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });
});
