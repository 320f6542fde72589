/**
 * Every hypercall with decoded names, newest last, filterable by VM. Clicking
 * a row makes its step the current step of every view and focuses the caller.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectHypercalls, selectLogVm, selectCurrentStep, selectView } from '../store/selectors.ts';
import { hypercallText } from './hypercallText.ts';

/** Rows rendered at most (the newest); the log itself keeps everything the store holds. */
const MAX_ROWS = 200;

export function HypercallLog() {
  const calls = useThrottledApp(selectHypercalls);
  const logVm = useApp(selectLogVm);
  const selected = useApp(selectCurrentStep);
  const view = useThrottledApp(selectView);
  const actions = useApp(selectActions);
  const shown = useMemo(() => (logVm === null ? calls : calls.filter((c) => c.vm === logVm)), [calls, logVm]);
  const rows = useMemo(() => shown.slice(-MAX_ROWS), [shown]);
  const body = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Follow the newest call unless the user has scrolled up to read.
  useEffect(() => {
    const el = body.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [rows]);

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
          {shown.length > rows.length ? `last ${rows.length} of ${shown.length}` : `${shown.length} calls`}
        </span>
      </div>
      <div
        ref={body}
        className="panel-body"
        role="list"
        aria-label="Hypercalls"
        data-testid="hypercall-log"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
        }}
      >
        {rows.map((c, i) => (
          <button
            key={shown.length - rows.length + i}
            type="button"
            role="listitem"
            className="log-row"
            aria-current={selected === c.step ? 'true' : undefined}
            onClick={() => {
              actions.selectStep(c.step);
              actions.focus(c.vm, c.vcpu);
            }}
            title={c.reason ? `failed: ${c.reason}` : undefined}
          >
            <span style={{ color: 'var(--fg-muted)' }}>
              #{c.step} vm{c.vm}.{c.vcpu}
              {c.native ? ' (native)' : ''}{' '}
            </span>
            <span className={c.resultNum !== null && c.resultNum < 0 ? 'res-err' : undefined}>{hypercallText(c)}</span>
            {c.reason && <span style={{ color: 'var(--fg-muted)' }}> — {c.reason}</span>}
          </button>
        ))}
        {rows.length === 0 && <p style={{ padding: 8 }}>No hypercalls yet.</p>}
      </div>
    </section>
  );
}
