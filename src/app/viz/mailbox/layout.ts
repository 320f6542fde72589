/**
 * Pure layout of the mailbox state-machine view: the state of each VM's
 * mailbox at a step, its last transition (with the hypercall and the VM that
 * caused it), the latest refused send, and the geometry of the small diagram.
 */
import type { HypercallEvent, MailboxState, MailboxStateEvent, TraceEvent } from '../../../core/trace/events.ts';
import type { VmShape } from '../common/shapes.ts';
import { hexLow32 } from '../common/describe.ts';

/**
 * The three positions of the diagram. v2/v3 mailboxes are empty → received →
 * read → empty; the v1-rpc record is the same machine named idle → pending →
 * inflight → idle (reference 2.5), so both share one drawing.
 */
export type MailboxRole = 0 | 1 | 2;

export const ROLE_OF: Readonly<Record<MailboxState, MailboxRole>> = { empty: 0, idle: 0, received: 1, pending: 1, read: 2, inflight: 2 };

/** The state names of each role, for the ABI whose mailbox uses `state`. */
export function roleNames(state: MailboxState): readonly [MailboxState, MailboxState, MailboxState] {
  return state === 'idle' || state === 'pending' || state === 'inflight' ? ['idle', 'pending', 'inflight'] : ['empty', 'received', 'read'];
}

/** A change of one mailbox's state. `by` is the VM whose hypercall caused it. */
export interface MailboxTransition {
  readonly step: number;
  readonly from: MailboxState;
  readonly to: MailboxState;
  readonly cause: string;
  readonly by: number;
  readonly sender: number | null;
  readonly size: number;
}

/** A send refused with -1 (busy or unconfigured mailbox, bad size, ...). */
export interface Rejection {
  readonly step: number;
  readonly target: number;
  readonly sender: number;
  readonly size: number;
  readonly notify: boolean;
  readonly reason: string;
}

/** A mailbox fact the view keeps from the trace. */
export type MailboxFact =
  | { readonly kind: 'transition'; readonly step: number; readonly vm: number; readonly t: MailboxTransition }
  | { readonly kind: 'rejection'; readonly step: number; readonly vm: number; readonly r: Rejection };

/** Hypercalls that deliver a message into a target's mailbox (x1 = target, x2 = size). */
const SEND_CALLS = new Set(['HF_MAILBOX_SEND', 'HF_RPC_REQUEST', 'RPC_REQUEST']);

/** The VM whose hypercall caused `e`: the sender for deliveries, else the mailbox's owner. */
function causedBy(e: MailboxStateEvent): number {
  return e.to !== 'empty' && e.to !== 'idle' && e.sender !== null && SEND_CALLS.has(e.cause) ? e.sender : e.vm;
}

/**
 * The mailbox fact in `e`, if any: every `mailbox_state` event, and every
 * send hypercall that returned -1 (its target read from x1). For use with
 * `createEventSelection`.
 */
export function pickMailboxFact(e: TraceEvent): MailboxFact | undefined {
  if (e.kind === 'mailbox_state') {
    return { kind: 'transition', step: e.step, vm: e.vm, t: { step: e.step, from: e.from, to: e.to, cause: e.cause, by: causedBy(e), sender: e.sender, size: e.size } };
  }
  if (e.kind === 'hypercall' && SEND_CALLS.has(e.name) && e.resultNum === -1) return rejectionOf(e);
  return undefined;
}

function rejectionOf(e: HypercallEvent): MailboxFact {
  const target = hexLow32(e.args[0]);
  const r: Rejection = { step: e.step, target, sender: e.vm, size: hexLow32(e.args[1]), notify: hexLow32(e.args[2]) !== 0, reason: e.reason ?? 'refused' };
  return { kind: 'rejection', step: e.step, vm: target, r };
}

/** One VM's mailbox as the view shows it at a step. */
export interface MailboxAt {
  readonly vm: number;
  readonly state: MailboxState;
  readonly sender: number | null;
  readonly size: number;
  /** The latest transition at or before the step, or null. */
  readonly last: MailboxTransition | null;
  /** The latest refused send to this VM, when it is more recent than `last`. */
  readonly rejected: Rejection | null;
}

/**
 * Each VM's mailbox at `step`, from `facts` in trace order. Before its first
 * transition a mailbox is in that transition's `from` state (a trimmed trace
 * stays right); a VM with no transitions at all takes its state from `vms`
 * (`mailbox`), else `empty`.
 */
export function mailboxesAt(vms: readonly VmShape[], facts: readonly MailboxFact[], step: number): Map<number, MailboxAt> {
  // Plain mutable records and index loops: this runs every frame over the whole trace.
  type Rec = { vm: number; state: MailboxState; sender: number | null; size: number; last: MailboxTransition | null; rejected: Rejection | null; started: boolean };
  const recs = new Map<number, Rec>();
  for (const vm of vms) {
    const mb = vm.mailbox;
    recs.set(vm.id, { vm: vm.id, state: mb?.state ?? 'empty', sender: mb?.sender ?? null, size: mb?.size ?? 0, last: null, rejected: null, started: false });
  }
  let end = 0;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    const rec = recs.get(f.vm);
    if (!rec) continue;
    if (f.step <= step) end = i + 1;
    else if (rec.started || f.kind !== 'transition') continue;
    if (f.kind === 'transition') {
      if (!rec.started) {
        rec.started = true;
        rec.state = f.t.from;
        rec.sender = null;
        rec.size = 0;
      }
      if (i >= end) continue;
      rec.state = f.t.to;
      rec.sender = f.t.sender;
      rec.size = f.t.size;
      rec.last = f.t;
      rec.rejected = null;
    } else if (i < end) rec.rejected = f.r;
  }
  const out = new Map<number, MailboxAt>();
  for (const [id, r] of recs) out.set(id, { vm: r.vm, state: r.state, sender: r.sender, size: r.size, last: r.last, rejected: r.rejected });
  return out;
}

/** A node of the diagram (a state), centre and radius in px. */
export interface DiagramNode {
  readonly role: MailboxRole;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An arrow of the diagram between two roles. */
export interface DiagramEdge {
  readonly from: MailboxRole;
  readonly to: MailboxRole;
  /** SVG path, ending at the target node's rim. */
  readonly path: string;
  /** Where the edge's hypercall label sits. */
  readonly labelX: number;
  readonly labelY: number;
  /** The hypercall that normally takes this edge (shown faintly when idle). */
  readonly hint: string;
}

export interface DiagramGeometry {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /**
   * Start of the rejected-send arrow, per role of the state it points at: a
   * top corner on that node's side, where no other arrow runs.
   */
  readonly rejectFrom: readonly [Point, Point, Point];
}

/** Point at distance `d` from (x1,y1) towards (x2,y2). */
function toward(x1: number, y1: number, x2: number, y2: number, d: number): [number, number] {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  return [x1 + ((x2 - x1) * d) / len, y1 + ((y2 - y1) * d) / len];
}

/**
 * Geometry of one VM's diagram in a `width` x `height` cell: empty on the
 * left, received at the top, read on the right (state names go inside the
 * nodes); the cycle empty → received → read → empty, plus the direct
 * empty → read (delivery to a vCPU blocked in receive, or to the primary)
 * drawn as the straight chord, while read → empty curves below it.
 */
export function diagramGeometry(width: number, height: number): DiagramGeometry {
  const r = Math.max(14, Math.min(22, height / 5));
  const n0 = { role: 0 as const, x: r + 4, y: height * 0.6, r };
  const n1 = { role: 1 as const, x: width / 2, y: r + 4, r };
  const n2 = { role: 2 as const, x: width - r - 4, y: height * 0.6, r };
  const straight = (a: DiagramNode, b: DiagramNode, hint: string, lx: number, ly: number): DiagramEdge => {
    const [x1, y1] = toward(a.x, a.y, b.x, b.y, a.r + 2);
    const [x2, y2] = toward(b.x, b.y, a.x, a.y, b.r + 3);
    return { from: a.role, to: b.role, path: `M${x1},${y1} L${x2},${y2}`, labelX: lx, labelY: ly, hint };
  };
  // read -> empty leaves read's rim down-left and reaches empty's rim down-right;
  // the quadratic's control point puts its lowest point at `lowest`.
  const [sx, sy] = [n2.x - r * 0.5, n2.y + r * 0.87];
  const [ex, ey] = [n0.x + r * 0.5 + 2, n0.y + r * 0.87 + 3];
  const lowest = height - 12;
  const cy = 2 * lowest - (sy + ey) / 2;
  const bottom: DiagramEdge = { from: 2, to: 0, path: `M${sx},${sy} Q${width / 2},${cy} ${ex},${ey}`, labelX: width / 2, labelY: height - 1, hint: 'clear' };
  return {
    width,
    height,
    nodes: [n0, n1, n2],
    edges: [
      straight(n0, n1, 'send', (n0.x + n1.x) / 2 - 16, (n0.y + n1.y) / 2 - 2),
      straight(n1, n2, 'receive', (n1.x + n2.x) / 2 + 20, (n1.y + n2.y) / 2 - 2),
      straight(n0, n2, 'send, receiver waiting', width / 2, n0.y - 5),
      bottom,
    ],
    rejectFrom: [
      { x: 2, y: 4 },
      { x: width - 2, y: 4 },
      { x: width - 2, y: 4 },
    ],
  };
}

/** The edge a transition takes, or undefined when the diagram has none for it. */
export function edgeFor(geometry: DiagramGeometry, t: Pick<MailboxTransition, 'from' | 'to'>): DiagramEdge | undefined {
  const a = ROLE_OF[t.from];
  const b = ROLE_OF[t.to];
  return geometry.edges.find((e) => e.from === a && e.to === b);
}
