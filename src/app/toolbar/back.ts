/**
 * Going back in time from the toolbar and the keyboard: which BackTarget each
 * control asks for, the hypercall names offered for "back to the previous
 * hypercall" (the scenario ABI's own), and the kind chosen in the toolbar
 * (kept here so the keyboard shortcut uses the same choice).
 */
import { createStore } from 'zustand/vanilla';
import { V1_FUNCTIONS } from '../../core/hafnium/abi/v1.ts';
import { V2_FUNCTIONS } from '../../core/hafnium/abi/v2.ts';
import { V3_FUNCTIONS } from '../../core/hafnium/abi/v3.ts';
import type { Scenario } from '../../core/scenario/schema.ts';
import type { BackTarget } from '../../worker/protocol.ts';
import type { ShortcutAction } from './shortcuts.ts';

type Abi = Scenario['abi'];

const FUNCTIONS: Readonly<Record<Abi, Readonly<Record<string, number>>>> = { 'v1-rpc': V1_FUNCTIONS, 'v2-mailbox': V2_FUNCTIONS, 'v3-notify': V3_FUNCTIONS };

/** The hypercall names of `abi` (the scenario default when undefined), in function-id order. */
export function hypercallNames(abi: Abi | undefined): string[] {
  const fns = FUNCTIONS[abi ?? 'v3-notify'];
  return Object.keys(fns).sort((a, b) => fns[a] - fns[b]);
}

/** The hypercall kind "back to hypercall" looks for: a name, or null for any hypercall. */
export const backHypercallChoice = createStore<{ readonly name: string | null }>()(() => ({ name: 'HF_MAILBOX_SEND' }));

/** The actions that go back in time. */
export type BackAction = Extract<ShortcutAction, 'stepBack' | 'backEvent' | 'backHypercall' | 'reverseContinue'>;

export const BACK_ACTIONS: readonly BackAction[] = ['stepBack', 'backEvent', 'backHypercall', 'reverseContinue'];

export function isBackAction(a: ShortcutAction): a is BackAction {
  return (BACK_ACTIONS as readonly ShortcutAction[]).includes(a);
}

/**
 * Where `action` goes: one instruction back on the `focused` vCPU, the
 * previous event, the previous hypercall named `hypercall` (null = any),
 * or the previous breakpoint stop.
 */
export function backTarget(action: BackAction, focused: { readonly vm: number; readonly vcpu: number }, hypercall: string | null): BackTarget {
  switch (action) {
    case 'stepBack':
      return { kind: 'instruction', vm: focused.vm, vcpu: focused.vcpu };
    case 'backEvent':
      return { kind: 'event' };
    case 'backHypercall':
      return { kind: 'hypercall', name: hypercall };
    case 'reverseContinue':
      return { kind: 'breakpoint' };
  }
}
