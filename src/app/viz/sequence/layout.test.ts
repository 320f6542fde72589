import { describe, expect, it } from 'vitest';
import { laneCentres, nowLineRow, pickArrow, sequenceWindow, type SeqArrow } from './layout.ts';
import { T6_VMS, t6Trace } from '../testing/t6.test-util.ts';

const arrows = t6Trace()
  .map(pickArrow)
  .filter((a): a is SeqArrow => a !== undefined);

describe('pickArrow on the T6 trace', () => {
  it('draws every message, the refused echo, the WRITABLE injection and the run returns in order', () => {
    expect(arrows.map((a) => [a.step, a.kind, a.from, a.to, a.label])).toEqual([
      [40, 'run_return', 1, 0, 'wfi'],
      [50, 'message', 0, 1, '22 B'],
      [80, 'run_return', 1, 0, 'yld'],
      [110, 'run_return', 1, 0, 'wfi'],
      [120, 'message', 0, 1, '15 B'],
      [140, 'message', 1, 0, '15 B'],
      [140, 'run_return', 1, 0, 'msg 15'],
      [170, 'run_return', 1, 0, 'wfi'],
      [180, 'message', 0, 1, '15 B'],
      [200, 'rejected', 1, 0, '✕ 15 B'],
      [220, 'run_return', 1, 0, 'wfi'],
      [260, 'inject', 0, 1, 'WRITABLE'],
      [300, 'message', 1, 0, '15 B'],
      [300, 'run_return', 1, 0, 'msg 15'],
    ]);
  });

  it('explains the refusal and the injection in the hover text', () => {
    expect(arrows.find((a) => a.kind === 'rejected')!.title).toBe(
      'step 200: VM 1 tried to send 15 bytes to VM 0: refused (target mailbox not empty); it will be notified when the mailbox becomes writable',
    );
    expect(arrows.find((a) => a.kind === 'inject')!.title).toBe('step 260: VM 0 injected interrupt 2 (WRITABLE) into VM 1 vCPU 0; result 1 (target woken: run it)');
  });
});

describe('laneCentres', () => {
  it('spreads VM lanes evenly between the margins, in id order', () => {
    expect([...laneCentres([T6_VMS[2], T6_VMS[0], T6_VMS[1]], 300, 50)]).toEqual([
      [0, 50],
      [1, 150],
      [2, 250],
    ]);
    expect([...laneCentres([T6_VMS[0]], 300, 50)]).toEqual([[0, 150]]);
  });
});

describe('sequenceWindow', () => {
  it('shows the arrows up to the current step plus a short look-ahead, faded', () => {
    const { rows, selected } = sequenceWindow(arrows, 200, 5, 2);
    expect(selected).toBe(9);
    expect(rows.map((r) => [r.index, r.row, r.future])).toEqual([
      [7, 0, false],
      [8, 1, false],
      [9, 2, false],
      [10, 3, true],
      [11, 4, true],
    ]);
  });

  it('shows the first rows before anything happened, and the last rows at the end', () => {
    expect(sequenceWindow(arrows, 0, 3, 1)).toEqual({ rows: [{ arrow: arrows[0], index: 0, row: 0, future: true }], selected: -1 });
    const end = sequenceWindow(arrows, 10_000, 4, 2);
    expect(end.selected).toBe(13);
    expect(end.rows.map((r) => r.index)).toEqual([10, 11, 12, 13]);
  });

  it('caps the rows whatever the length of the trace', () => {
    const many: SeqArrow[] = Array.from({ length: 100_000 }, (_, i) => ({ step: i, kind: 'message', from: 1, to: 2, label: '', title: '' }));
    expect(sequenceWindow(many, 50_000, 40, 5).rows).toHaveLength(40);
  });
});

describe('nowLineRow', () => {
  const arrow = (step: number) => ({ step, kind: 'message' as const, from: 1, to: 0, label: '', title: '' });
  const arrows = [10, 20, 30, 40].map(arrow);
  it('is the first row after the current step (after a seek back)', () => {
    expect(nowLineRow(sequenceWindow(arrows, 25, 10, 3).rows)).toBe(2);
    expect(nowLineRow(sequenceWindow(arrows, 5, 10, 3).rows)).toBe(0);
  });
  it('is null when every drawn row has happened', () => {
    expect(nowLineRow(sequenceWindow(arrows, 40, 10, 3).rows)).toBeNull();
    expect(nowLineRow([])).toBeNull();
  });
});
