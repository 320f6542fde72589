/**
 * The D3 views of the playground. Each is a React component wrapping a D3
 * controller; all take the same `VizProps` (trace, machine view, the shared
 * current step and the select callback) and render at most once per frame.
 */
export type { VizProps } from './common/controller.ts';
export { exportSvg } from './common/export-svg.ts';
export { VcpuTimeline } from './timeline/VcpuTimeline.tsx';
export type { TimelineProps } from './timeline/controller.ts';
