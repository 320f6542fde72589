/**
 * The D3 views of the playground. Each is a React component wrapping a D3
 * controller (STYLE habit 8); all take `VizProps` (the trace, the machine
 * view, the shared current step and the select callback) and draw at most
 * once per animation frame.
 */
export type { VizProps } from './common/controller.ts';
export { exportSvg } from './common/export-svg.ts';
export { VcpuTimeline } from './timeline/VcpuTimeline.tsx';
export type { TimelineProps } from './timeline/controller.ts';
export { MailboxView } from './mailbox/MailboxView.tsx';
export type { MailboxViewProps } from './mailbox/controller.ts';
export { ListsView } from './lists/ListsView.tsx';
export type { ListsViewProps } from './lists/controller.ts';
export { SequenceView } from './sequence/SequenceView.tsx';
export type { SequenceViewProps } from './sequence/controller.ts';
