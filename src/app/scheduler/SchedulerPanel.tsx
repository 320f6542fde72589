/**
 * The Scheduler tab: the scenario's schedule kind; the pending manual choice
 * as buttons; "make CPU n run next" (a new branch when in the past);
 * interrupt injection; and the branch list with "return to this branch".
 * Every control is a labelled form element or button, usable by keyboard.
 */
import { useId, useState, type FormEvent } from 'react';
import type { MachineView } from '../../core/machine/api.ts';
import { useApp, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectDraft, selectStatus, selectStop, selectTime, selectView } from '../store/selectors.ts';
import type { Actions } from '../store/store.ts';
import { branchRows, checkInject, checkNextChoice, describeChoice, pendingOptions, scheduleOf, SCHEDULE_KINDS, withScheduleKind, type NextChoiceForm, type ScheduleKind } from './model.ts';
import './scheduler.css';

const KIND_TEXT: Record<ScheduleKind, string> = {
  'round-robin': 'round-robin (CPUs take turns)',
  random: 'random (seeded)',
  manual: 'manual (you choose each time)',
};

/** One `<option value="vm.vcpu">` per vCPU of the machine. */
function VcpuOptions({ view }: { view: MachineView }) {
  return view.vms.flatMap((v) =>
    v.vcpus.map((c) => (
      <option key={`${v.id}.${c.index}`} value={`${v.id}.${c.index}`}>
        VM {v.id}.{c.index} ({v.name})
      </option>
    )),
  );
}

/**
 * The pending manual choice. `focusFirst`: the user answered the previous
 * question from here, so keyboard focus moves to this one's first option
 * (the answered buttons are gone).
 */
function PendingChoice({ view, quantum, actions, focusFirst, onChoose }: { view: MachineView; quantum: number; actions: Actions; focusFirst: boolean; onChoose(): void }) {
  const [steps, setSteps] = useState(String(quantum));
  const req = view.pendingChoice;
  const stepsId = useId();
  if (!req) return null;
  const options = pendingOptions(req, Number(steps));
  return (
    <section className="sched-box sched-pending" aria-labelledby={`${stepsId}-h`}>
      <h3 id={`${stepsId}-h`}>The machine waits for you: {req.kind === 'cpu' ? 'which CPU runs next?' : `which thread does the scheduler on CPU ${req.cpu} run?`}</h3>
      {req.kind === 'cpu' && (
        <label htmlFor={stepsId}>
          for{' '}
          <input id={stepsId} aria-label="Steps for the chosen CPU" type="number" min={1} max={req.maxSteps} value={steps} onChange={(e) => setSteps(e.target.value)} aria-describedby={`${stepsId}-max`} /> steps{' '}
          <span id={`${stepsId}-max`} className="sched-hint">
            (1 to {req.maxSteps})
          </span>
        </label>
      )}
      <div role="group" aria-label="Scheduling options" className="sched-options">
        {options.map((o, i) => (
          <button
            key={o.label}
            type="button"
            autoFocus={focusFirst && i === 0}
            onClick={() => {
              onChoose();
              actions.choose(o.choice);
            }}
          >
            {o.label}
          </button>
        ))}
      </div>
    </section>
  );
}

function NextChoice({ view, quantum, actions }: { view: MachineView; quantum: number; actions: Actions }) {
  const [form, setForm] = useState<NextChoiceForm>({ kind: 'cpu', cpu: '0', steps: String(quantum) });
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const checked = checkNextChoice(form, view, quantum);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!checked.ok) return setError(checked.error);
    setError(null);
    actions.setNextChoice(checked.value);
  };
  const set = (patch: Partial<{ cpu: string; steps: string; vm: string; vcpu: string }>) => setForm((f) => ({ ...f, ...patch }) as NextChoiceForm);
  return (
    <form className="sched-box" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h3 id={`${id}-h`}>Next scheduling choice</h3>
      <p className="sched-hint">Decide what runs next from the present. In the past this starts a new branch; the old future stays listed below.</p>
      {view.pendingChoice && view.pendingChoice.kind !== form.kind && (
        <p className="sched-hint" role="note">
          The machine is waiting for a {view.pendingChoice.kind === 'cpu' ? 'CPU' : 'thread'} choice (above): answer it first. This {form.kind === 'cpu' ? 'CPU' : 'thread'} choice
          applies to the next {form.kind === 'cpu' ? 'CPU' : 'thread'} decision after it.
        </p>
      )}
      <div className="sched-row">
        {view.primary === 'native' && (
          <label>
            What{' '}
            <select
              aria-label="Kind of next choice"
              value={form.kind}
              onChange={(e) => setForm((f) => (e.target.value === 'cpu' ? { kind: 'cpu', cpu: f.cpu, steps: String(quantum) } : { kind: 'thread', cpu: f.cpu, vm: '1', vcpu: '0' }))}
            >
              <option value="cpu">a CPU for some steps</option>
              <option value="thread">a thread of the native scheduler</option>
            </select>
          </label>
        )}
        <label>
          CPU{' '}
          <select aria-label="CPU to run next" value={form.cpu} onChange={(e) => set({ cpu: e.target.value })}>
            {view.cpus.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </label>
        {form.kind === 'cpu' ? (
          <label>
            Steps <input aria-label="Steps to run" type="number" min={1} max={quantum} value={form.steps} onChange={(e) => set({ steps: e.target.value })} />
          </label>
        ) : (
          <label>
            Thread{' '}
            <select
              aria-label="Thread to run next"
              value={`${form.vm}.${form.vcpu}`}
              onChange={(e) => {
                const [vm, vcpu] = e.target.value.split('.');
                set({ vm, vcpu });
              }}
            >
              <VcpuOptions view={view} />
            </select>
          </label>
        )}
        <button type="submit">{checked.ok ? `Make next: ${describeChoice(checked.value)}` : 'Make it next'}</button>
      </div>
      <FormError error={error} />
    </form>
  );
}

/** A form's mistake, announced when it appears. */
function FormError({ error }: { error: string | null }) {
  return (
    error && (
      <p className="sched-error" role="alert">
        {error}
      </p>
    )
  );
}

function Inject({ view, actions }: { view: MachineView; actions: Actions }) {
  // A secondary by default: injecting into the primary is rarely what a learner means.
  const first = view.vms.find((v) => v.id !== 0) ?? view.vms[0];
  const [form, setForm] = useState({ vm: String(first?.id ?? 1), vcpu: '0', intid: '1' });
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = checkInject(form, view);
    if (!c.ok) return setError(c.error);
    setError(null);
    actions.inject(c.value.vm, c.value.vcpu, c.value.intid);
  };
  return (
    <form className="sched-box" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h3 id={`${id}-h`}>Inject a virtual interrupt</h3>
      <p className="sched-hint">As HF_INTERRUPT_INJECT would, now (1 = mailbox readable, 2 = mailbox writable).</p>
      <div className="sched-row">
        <label>
          Target vCPU{' '}
          <select
            aria-label="Interrupt target vCPU"
            value={`${form.vm}.${form.vcpu}`}
            onChange={(e) => {
              const [vm, vcpu] = e.target.value.split('.');
              setForm((f) => ({ ...f, vm, vcpu }));
            }}
          >
            <VcpuOptions view={view} />
          </select>
        </label>
        <label>
          Interrupt id <input aria-label="Interrupt id" type="number" min={0} max={63} value={form.intid} onChange={(e) => setForm((f) => ({ ...f, intid: e.target.value }))} />
        </label>
        <button type="submit">Inject interrupt</button>
      </div>
      <FormError error={error} />
    </form>
  );
}

function Branches({ actions }: { actions: Actions }) {
  const time = useThrottledApp(selectTime);
  const rows = branchRows(time);
  const id = useId();
  return (
    <section className="sched-box" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Branches</h3>
      {rows.length === 0 ? (
        <p className="sched-hint">One run so far. Changing the past (a choice or an interrupt after stepping back) starts a branch.</p>
      ) : (
        <table className="grid sched-branches" aria-labelledby={`${id}-h`} data-testid="branch-list">
          <thead>
            <tr>
              <th scope="col">Branch</th>
              <th scope="col">From</th>
              <th scope="col">At step</th>
              <th scope="col">Head</th>
              <th scope="col">What changed</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id} aria-current={b.current ? 'true' : undefined}>
                <th scope="row">
                  {b.id}
                  {b.current && ' (current)'}
                </th>
                <td>{b.parent ?? '—'}</td>
                <td>{b.forkStep.toLocaleString('en-US')}</td>
                <td>{b.head.toLocaleString('en-US')}</td>
                <td className="sched-why">{b.why}</td>
                <td>{!b.current && <button type="button" onClick={() => actions.switchBranch(b.id)}>Return to branch {b.id}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SchedulerPanel() {
  const view = useThrottledApp(selectView);
  const draft = useApp(selectDraft);
  const status = useApp(selectStatus);
  const stop = useApp(selectStop);
  const actions = useApp(selectActions);
  const { kind, quantum } = scheduleOf(draft);
  const [answeredHere, setAnsweredHere] = useState(false);
  return (
    <div className="sched" data-testid="scheduler">
      <div className="sched-box sched-row">
        <label>
          Schedule{' '}
          <select aria-label="Schedule kind" value={kind} onChange={(e) => actions.editDraft((d) => withScheduleKind(d, e.target.value as ScheduleKind))}>
            {SCHEDULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_TEXT[k]}
              </option>
            ))}
          </select>
        </label>
        <span className="sched-hint">
          quantum {quantum} steps{kind === 'manual' && stop?.kind === 'need_choice' ? ' · waiting for a choice' : ''}
        </span>
      </div>
      {!view ? (
        <p className="sched-hint">No machine yet.</p>
      ) : (
        <>
          {/* Keyed by the request so the steps field starts from the quantum for each new question. */}
          {view.pendingChoice && status !== 'running' && (
            <PendingChoice key={JSON.stringify(view.pendingChoice)} view={view} quantum={quantum} actions={actions} focusFirst={answeredHere} onChoose={() => setAnsweredHere(true)} />
          )}
          <NextChoice view={view} quantum={quantum} actions={actions} />
          <Inject view={view} actions={actions} />
          <Branches actions={actions} />
        </>
      )}
    </div>
  );
}
