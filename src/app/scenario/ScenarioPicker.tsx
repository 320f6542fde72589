/**
 * The scenario dialog: every built-in example with its one-line
 * description, a new blank scenario, and the open scenario's settings
 * (ABI generation, CPUs, primary kind, VMs and their vCPUs).
 */
import { useEffect, useRef } from 'react';
import { MAX_CPUS, MAX_SECONDARY_VCPUS } from '../../core/scenario/schema.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';
import { useApp } from '../store/useApp.ts';
import { selectActions, selectDraft, selectExample } from '../store/selectors.ts';
import { addVm, blankDraft, removeVm, setAbi, setCpus, setPrimaryKind, setVcpus } from './draft.ts';
import { EXAMPLES } from './examples.ts';

const ABIS: readonly { value: AbiGeneration; label: string }[] = [
  { value: 'v3-notify', label: 'v3-notify (writable notifications)' },
  { value: 'v2-mailbox', label: 'v2-mailbox (mailboxes between all VMs)' },
  { value: 'v1-rpc', label: 'v1-rpc (primary ⇄ secondary RPC)' },
];

export function ScenarioPicker({ onClose }: { onClose(): void }) {
  const actions = useApp(selectActions);
  const draft = useApp(selectDraft).scenario;
  const example = useApp(selectExample);
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => firstRef.current?.focus(), []);

  return (
    <div className="overlay-backdrop" onClick={onClose}>
      <div
        className="overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="picker-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        style={{ minWidth: 560 }}
      >
        <h2 id="picker-title">Open a scenario</h2>
        <ul className="picker-list" aria-label="Built-in examples">
          {EXAMPLES.map((ex, i) => (
            <li key={ex.name}>
              <button
                type="button"
                ref={i === 0 ? firstRef : undefined}
                aria-current={ex.name === example ? 'true' : undefined}
                data-example={ex.name}
                onClick={() => {
                  history.replaceState(null, '', `?example=${encodeURIComponent(ex.name)}`);
                  actions.openDraft(ex.draft, ex.name);
                }}
              >
                <strong>{ex.name}</strong> — {ex.title}
                <span className="desc">{ex.description}</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              ref={EXAMPLES.length === 0 ? firstRef : undefined}
              onClick={() => {
                history.replaceState(null, '', location.pathname);
                actions.openDraft(blankDraft(), null);
              }}
            >
              <strong>New blank scenario</strong>
              <span className="desc">A native primary and one secondary VM with a starter program.</span>
            </button>
          </li>
        </ul>

        <h2 style={{ marginTop: 16 }}>This scenario: {draft.name}</h2>
        <div style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 12px', alignItems: 'center' }}>
          <label htmlFor="sc-abi">ABI generation</label>
          <select id="sc-abi" value={draft.abi ?? 'v3-notify'} onChange={(e) => actions.editDraft((d) => setAbi(d, e.target.value as AbiGeneration))}>
            {ABIS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          <label htmlFor="sc-cpus">Physical CPUs</label>
          <input id="sc-cpus" type="number" min={1} max={MAX_CPUS} value={draft.cpus ?? 1} onChange={(e) => actions.editDraft((d) => setCpus(d, Number(e.target.value)))} />
          <label htmlFor="sc-primary">Primary VM</label>
          <select id="sc-primary" value={draft.primary.kind} onChange={(e) => actions.editDraft((d) => setPrimaryKind(d, e.target.value as 'guest' | 'native'))}>
            <option value="native">native scheduler (the Linux driver's policy)</option>
            <option value="guest">guest program (assembly)</option>
          </select>
        </div>
        <table className="grid" style={{ marginTop: 10, fontFamily: 'inherit' }}>
          <thead>
            <tr>
              <th>VM</th>
              <th>name</th>
              <th>vCPUs</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.vms.map((v, i) => (
              <tr key={`${v.name}-${i}`}>
                <td>{i + 1}</td>
                <td>{v.name}</td>
                <td>
                  <input
                    type="number"
                    aria-label={`vCPUs of ${v.name}`}
                    min={1}
                    max={MAX_SECONDARY_VCPUS}
                    value={v.vcpus ?? 1}
                    onChange={(e) => actions.editDraft((d) => setVcpus(d, i + 1, Number(e.target.value)))}
                  />
                </td>
                <td>
                  <button type="button" disabled={draft.vms.length <= 1} aria-label={`Remove VM ${v.name}`} onClick={() => actions.editDraft((d) => removeVm(d, i + 1))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ display: 'flex', gap: 8 }}>
          <button type="button" onClick={() => actions.editDraft(addVm)}>
            Add VM
          </button>
          <span style={{ flex: 1 }} />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </p>
      </div>
    </div>
  );
}
