/**
 * Every hypercall with decoded names (and every interrupt injected from
 * outside the machine), oldest first, filterable by VM.
 * Clicking a row makes its step the current step of every view and focuses
 * the caller. With time travel the log can hold the branch's future: rows
 * at or after the present are dimmed, the row of the current step is marked
 * (aria-current) and brought into view when the user moves in time.
 *
 * Rows are virtualised (fixed height, only the visible ones are in the DOM)
 * in a scroller anchored at the bottom (see logWindow.ts): following the
 * newest call while running needs no scroll write, so no forced layout.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApp, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectCurrentStep, selectLogVm, selectStatus, selectView } from '../store/selectors.ts';
import { intidName } from '../viz/common/describe.ts';
import { hypercallText } from './hypercallText.ts';
import { selectLogEntries, type LogEntry } from './logEntries.ts';
import { firstAtOrAfter, FOLLOW_SLACK_PX, fromBottomCentring, logWindow, LOG_ROW_PX } from './logWindow.ts';

interface RowProps {
  readonly call: LogEntry;
  readonly index: number;
  readonly count: number;
  readonly current: boolean;
  readonly future: boolean;
  onPick(call: LogEntry): void;
}

/** One log row; memoised so a frame re-renders only rows whose props changed. */
const Row = memo(function Row({ call: c, index, count, current, future, onPick }: RowProps) {
  return (
    <button
      type="button"
      role="listitem"
      aria-setsize={count}
      aria-posinset={index + 1}
      className={future ? 'log-row log-vrow log-future' : 'log-row log-vrow'}
      style={{ top: index * LOG_ROW_PX }}
      aria-current={current ? 'step' : undefined}
      onClick={() => onPick(c)}
      title={c.kind === 'hypercall' && c.reason ? `failed: ${c.reason}` : undefined}
    >
      <span style={{ color: 'var(--fg-muted)' }}>
        #{c.step} vm{c.vm}.{c.vcpu}
        {c.kind === 'hypercall' ? (c.native ? ' (native)' : '') : ' (from outside)'}{' '}
      </span>
      {c.kind === 'hypercall' ? (
        <>
          <span className={c.resultNum !== null && c.resultNum < 0 ? 'res-err' : undefined}>{hypercallText(c)}</span>
          {c.reason && <span style={{ color: 'var(--fg-muted)' }}> — {c.reason}</span>}
        </>
      ) : (
        <span className="log-inject">
          interrupt {c.intid} ({intidName(c.intid)}) injected into vCPU {c.vm}.{c.vcpu}
        </span>
      )}
      {future && <span className="visually-hidden"> (not yet happened)</span>}
    </button>
  );
});

export function HypercallLog() {
  const calls = useThrottledApp(selectLogEntries);
  const logVm = useApp(selectLogVm);
  const currentStep = useThrottledApp(selectCurrentStep);
  const status = useApp(selectStatus);
  const view = useThrottledApp(selectView);
  const actions = useApp(selectActions);
  const shown = useMemo(() => (logVm === null ? calls : calls.filter((c) => c.vm === logVm)), [calls, logVm]);
  const body = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const [fromBottom, setFromBottom] = useState(0);
  const win = logWindow({ count: shown.length, height, fromBottom });
  const now = currentStep + 1;
  const presentIndex = firstAtOrAfter(shown, now);
  const currentIndex = presentIndex > 0 && shown[presentIndex - 1].step === currentStep ? presentIndex - 1 : -1;

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => setHeight(entries[0].contentRect.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The user moved in time (not running): bring the present into view
  // (state adjusted while rendering, as React recommends for derived changes).
  const [seenStep, setSeenStep] = useState(currentStep);
  if (seenStep !== currentStep) {
    setSeenStep(currentStep);
    const at = currentIndex >= 0 ? currentIndex : presentIndex;
    const top = at * LOG_ROW_PX;
    if (status !== 'running' && height > 0 && (top < win.top || top + LOG_ROW_PX > win.top + height)) setFromBottom(fromBottomCentring(at, shown.length, height));
  }

  // Only a move the user asked for (a seek) writes the scroll offset; while
  // following, the column-reverse scroller stays at the bottom by itself.
  // `shownFromBottom` is where the element is, so nothing is read back.
  const shownFromBottom = useRef(0);
  useLayoutEffect(() => {
    const el = body.current;
    if (el && shownFromBottom.current !== win.fromBottom) {
      el.scrollTop = -win.fromBottom;
      shownFromBottom.current = win.fromBottom;
    }
  }, [win.fromBottom]);

  const onPick = useMemo(
    () => (c: LogEntry) => {
      actions.selectStep(c.step);
      actions.focus(c.vm, c.vcpu);
    },
    [actions],
  );

  const rows: ReactNode[] = [];
  for (let i = win.first; i < win.last; i++) {
    const c = shown[i];
    rows.push(<Row key={i} call={c} index={i} count={shown.length} current={i === currentIndex} future={c.step >= now} onPick={onPick} />);
  }

  return (
    <section className="panel" aria-label="Hypercall log">
      <div className="panel-header">
        <label>
          VM{' '}
          <select aria-label="Filter hypercalls by VM" value={logVm === null ? 'all' : String(logVm)} onChange={(e) => actions.setLogVm(e.target.value === 'all' ? null : Number(e.target.value))}>
            <option value="all">all</option>
            {(view?.vms ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}: {v.name}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <span style={{ fontWeight: 400, color: 'var(--fg-muted)' }}>
          {shown.length} calls{presentIndex < shown.length ? `, ${shown.length - presentIndex} ahead of the present` : ''}
        </span>
      </div>
      <div
        ref={body}
        className="panel-body log-body"
        role="list"
        aria-label="Hypercalls"
        data-testid="hypercall-log"
        onScroll={(e) => {
          const fb = Math.max(0, -e.currentTarget.scrollTop);
          shownFromBottom.current = fb;
          setFromBottom(fb <= FOLLOW_SLACK_PX ? 0 : fb);
        }}
      >
        {shown.length === 0 ? (
          <p style={{ padding: 8 }}>No hypercalls yet.</p>
        ) : (
          <div className="log-spacer" style={{ height: win.content }}>
            {rows}
          </div>
        )}
      </div>
    </section>
  );
}
