/**
 * Registers of the focused vCPU: x0-x30, sp, pc, NZCV, PSTATE (EL, DAIF),
 * the EL1 system registers; hex/unsigned/signed; values changed by the last
 * step highlighted with their old value.
 */
import type { VcpuView } from '../../core/machine/api.ts';
import { useApp, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectFocused, selectFocusedPrevVcpu, selectFocusedVcpu, selectNumberFormat, selectView } from '../store/selectors.ts';
import type { NumberFormat } from '../store/slices.ts';
import { formatDaif, formatHex64, formatNzcv } from './format.ts';

interface Row {
  readonly name: string;
  readonly value: string;
  readonly old: string | null;
}

function rows(v: VcpuView, prev: VcpuView | null, f: NumberFormat): Row[] {
  const out: Row[] = [];
  const add = (name: string, now: string, before: string | undefined, fmt: (s: string) => string = (s) => formatHex64(s, f)) =>
    out.push({ name, value: fmt(now), old: prev && before !== undefined && before !== now ? fmt(before) : null });
  v.x.forEach((x, i) => add(`x${i}`, x, prev?.x[i]));
  add('sp', v.sp, prev?.sp);
  add('pc', v.pc, prev?.pc, (s) => formatHex64(s, 'hex'));
  add('nzcv', String(v.nzcv), prev ? String(prev.nzcv) : undefined, (s) => formatNzcv(Number(s)));
  add('pstate', `EL${v.el}h ${formatDaif(v.daif)}`, prev ? `EL${prev.el}h ${formatDaif(prev.daif)}` : undefined, (s) => s);
  for (const [name, val] of Object.entries(v.sysregs)) add(name, val, prev?.sysregs[name], (s) => formatHex64(s, 'hex'));
  add('irq', `en ${v.interrupts.enabled.slice(-4)} pend ${v.interrupts.pending.slice(-4)} vi=${v.virq ? 1 : 0}`,
    prev ? `en ${prev.interrupts.enabled.slice(-4)} pend ${prev.interrupts.pending.slice(-4)} vi=${prev.virq ? 1 : 0}` : undefined, (s) => s);
  return out;
}

export function Registers() {
  const view = useThrottledApp(selectView);
  const v = useThrottledApp(selectFocusedVcpu);
  const prev = useThrottledApp(selectFocusedPrevVcpu);
  const fmt = useApp(selectNumberFormat);
  const focused = useApp(selectFocused);
  const actions = useApp(selectActions);

  return (
    <section className="panel" aria-label="Registers of the focused vCPU">
      <div className="panel-header" style={{ flexWrap: 'wrap' }}>
        <label>
          <span className="visually-hidden">Focused vCPU</span>
          <select
            aria-label="Focused vCPU"
            value={`${focused.vm}.${focused.vcpu}`}
            onChange={(e) => {
              const [vm, vcpu] = e.target.value.split('.').map(Number);
              actions.focus(vm, vcpu);
            }}
          >
            {(view?.vms ?? []).flatMap((vm) =>
              vm.vcpus.map((c) => (
                <option key={`${vm.id}.${c.index}`} value={`${vm.id}.${c.index}`}>
                  vCPU {vm.id}.{c.index} ({vm.name}) — {c.state}
                </option>
              )),
            )}
          </select>
        </label>
        <span className="spacer" />
        <div role="radiogroup" aria-label="Number format" style={{ display: 'flex', gap: 2 }}>
          {(['hex', 'unsigned', 'signed'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={fmt === f} aria-pressed={fmt === f} onClick={() => actions.setNumberFormat(f)}>
              {f}
            </button>
          ))}
        </div>
      </div>
      <div className="panel-body">
        {v ? (
          <table className="grid" aria-label={`Registers of vCPU ${focused.vm}.${focused.vcpu}`} data-testid="registers">
            <tbody>
              {rows(v, prev, fmt).map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td className={r.old !== null ? 'changed' : undefined}>
                    {r.value}
                    {r.old !== null && (
                      <span className="old-value" aria-label={`was ${r.old}`}>
                        {r.old}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p style={{ padding: 8 }}>{view ? 'This vCPU does not exist in the machine.' : 'No machine yet.'}</p>
        )}
      </div>
    </section>
  );
}
