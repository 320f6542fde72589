/**
 * Pure layout of the message sequence diagram: one vertical lane per VM,
 * time downward, one row per arrow. Arrows are messages (with size), refused
 * sends, WRITABLE/READABLE (and other) interrupt injections, and run returns
 * to the primary. Only a window of rows around the current step is drawn.
 */
import type { TraceEvent } from '../../../core/trace/events.ts';
import type { VmShape } from '../common/shapes.ts';
import { hexLow32, intidName, runReturnShort, runReturnTitle } from '../common/describe.ts';

export type ArrowKind = 'message' | 'rejected' | 'inject' | 'run_return';

/** One arrow of the diagram, from lane `from` to lane `to` (equal for a self-injection). */
export interface SeqArrow {
  readonly step: number;
  readonly kind: ArrowKind;
  readonly from: number;
  readonly to: number;
  /** Short text on the arrow. */
  readonly label: string;
  /** Full description (hover and screen readers). */
  readonly title: string;
}

/** The primary VM's id: run returns go to its lane. */
const PRIMARY = 0;

/**
 * The arrow `e` contributes, if any (for `createEventSelection`):
 * `message_copy` → message; a send hypercall returning -1 → rejected;
 * a successful HF_INTERRUPT_INJECT → inject (caller to target VM);
 * `run_return` → from the secondary to the primary.
 */
export function pickArrow(e: TraceEvent): SeqArrow | undefined {
  switch (e.kind) {
    case 'message_copy':
      return { step: e.step, kind: 'message', from: e.from, to: e.to, label: `${e.size} B`, title: `step ${e.step}: message of ${e.size} bytes copied from VM ${e.from} to VM ${e.to}` };
    case 'run_return':
      return { step: e.step, kind: 'run_return', from: e.vm, to: PRIMARY, label: runReturnShort(e), title: runReturnTitle(e) };
    case 'hypercall': {
      if (e.name === 'HF_MAILBOX_SEND' && e.resultNum === -1) {
        const to = hexLow32(e.args[0]);
        const size = hexLow32(e.args[1]);
        const notify = hexLow32(e.args[2]) !== 0;
        return {
          step: e.step,
          kind: 'rejected',
          from: e.vm,
          to,
          label: `✕ ${size} B`,
          title: `step ${e.step}: VM ${e.vm} tried to send ${size} bytes to VM ${to}: refused (${e.reason ?? '-1'})${notify ? '; it will be notified when the mailbox becomes writable' : ''}`,
        };
      }
      if (e.name === 'HF_INTERRUPT_INJECT' && e.resultNum !== null && e.resultNum >= 0) {
        const to = hexLow32(e.args[0]);
        const vcpu = hexLow32(e.args[1]);
        const intid = hexLow32(e.args[2]);
        return {
          step: e.step,
          kind: 'inject',
          from: e.vm,
          to,
          label: intidName(intid),
          title: `step ${e.step}: VM ${e.vm} injected interrupt ${intid} (${intidName(intid)}) into VM ${to} vCPU ${vcpu}; result ${e.resultNum}${e.resultNum === 1 ? ' (target woken: run it)' : ''}`,
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Centre x of each VM's lane, VMs in id order, evenly spread over `width` with `margin` each side. */
export function laneCentres(vms: readonly VmShape[], width: number, margin: number): Map<number, number> {
  const ids = vms.map((v) => v.id).sort((a, b) => a - b);
  const inner = Math.max(0, width - 2 * margin);
  const step = ids.length > 1 ? inner / (ids.length - 1) : 0;
  return new Map(ids.map((id, i) => [id, ids.length > 1 ? margin + i * step : width / 2]));
}

/** An arrow placed in a row of the window. */
export interface SeqRow {
  readonly arrow: SeqArrow;
  /** Index in the full arrow list: a stable key for the data join. */
  readonly index: number;
  /** Row number within the window, 0 at the top. */
  readonly row: number;
  /** True when the arrow lies after the current step (drawn faded). */
  readonly future: boolean;
}

/**
 * The rows to draw: at most `maxRows` consecutive arrows of `arrows` (trace
 * order), ending with up to `lookahead` arrows after `currentStep`, so the
 * arrow at (or just before) the current step stays in view near the bottom.
 * Returns the rows and `selected`, the index of the last arrow at or before
 * `currentStep` (-1 if none).
 */
export function sequenceWindow(arrows: readonly SeqArrow[], currentStep: number, maxRows: number, lookahead: number): { rows: SeqRow[]; selected: number } {
  let lo = 0;
  let hi = arrows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arrows[mid].step <= currentStep) lo = mid + 1;
    else hi = mid;
  }
  const selected = lo - 1;
  const rowsWanted = Math.max(0, maxRows);
  const end = Math.min(arrows.length, selected + 1 + Math.min(lookahead, Math.max(0, rowsWanted - 1)));
  const start = Math.max(0, end - rowsWanted);
  const rows: SeqRow[] = [];
  for (let i = start; i < end; i++) rows.push({ arrow: arrows[i], index: i, row: i - start, future: arrows[i].step > currentStep });
  return { rows, selected };
}

/**
 * Where the "now" line goes between the rows: the row number of the first
 * row after the current step (the line is drawn at its top edge), or null
 * when no drawn row lies in the future.
 */
export function nowLineRow(rows: readonly SeqRow[]): number | null {
  const first = rows.find((r) => r.future);
  return first ? first.row : null;
}
