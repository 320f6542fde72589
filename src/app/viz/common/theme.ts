/**
 * Colours and redundant encodings shared by the views. Colours come from the
 * shell's CSS custom properties (so light/dark themes apply); the fallbacks
 * are the Okabe-Ito palette, which stays distinguishable with the common
 * colour-vision deficiencies. Colour is never the only cue: each vCPU state
 * also has a fill pattern and a short text label.
 */

import type { VcpuState } from '../../../core/trace/events.ts';

/** The vCPU states the timeline draws (the hypervisor's five, plus `aborted`), in legend order. */
export const VCPU_STATES: readonly VcpuState[] = ['off', 'ready', 'running', 'blocked_mailbox', 'blocked_rpc', 'blocked_interrupt', 'aborted'];

/** How one state looks: colour variable, pattern, and the labels used in lanes and legends. */
export interface StateStyle {
  /** `var(--state-…, fallback)`, usable as an SVG fill. */
  readonly fill: string;
  /** Hatch drawn over the colour: the non-colour cue. */
  readonly pattern: 'none' | 'diagonal' | 'dots' | 'cross' | 'vertical' | 'sparse';
  /** Short label drawn inside wide enough segments. */
  readonly short: string;
  /** Label in the legend and in accessible descriptions. */
  readonly label: string;
}

const cssVar = (name: string, fallback: string) => `var(--${name}, ${fallback})`;

export const STATE_STYLE: Readonly<Record<VcpuState, StateStyle>> = {
  off: { fill: cssVar('state-off', '#999999'), pattern: 'sparse', short: 'off', label: 'off' },
  ready: { fill: cssVar('state-ready', '#56b4e9'), pattern: 'vertical', short: 'rdy', label: 'ready' },
  running: { fill: cssVar('state-running', '#009e73'), pattern: 'none', short: 'run', label: 'running' },
  blocked_mailbox: { fill: cssVar('state-blocked-mailbox', '#e69f00'), pattern: 'diagonal', short: 'mbx', label: 'blocked in mailbox receive' },
  // C1's name for the same wait (v1-rpc): same colour, its own label.
  blocked_rpc: { fill: cssVar('state-blocked-mailbox', '#e69f00'), pattern: 'diagonal', short: 'rpc', label: 'blocked in RPC read request (v1)' },
  blocked_interrupt: { fill: cssVar('state-blocked-interrupt', '#cc79a7'), pattern: 'dots', short: 'wfi', label: 'blocked waiting for an interrupt' },
  aborted: { fill: cssVar('state-aborted', '#d55e00'), pattern: 'cross', short: 'ABT', label: 'aborted' },
};

/** Theme colours for chrome (text, panels, accents). */
export const COLOR = {
  bg: cssVar('bg', '#ffffff'),
  fg: cssVar('fg', '#1f2328'),
  panel: cssVar('panel', '#f6f8fa'),
  muted: cssVar('fg-muted', '#5c6166'),
  border: cssVar('border', '#d0d4d9'),
  accent: cssVar('accent', '#0072b2'),
  /** Rejections and failures; drawn dashed and with a cross as well, never by colour alone. */
  reject: cssVar('danger', '#b3261e'),
} as const;

/** Mailbox state colours (the shell's `--mbox-*`); the diagram also labels every state. */
export const MAILBOX_COLOR = {
  empty: cssVar('mbox-empty', '#999999'),
  received: cssVar('mbox-received', '#e69f00'),
  read: cssVar('mbox-read', '#0072b2'),
} as const;

/** Fonts used inside the SVGs (the shell's stacks, so exported files look the same). */
export const FONT = {
  ui: cssVar('sans', "system-ui, 'DejaVu Sans', sans-serif"),
  mono: cssVar('mono', "ui-monospace, 'DejaVu Sans Mono', monospace"),
} as const;
