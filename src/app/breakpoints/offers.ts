/**
 * What a right-click on a view element offers: the protocol breakpoints that
 * stop on changes of that element, each with the sentence the menu shows.
 */
import type { ProtocolBreakpoint } from '../../core/debug/breakpoints.ts';
import type { VizTarget } from '../viz/common/context.ts';

export interface BreakpointOffer {
  /** The menu item's text, e.g. "Break when VM 2's mailbox becomes empty". */
  readonly label: string;
  readonly bp: ProtocolBreakpoint;
}

const vmName = (vm: number) => (vm === 0 ? 'the primary (VM 0)' : `VM ${vm}`);

/** The offers for one target, most specific first. */
export function offersFor(t: VizTarget): BreakpointOffer[] {
  switch (t.kind) {
    case 'mailbox': {
      const who = `${vmName(t.vm)}'s mailbox`;
      if (t.state === null) return [{ label: `Break when ${who} changes state`, bp: { kind: 'mailbox', vm: t.vm } }];
      return [
        { label: `Break when ${who} becomes ${t.state}`, bp: { kind: 'mailbox', vm: t.vm, to: t.state } },
        { label: `Break when ${who} becomes ${t.state} while its waiter list is non-empty`, bp: { kind: 'mailbox', vm: t.vm, to: t.state, waitersNonEmpty: true } },
      ];
    }
    case 'list': {
      const list = t.list === 'waiter_list' ? 'waiter list' : 'ready list';
      return [
        { label: `Break on a change of ${vmName(t.owner)}'s ${list}`, bp: { kind: t.list, owner: t.owner } },
        { label: `Break when an entry joins ${vmName(t.owner)}'s ${list}`, bp: { kind: t.list, owner: t.owner, op: 'add' } },
      ];
    }
    case 'vcpu': {
      const who = `vCPU ${t.vm}.${t.vcpu}`;
      return [
        { label: `Break when ${who} changes state`, bp: { kind: 'vcpu_state', vm: t.vm, vcpu: t.vcpu } },
        { label: `Break when ${who} becomes blocked_mailbox`, bp: { kind: 'vcpu_state', vm: t.vm, vcpu: t.vcpu, to: 'blocked_mailbox' } },
      ];
    }
    case 'message': {
      const send = { kind: 'hypercall', name: 'HF_MAILBOX_SEND', callerVm: t.from, targetVm: t.to } as const;
      const label = `Break on HF_MAILBOX_SEND from ${vmName(t.from)} to ${vmName(t.to)}`;
      const offers: BreakpointOffer[] = [{ label, bp: send }];
      if (t.refused) offers.unshift({ label: `${label} when it fails`, bp: { ...send, result: 'fail' } });
      return offers;
    }
    case 'inject': {
      const offers: BreakpointOffer[] = [{ label: `Break on an interrupt injected into ${vmName(t.to)}`, bp: { kind: 'interrupt', op: 'inject', vm: t.to } }];
      if (t.intid !== null) offers.unshift({ label: `Break on interrupt ${t.intid} injected into ${vmName(t.to)}`, bp: { kind: 'interrupt', op: 'inject', vm: t.to, intid: t.intid } });
      return offers;
    }
    case 'run_return':
      return [
        { label: `Break when a run returns ${t.code}`, bp: { kind: 'run_return', code: t.code } },
        { label: `Break when a run of ${vmName(t.vm)} returns ${t.code}`, bp: { kind: 'run_return', code: t.code, vm: t.vm } },
      ];
  }
}

/** The offers for several targets (the keyboard menu lists a whole view), without repeats. */
export function offersForAll(targets: readonly VizTarget[]): BreakpointOffer[] {
  const seen = new Set<string>();
  return targets.flatMap(offersFor).filter((o) => {
    const key = JSON.stringify(o.bp);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
