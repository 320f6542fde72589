import { COLOR, MAILBOX_COLOR } from '../common/theme.ts';
import { LegendItem, LineSwatch } from '../common/Legend.tsx';
import { useController } from '../common/useController.ts';
import { ViewFrame } from '../common/ViewFrame.tsx';
import { createMailboxView, type MailboxViewProps } from './controller.ts';

/** "Mailbox state machine per VM": empty → received → read → empty, with the last transition and refused sends. */
export function MailboxView(props: MailboxViewProps) {
  const host = useController(createMailboxView, props);
  return (
    <ViewFrame
      title="Mailbox state machines"
      exportName="mailboxes"
      step={props.currentStep}
      host={host}
      legend={
        <>
          <LegendItem swatch={<circle cx="11" cy="6" r="5" style={{ fill: MAILBOX_COLOR.received, stroke: COLOR.fg, strokeWidth: 2 }} />}>
            current state (filled, double ring, bold name)
          </LegendItem>
          <LegendItem swatch={<circle cx="11" cy="6" r="5" style={{ fill: COLOR.bg, stroke: COLOR.border }} />}>other states</LegendItem>
          <LegendItem swatch={<LineSwatch color={COLOR.accent} end="arrow" width={3} />}>last transition, named by its hypercall</LegendItem>
          <LegendItem swatch={<LineSwatch color={COLOR.reject} dash="5 3" end="cross" width={2} />}>send refused (-1): mailbox busy or not configured</LegendItem>
        </>
      }
      note={
        <p>
          Every VM has one mailbox: a receive page that holds at most one message. A send copies the message in and moves the mailbox from{' '}
          <b>empty</b> to <b>received</b> (or straight to <b>read</b> when a vCPU was already blocked in receive, or when the receiver is the
          primary); receive moves it to <b>read</b>; clear empties it again. While it is not empty every other send to it fails with -1 — the red
          dashed arrow. A sender that asked to be notified is put on the waiter list (next view) and is told when the mailbox becomes writable.
          Click a caption to select that step; arrow keys step through mailbox events.
        </p>
      }
    />
  );
}
