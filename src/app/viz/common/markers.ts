import type { Selection } from 'd3';

/**
 * Arrowhead markers for one SVG. `fill` is any SVG paint (CSS variables
 * allowed); `open` draws a chevron instead of a filled triangle (used for
 * interrupt injections so the ends differ by shape, not only colour).
 */
export function appendArrowMarker(
  defs: Selection<SVGDefsElement, unknown, null, undefined>,
  id: string,
  fill: string,
  open = false,
): void {
  const m = defs
    .append('marker')
    .attr('id', id)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('orient', 'auto-start-reverse');
  const p = m.append('path').attr('d', open ? 'M1,1 L9,5 L1,9' : 'M0,0 L10,5 L0,10 Z');
  if (open) p.style('fill', 'none').style('stroke', fill).style('stroke-width', 1.6);
  else p.style('fill', fill);
}
