import type { Selection } from 'd3';
import type { VcpuState } from '../../../core/trace/events.ts';
import { STATE_STYLE, VCPU_STATES, COLOR, type StateStyle } from './theme.ts';

/**
 * SVG `<pattern>` definitions for the vCPU state fills. Each pattern paints
 * the state colour and its hatch, so one `fill="url(#…)"` carries both cues.
 * Ids are prefixed per SVG so several views (and exported files) never clash.
 */

/** Path data of the hatch of `pattern` inside an 8x8 tile ('' for none). */
export function hatchPath(pattern: StateStyle['pattern']): string {
  switch (pattern) {
    case 'none':
      return '';
    case 'diagonal':
      return 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4';
    case 'cross':
      return 'M0,0 l8,8 M8,0 l-8,8';
    case 'vertical':
      return 'M4,0 v8';
    case 'sparse':
      return 'M0,4 h2 M4,4 h2';
    case 'dots':
      return 'M2,2 h1.5 M6,6 h1.5';
  }
}

/** The `fill` attribute value for a state, given the SVG's pattern id prefix. */
export function stateFill(prefix: string, state: VcpuState): string {
  return `url(#${prefix}-state-${state})`;
}

/** Adds (once) one pattern per vCPU state to `defs`. */
export function appendStatePatterns(defs: Selection<SVGDefsElement, unknown, null, undefined>, prefix: string): void {
  for (const state of VCPU_STATES) {
    const style = STATE_STYLE[state];
    const p = defs
      .append('pattern')
      .attr('id', `${prefix}-state-${state}`)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('width', 8)
      .attr('height', 8);
    p.append('rect').attr('width', 8).attr('height', 8).style('fill', style.fill);
    const d = hatchPath(style.pattern);
    if (d) p.append('path').attr('d', d).style('stroke', COLOR.fg).style('stroke-opacity', 0.55).style('stroke-width', 1.2);
  }
}

let counter = 0;
/** A fresh id prefix for one SVG instance. */
export function uniquePrefix(view: string): string {
  counter += 1;
  return `hv-${view}-${counter}`;
}
