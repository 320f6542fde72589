import { describe, expect, it } from 'vitest';
import type { RunReturnEvent, TraceEvent } from '../../../core/trace/events.ts';
import { eventAtStep, uniqueTargets } from './context.ts';

const ev = (step: number, kind: string, extra: object = {}) => ({ step, kind, ...extra }) as unknown as TraceEvent;

describe('eventAtStep', () => {
  const events = [ev(1, 'vcpu_state'), ev(3, 'vcpu_state'), ev(3, 'run_return', { code: 'YIELD' }), ev(3, 'run_return', { code: 'WAIT' }), ev(7, 'run_return', { code: 'MESSAGE' })];
  const isRr = (e: TraceEvent): e is RunReturnEvent => e.kind === 'run_return';

  it('finds the first matching event of that step', () => {
    expect(eventAtStep(events, 3, isRr)?.code).toBe('YIELD');
    expect(eventAtStep(events, 7, isRr)?.code).toBe('MESSAGE');
  });

  it('is undefined when the step has no such event', () => {
    expect(eventAtStep(events, 1, isRr)).toBeUndefined();
    expect(eventAtStep(events, 5, isRr)).toBeUndefined();
    expect(eventAtStep([], 0, isRr)).toBeUndefined();
  });
});

describe('uniqueTargets', () => {
  it('drops repeats and keeps first-seen order', () => {
    const a = { kind: 'message', from: 1, to: 2, refused: false } as const;
    const b = { kind: 'vcpu', vm: 1, vcpu: 0 } as const;
    expect(uniqueTargets([a, b, { ...a }, b])).toEqual([a, b]);
  });
});
