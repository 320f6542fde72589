import { COLOR } from '../common/theme.ts';
import { LegendItem, StateLegendItems } from '../common/Legend.tsx';
import { useController } from '../common/useController.ts';
import { ViewFrame } from '../common/ViewFrame.tsx';
import { createTimeline, type TimelineProps } from './controller.ts';

/** "vCPU states over time": one lane per vCPU, grouped by VM. */
export function VcpuTimeline(props: TimelineProps) {
  const host = useController(createTimeline, props);
  return (
    <ViewFrame
      title="vCPU states over time"
      exportName="vcpu-timeline"
      step={props.currentStep}
      host={host}
      legend={
        <>
          <StateLegendItems />
          <LegendItem swatch={<path d="M6.5,1 L15.5,1 L11,9 Z" style={{ fill: COLOR.fg }} />}>
            run return to the primary (<b>wfi</b> wait for interrupt, <b>yld</b> yield, <b>pre</b> preempted, <b>wake</b> vm/vcpu, <b>msg</b> size, <b>ntfy</b> notify waiters)
          </LegendItem>
          <LegendItem swatch={<line x1="11" y1="0" x2="11" y2="12" style={{ stroke: COLOR.accent, strokeWidth: 2 }} />}>current step</LegendItem>
        </>
      }
      note={
        <p>
          Each row is one virtual CPU; time (the machine's step counter) runs left to right. The colour and hatching say what the vCPU was
          doing: running on a physical CPU, ready to run, blocked in a mailbox receive, blocked in WFI until an interrupt, off or aborted. A
          secondary vCPU only runs when the primary calls HF_VCPU_RUN, and every time control comes back to the primary a triangle marks the
          run-return code it got. Wheel or drag to zoom and pan (or + / − / 0), click to select a step, and use the arrow keys to jump between
          changes.
        </p>
      }
    />
  );
}
