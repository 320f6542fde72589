import { COLOR } from '../common/theme.ts';
import { LegendItem, LineSwatch } from '../common/Legend.tsx';
import { useController } from '../common/useController.ts';
import { ViewFrame } from '../common/ViewFrame.tsx';
import { createSequenceView, type SequenceViewProps } from './controller.ts';

/** "Message sequence diagram": one lifeline per VM, time downward. */
export function SequenceView(props: SequenceViewProps) {
  const host = useController(createSequenceView, props);
  return (
    <ViewFrame
      title="Message sequence"
      exportName="sequence"
      step={props.currentStep}
      host={host}
      hostClass="viz-fill"
      legend={
        <>
          <LegendItem swatch={<LineSwatch color={COLOR.fg} end="arrow" width={2} />}>message copied (size in bytes)</LegendItem>
          <LegendItem swatch={<LineSwatch color={COLOR.reject} dash="5 3" end="cross" width={2} />}>send refused (✕)</LegendItem>
          <LegendItem swatch={<LineSwatch color={COLOR.accent} dash="2 3" end="open" width={2} />}>interrupt injected (WRITABLE, READABLE, …)</LegendItem>
          <LegendItem swatch={<LineSwatch color={COLOR.muted} dash="8 3 2 3" end="open" width={1.2} />}>run return to the primary (code)</LegendItem>
        </>
      }
      note={
        <p>
          Each vertical dashed line is a VM; time runs downward and each row is one moment (its step on the left). Solid arrows are messages
          copied from the sender&apos;s send page into the receiver&apos;s mailbox; dashed red ones are sends the hypervisor refused because the
          mailbox was busy. Dotted arrows are virtual interrupts injected — the primary injects WRITABLE into a waiter once the mailbox it waited
          for is free. Grey dash-dot arrows show a secondary&apos;s vCPU handing control back to the primary, with the run-return code. Rows after
          the current step are faded. Hover for details, click to select.
        </p>
      }
    />
  );
}
