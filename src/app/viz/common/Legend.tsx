import { useId, type ReactNode } from 'react';
import type { VcpuState } from '../../../core/trace/events.ts';
import { hatchPath } from './patterns.ts';
import { COLOR, STATE_STYLE, VCPU_STATES } from './theme.ts';

/** One legend entry: a small drawing and its words. */
export function LegendItem({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <span className="viz-legend-item" role="listitem">
      <svg width="22" height="12" aria-hidden="true" focusable="false">
        {swatch}
      </svg>
      <span>{children}</span>
    </span>
  );
}

/** The fill of a vCPU state: colour plus hatch, as drawn in the timeline. */
function StateSwatch({ state }: { state: VcpuState }) {
  const id = useId();
  const style = STATE_STYLE[state];
  const d = hatchPath(style.pattern);
  return (
    <>
      <defs>
        <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
          <rect width="8" height="8" style={{ fill: style.fill }} />
          {d && <path d={d} style={{ stroke: COLOR.fg, strokeOpacity: 0.55, strokeWidth: 1.2 }} />}
        </pattern>
      </defs>
      <rect x="1" y="1" width="20" height="10" fill={`url(#${id})`} style={{ stroke: COLOR.border }} />
    </>
  );
}

/** Legend entries for every vCPU state, with the short label shown in lanes. */
export function StateLegendItems() {
  return (
    <>
      {VCPU_STATES.map((s) => (
        <LegendItem key={s} swatch={<StateSwatch state={s} />}>
          <b>{STATE_STYLE[s].short}</b> {STATE_STYLE[s].label}
        </LegendItem>
      ))}
    </>
  );
}

/** A line sample for legends: `dash` is an SVG dash array, `end` the arrow end. */
export function LineSwatch({ color, dash, end, width = 1.5 }: { color: string; dash?: string; end: 'arrow' | 'open' | 'cross' | 'none'; width?: number }) {
  return (
    <>
      <line x1="1" y1="6" x2={end === 'none' ? 21 : 16} y2="6" style={{ stroke: color, strokeWidth: width, strokeDasharray: dash }} />
      {end === 'arrow' && <path d="M15,2 L21,6 L15,10 Z" style={{ fill: color }} />}
      {end === 'open' && <path d="M15,2 L21,6 L15,10" style={{ fill: 'none', stroke: color, strokeWidth: 1.5 }} />}
      {end === 'cross' && <path d="M16,2 L21,10 M21,2 L16,10" style={{ stroke: color, strokeWidth: 2 }} />}
    </>
  );
}
