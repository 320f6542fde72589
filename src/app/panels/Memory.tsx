/**
 * A hex/ASCII view of one VM's IPA space (a 512-byte window the worker
 * sends with each update). Mailbox send/receive pages are marked; bytes
 * written since the previous update are highlighted.
 */
import { useState } from 'react';
import { useApp, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectMemory, selectMemoryTarget, selectView } from '../store/selectors.ts';
import { asciiOf, hex2 } from './format.ts';

const ROW = 16;
const PAGE = 4096;

export function Memory() {
  const target = useApp(selectMemoryTarget);
  const mem = useThrottledApp(selectMemory);
  const view = useThrottledApp(selectView);
  const actions = useApp(selectActions);
  const [addrText, setAddrText] = useState(`0x${target.addr.toString(16)}`);
  const vmView = view?.vms.find((v) => v.id === target.vm);
  const send = vmView?.mailbox.send ? Number.parseInt(vmView.mailbox.send, 16) : null;
  const recv = vmView?.mailbox.recv ? Number.parseInt(vmView.mailbox.recv, 16) : null;
  const pageClass = (a: number) => (send !== null && a >= send && a < send + PAGE ? 'mbox-send' : recv !== null && a >= recv && a < recv + PAGE ? 'mbox-recv' : '');
  const go = (vm: number, addr: number) => {
    setAddrText(`0x${addr.toString(16)}`);
    actions.watchMemory(vm, addr);
  };
  const changed = new Set(mem && mem.vm === target.vm && mem.addr === target.addr ? mem.changed : []);

  return (
    <section className="panel" aria-label="Memory">
      <div className="panel-header" style={{ flexWrap: 'wrap' }}>
        <select aria-label="VM whose memory is shown" value={target.vm} onChange={(e) => go(Number(e.target.value), target.addr)}>
          {(view?.vms ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}: {v.name}
            </option>
          ))}
        </select>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(addrText);
            if (Number.isFinite(n) && n >= 0) go(target.vm, Math.floor(n / ROW) * ROW);
          }}
        >
          <input type="text" aria-label="Address" value={addrText} onChange={(e) => setAddrText(e.target.value)} size={10} className="mono" />
        </form>
        {send !== null && (
          <button type="button" onClick={() => go(target.vm, send)}>
            send page
          </button>
        )}
        {recv !== null && (
          <button type="button" onClick={() => go(target.vm, recv)}>
            recv page
          </button>
        )}
        <span className="spacer" />
        <span className="legend">
          <span>
            <span className="swatch" style={{ background: 'var(--state-blocked-mailbox)' }} />
            send page
          </span>
          <span>
            <span className="swatch" style={{ background: 'var(--accent)' }} />
            recv page
          </span>
          <span>
            <span className="swatch" style={{ background: 'var(--changed)' }} />
            written
          </span>
        </span>
      </div>
      <div className="panel-body hexdump" data-testid="memory" aria-label={`Memory of VM ${target.vm} from 0x${target.addr.toString(16)}`}>
        {!mem ? (
          <p>No memory to show yet.</p>
        ) : (
          Array.from({ length: Math.ceil(mem.bytes.length / ROW) }, (_, r) => {
            const base = mem.addr + r * ROW;
            const bytes = Array.from(mem.bytes.subarray(r * ROW, r * ROW + ROW));
            return (
              <div className="row" key={base}>
                <span className="addr">{base.toString(16).padStart(8, '0')}</span>
                <span>
                  {bytes.map((b, i) => (
                    <span key={i} className={`byte ${pageClass(base + i)}${changed.has(r * ROW + i) ? ' changed' : ''}`}>
                      {hex2(b)}
                      {i < ROW - 1 ? ' ' : ''}
                    </span>
                  ))}
                </span>
                <span>{bytes.map(asciiOf).join('')}</span>
              </div>
            );
          })
        )}
      </div>
    </section>
  );
}
