import { COLOR } from '../common/theme.ts';
import { LegendItem } from '../common/Legend.tsx';
import { useController } from '../common/useController.ts';
import { ViewFrame } from '../common/ViewFrame.tsx';
import { createListsView, type ListsViewProps } from './controller.ts';

/** "Waiter and ready lists": per VM, who waits for its mailbox, and which mailboxes became writable for it. */
export function ListsView(props: ListsViewProps) {
  const host = useController(createListsView, props);
  return (
    <ViewFrame
      title="Waiter and ready lists"
      exportName="wait-lists"
      step={props.currentStep}
      host={host}
      legend={
        <>
          <LegendItem swatch={<rect x="1" y="1" width="20" height="10" rx="2" style={{ fill: COLOR.bg, stroke: COLOR.fg, strokeWidth: 1.5 }} />}>
            waiter list entry: that VM waits for this row&apos;s mailbox
          </LegendItem>
          <LegendItem
            swatch={<rect x="1" y="1" width="20" height="10" rx="2" style={{ fill: COLOR.panel, stroke: COLOR.fg, strokeWidth: 1.5, strokeDasharray: '4 2' }} />}
          >
            ✓ ready list entry: that VM&apos;s mailbox became writable
          </LegendItem>
          <LegendItem swatch={<rect x="1" y="1" width="20" height="10" rx="2" style={{ fill: COLOR.bg, stroke: COLOR.accent, strokeWidth: 3 }} />}>
            changed by the last list event
          </LegendItem>
          <LegendItem swatch={<path d="M1,10 C8,10 14,2 21,2" style={{ fill: 'none', stroke: COLOR.accent }} />}>link to the VM the entry names</LegendItem>
        </>
      }
      note={
        <p>
          When a send fails because the receiver&apos;s mailbox is busy and the sender asked to be notified, the sender joins the end of the
          receiver&apos;s <b>waiter list</b> (left column). After the receiver clears its mailbox, the primary calls HF_MAILBOX_WAITER_GET, which
          takes the head of that list and moves the same entry to the waiter&apos;s own <b>ready list</b> (right column); the primary then injects
          the WRITABLE interrupt. The waiter calls HF_MAILBOX_WRITABLE_GET to learn which mailbox it may retry, which removes the entry. Both lists
          are first in, first out. Hover a chip to highlight the VM it names.
        </p>
      }
    />
  );
}
