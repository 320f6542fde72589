/**
 * The Breakpoints tab: every line breakpoint (hits, condition, first stopping
 * hit), protocol breakpoint (enable, hits, remove) and watchpoint (hits,
 * remove), what the worker refused, why the machine last stopped, and forms
 * to create protocol breakpoints and watchpoints.
 */
import { useMemo, useState } from 'react';
import { describeBreakpoint } from '../../core/debug/breakpoints.ts';
import type { Watchpoint } from '../../worker/protocol.ts';
import { useApp } from '../store/useApp.ts';
import {
  selectActions,
  selectBreakpointErrors,
  selectBreakpoints,
  selectDraft,
  selectGuests,
  selectHits,
  selectProtocolBreakpoints,
  selectStop,
  selectWatchpoints,
} from '../store/selectors.ts';
import { describeWatchpoint, stopText } from './describe.ts';
import { addProtocolBreakpoint, addWatchpoint, setEnabled, withoutId } from './entries.ts';
import {
  BREAKPOINT_KINDS,
  breakpointFields,
  buildBreakpoint,
  buildWatchpoint,
  initialValues,
  WATCH_KINDS,
  watchpointFields,
  type Built,
  type FieldSpec,
  type FormContext,
  type FormValues,
} from './form.ts';
import { LineOptionCells } from './LineOptions.tsx';
import './breakpoints.css';

/** The form's scenario facts: its ABI and VM ids. */
function useFormContext(): FormContext {
  const draft = useApp(selectDraft);
  const guests = useApp(selectGuests);
  return useMemo(() => ({ abi: draft.scenario.abi ?? 'v3-notify', vms: [...new Set([0, ...guests.map((g) => g.vm)])].sort((a, b) => a - b) }), [draft.scenario.abi, guests]);
}

function Field({ f, value, onChange, idPrefix }: { f: FieldSpec; value: string; onChange(v: string): void; idPrefix: string }) {
  const id = `${idPrefix}-${f.key}`;
  if (f.type === 'checkbox') {
    return (
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : '')} />
        {f.label}
      </label>
    );
  }
  return (
    <label htmlFor={id}>
      {f.label}
      {f.type === 'select' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {f.options!.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} value={value} placeholder={f.placeholder} inputMode={f.type === 'number' ? 'numeric' : undefined} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      )}
    </label>
  );
}

/** Fields of a form, hiding those whose `showIf` does not hold. */
function Fields({ fields, values, set, idPrefix }: { fields: readonly FieldSpec[]; values: Record<string, string>; set(k: string, v: string): void; idPrefix: string }) {
  return (
    <>
      {fields
        .filter((f) => !f.showIf || values[f.showIf.key] === f.showIf.value)
        .map((f) => (
          <Field key={f.key} f={f} value={values[f.key] ?? ''} onChange={(v) => set(f.key, v)} idPrefix={idPrefix} />
        ))}
    </>
  );
}

interface KindFormProps<K extends string, T> {
  /** The form's accessible name, e.g. "New watchpoint". */
  readonly label: string;
  /** The kind selector's label, e.g. "Break on". */
  readonly kindLabel: string;
  readonly idPrefix: string;
  readonly kinds: readonly { readonly kind: K; readonly label: string }[];
  readonly fieldsFor: (kind: K) => FieldSpec[];
  readonly build: (kind: K, values: FormValues) => Built<T>;
  readonly onAdd: (value: T) => void;
  readonly submit: string;
}

/** A "new ..." form: a kind selector, that kind's fields, and the builder's message when the input is refused. */
function KindForm<K extends string, T>({ label, kindLabel, idPrefix, kinds, fieldsFor, build, onAdd, submit }: KindFormProps<K, T>) {
  const [kind, setKind] = useState<K>(kinds[0].kind);
  const fields = fieldsFor(kind);
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(fields));
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="bp-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        const r = build(kind, values);
        setError(r.ok ? null : r.error);
        if (r.ok) onAdd(r.value);
      }}
    >
      <label htmlFor={`${idPrefix}-kind`}>
        {kindLabel}
        <select
          id={`${idPrefix}-kind`}
          value={kind}
          onChange={(e) => {
            const k = e.target.value as K;
            setKind(k);
            setValues(initialValues(fieldsFor(k)));
            setError(null);
          }}
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <Fields fields={fields} values={values} set={(k, v) => setValues((s) => ({ ...s, [k]: v }))} idPrefix={idPrefix} />
      <button type="submit">{submit}</button>
      {error && (
        <div className="bp-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

const ErrorNote = ({ text }: { text: string | undefined }) => (text ? <div className="bp-error">{text}</div> : null);

export function BreakpointsPanel() {
  const actions = useApp(selectActions);
  const lines = useApp(selectBreakpoints);
  const protocol = useApp(selectProtocolBreakpoints);
  const watches = useApp(selectWatchpoints);
  const hits = useApp(selectHits);
  const errors = useApp(selectBreakpointErrors);
  const stop = useApp(selectStop);
  const ctx = useFormContext();
  const stopped = stopText(stop, {
    protocol: (id) => {
      const e = protocol.find((p) => p.id === id);
      return e ? describeBreakpoint(e.bp) : null;
    },
    watch: (id) => {
      const w = watches.find((x) => x.id === id);
      return w ? describeWatchpoint(w) : null;
    },
  });
  const current = stop?.kind === 'protocol' || stop?.kind === 'watch' ? stop.id : stop?.kind === 'breakpoint' ? `${stop.file}:${stop.line}` : null;
  const known = new Set([...lines.map((b) => `${b.file}:${b.line}`), ...protocol.map((p) => p.id), ...watches.map((w) => w.id)]);
  const stray = Object.entries(errors).filter(([k]) => !known.has(k));
  const hitCell = (key: string) => <td className="num">{hits[key] ?? 0}</td>;

  return (
    <div className="bp-panel" data-testid="breakpoints-panel">
      <div className="bp-actions">
        <button type="button" onClick={() => actions.back({ kind: 'breakpoint' })} title="Go back to the previous stop of any enabled breakpoint or watchpoint">
          ◀ Previous hit
        </button>
        <button type="button" onClick={() => actions.run()}>
          Continue ▶
        </button>
      </div>
      {stopped && (
        <div className="bp-stop" role="status" data-testid="bp-stop">
          {stopped}
        </div>
      )}

      <h4>Line breakpoints</h4>
      {lines.length === 0 ? (
        <p className="bp-empty">Click the editor&apos;s margin to set one; right-click it for a condition.</p>
      ) : (
        <table className="bp-table" aria-label="Line breakpoints">
          <thead>
            <tr>
              <th>Line</th>
              <th className="num">Hits</th>
              <th>Condition</th>
              <th>From hit</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((b) => {
              const key = `${b.file}:${b.line}`;
              return (
                <tr key={key} aria-current={current === key}>
                  <td className="mono">
                    {key}
                    <ErrorNote text={errors[key]} />
                  </td>
                  {hitCell(key)}
                  {/* Keyed by the stored options, so the fields start over when they change elsewhere. */}
                  <LineOptionCells key={`${b.condition ?? ''}|${b.fromHit ?? ''}`} bp={b} />
                  <td>
                    <button type="button" aria-label={`Remove the breakpoint at ${key}`} onClick={() => actions.toggleBreakpoint(b.file, b.line)}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h4>Protocol breakpoints</h4>
      {protocol.length === 0 ? (
        <p className="bp-empty">None yet: use the form below, or right-click a mailbox, list, vCPU lane or arrow in the views.</p>
      ) : (
        <table className="bp-table" aria-label="Protocol breakpoints">
          <thead>
            <tr>
              <th>On</th>
              <th>Id</th>
              <th>Breaks when</th>
              <th className="num">Hits</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {protocol.map((p) => (
              <tr key={p.id} className={p.enabled ? undefined : 'disabled'} aria-current={current === p.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={p.enabled}
                    aria-label={`Enable protocol breakpoint ${p.id}`}
                    onChange={(e) => actions.setProtocolBreakpoints(setEnabled(protocol, p.id, e.target.checked))}
                  />
                </td>
                <td className="mono">{p.id}</td>
                <td className="bp-desc">
                  {describeBreakpoint(p.bp)}
                  <ErrorNote text={errors[p.id]} />
                </td>
                {hitCell(p.id)}
                <td>
                  <button type="button" aria-label={`Remove protocol breakpoint ${p.id}`} onClick={() => actions.setProtocolBreakpoints(withoutId(protocol, p.id))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <KindForm
        label="New protocol breakpoint"
        kindLabel="Break on"
        idPrefix="bp-new"
        kinds={BREAKPOINT_KINDS}
        fieldsFor={(k) => breakpointFields(k, ctx)}
        build={(k, v) => buildBreakpoint(k, v, ctx)}
        onAdd={(bp) => actions.setProtocolBreakpoints(addProtocolBreakpoint(protocol, bp).list)}
        submit="Add breakpoint"
      />

      <h4>Watchpoints</h4>
      {watches.length === 0 ? (
        <p className="bp-empty">None yet: stop when a memory range or a register changes.</p>
      ) : (
        <table className="bp-table" aria-label="Watchpoints">
          <thead>
            <tr>
              <th>Id</th>
              <th>Watches</th>
              <th className="num">Hits</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {watches.map((w: Watchpoint) => (
              <tr key={w.id} aria-current={current === w.id}>
                <td className="mono">{w.id}</td>
                <td>
                  {describeWatchpoint(w)}
                  <ErrorNote text={errors[w.id]} />
                </td>
                {hitCell(w.id)}
                <td>
                  <button type="button" aria-label={`Remove watchpoint ${w.id}`} onClick={() => actions.setWatchpoints(withoutId(watches, w.id))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <KindForm
        label="New watchpoint"
        kindLabel="Watch"
        idPrefix="wp-new"
        kinds={WATCH_KINDS}
        fieldsFor={(k) => watchpointFields(k, ctx)}
        build={(k, v) => buildWatchpoint(k, v, ctx)}
        onAdd={(w) => actions.setWatchpoints(addWatchpoint(watches, w).list)}
        submit="Add watchpoint"
      />

      {stray.length > 0 && (
        <>
          <h4>Problems</h4>
          <ul>
            {stray.map(([k, msg]) => (
              <li key={k} className="bp-error">
                {k}: {msg}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
