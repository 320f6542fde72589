/**
 * The "new breakpoint" and "new watchpoint" forms as data: which fields each
 * kind has, and how the typed-in strings become a validated breakpoint (the
 * protocol breakpoint zod schema is the judge) or a clear message naming the
 * field at fault. No React here, so it is tested in Node.
 */
import { protocolBreakpointSchema, type ProtocolBreakpoint } from '../../core/debug/breakpoints.ts';
import { parseCondition } from '../../core/debug/condition.ts';
import type { AbiGeneration } from '../../core/trace/events.ts';
import { hypercallNames, mailboxStateNames, runCodeNames } from './abiNames.ts';
import type { WatchpointSpec } from './entries.ts';
import { MAX_WATCH_BYTES, WATCH_REGISTER_RE } from './schema.ts';

export type BreakpointKind = ProtocolBreakpoint['kind'];

export const BREAKPOINT_KINDS: readonly { readonly kind: BreakpointKind; readonly label: string }[] = [
  { kind: 'hypercall', label: 'Hypercall' },
  { kind: 'mailbox', label: 'Mailbox state' },
  { kind: 'waiter_list', label: 'Waiter list' },
  { kind: 'ready_list', label: 'Ready list' },
  { kind: 'run_return', label: 'Run return' },
  { kind: 'interrupt', label: 'Interrupt' },
  { kind: 'vcpu_state', label: 'vCPU state' },
];

export const WATCH_KINDS: readonly { readonly kind: WatchpointSpec['kind']; readonly label: string }[] = [
  { kind: 'memory', label: 'memory range' },
  { kind: 'register', label: 'register' },
];

export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  /** select: one of `options` ('' = any); number / text: typed in ('' = any unless required); checkbox: 'true' or ''. */
  readonly type: 'select' | 'number' | 'text' | 'checkbox';
  readonly options?: readonly FieldOption[];
  /** A select whose values are numbers (VM ids). */
  readonly numeric?: boolean;
  readonly required?: boolean;
  readonly placeholder?: string;
  /** Shown (and read) only while field `key` has value `value`. */
  readonly showIf?: { readonly key: string; readonly value: string };
  /** The value a fresh form starts with. */
  readonly initial?: string;
}

/** What the forms need to know of the scenario. */
export interface FormContext {
  readonly abi: AbiGeneration;
  /** VM ids (0 = the primary), ascending. */
  readonly vms: readonly number[];
}

export type FormValues = Readonly<Record<string, string>>;

const ANY: FieldOption = { value: '', label: 'any' };
const opts = (names: readonly string[]): FieldOption[] => names.map((n) => ({ value: n, label: n }));
const VCPU_STATES = ['off', 'ready', 'running', 'blocked_mailbox', 'blocked_rpc', 'blocked_interrupt', 'aborted'];

function vmField(key: string, label: string, ctx: FormContext, required = false): FieldSpec {
  const options = ctx.vms.map((v) => ({ value: String(v), label: v === 0 ? 'VM 0 (primary)' : `VM ${v}` }));
  return { key, label, type: 'select', numeric: true, required, options: required ? options : [ANY, ...options], initial: required ? (options.find((o) => o.value !== '0') ?? options[0])?.value : '' };
}

/** The fields of a protocol breakpoint of `kind`, in form order. */
export function breakpointFields(kind: BreakpointKind, ctx: FormContext): FieldSpec[] {
  switch (kind) {
    case 'hypercall':
      return [
        { key: 'name', label: 'Function', type: 'select', options: [ANY, ...opts(hypercallNames(ctx.abi))] },
        vmField('callerVm', 'Caller VM', ctx),
        vmField('targetVm', 'Target VM', ctx),
        { key: 'result', label: 'Result', type: 'select', options: [ANY, { value: 'ok', label: 'ok (≥ 0)' }, { value: 'fail', label: 'fail (< 0)' }, { value: 'number', label: 'equals…' }] },
        { key: 'resultValue', label: 'Result value', type: 'number', required: true, placeholder: 'e.g. -1', showIf: { key: 'result', value: 'number' } },
      ];
    case 'mailbox':
      return [
        vmField('vm', 'VM', ctx, true),
        { key: 'to', label: 'Becomes', type: 'select', options: [ANY, ...opts(mailboxStateNames(ctx.abi))] },
        { key: 'waitersNonEmpty', label: 'while its waiter list is non-empty', type: 'checkbox' },
      ];
    case 'waiter_list':
    case 'ready_list':
      return [
        vmField('owner', 'Owner VM', ctx),
        { key: 'op', label: 'Change', type: 'select', options: [ANY, { value: 'add', label: 'an entry joins' }, { value: 'remove', label: 'an entry leaves' }] },
      ];
    case 'run_return':
      return [{ key: 'code', label: 'Code', type: 'select', options: [ANY, ...opts(runCodeNames(ctx.abi))] }, vmField('vm', 'VM', ctx)];
    case 'interrupt':
      return [
        { key: 'op', label: 'When', type: 'select', required: true, options: [{ value: 'inject', label: 'injected' }, { value: 'deliver', label: 'delivered (IRQ taken)' }], initial: 'inject' },
        vmField('vm', 'VM', ctx),
        { key: 'intid', label: 'Interrupt id', type: 'number', placeholder: 'any (0-63)' },
      ];
    case 'vcpu_state':
      return [vmField('vm', 'VM', ctx), { key: 'vcpu', label: 'vCPU', type: 'number', placeholder: 'any (0-7)' }, { key: 'to', label: 'Becomes', type: 'select', options: [ANY, ...opts(VCPU_STATES)] }];
  }
}

/** The fields of a watchpoint of `kind`. */
export function watchpointFields(kind: WatchpointSpec['kind'], ctx: FormContext): FieldSpec[] {
  const vm = vmField('vm', 'VM', ctx, true);
  if (kind === 'memory') {
    return [
      vm,
      { key: 'addr', label: 'Address', type: 'text', required: true, placeholder: 'e.g. 0x80100' },
      { key: 'length', label: 'Bytes', type: 'number', required: true, initial: '8' },
    ];
  }
  return [vm, { key: 'vcpu', label: 'vCPU', type: 'number', required: true, initial: '0' }, { key: 'reg', label: 'Register', type: 'text', required: true, placeholder: 'x0, w1, sp, pc, nzcv' }];
}

/** The starting values of a form with `fields`. */
export function initialValues(fields: readonly FieldSpec[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.initial ?? '']));
}

export type Built<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const INT_RE = /^-?(0x[0-9a-f]+|\d+)$/i;

/** An integer typed in decimal or 0x-hex, or null. */
export function parseIntField(text: string): number | null {
  const t = text.trim().replace(/_/g, '');
  if (!INT_RE.test(t)) return null;
  const neg = t.startsWith('-');
  const n = Number(neg ? t.slice(1) : t);
  return Number.isSafeInteger(n) ? (neg ? -n : n) : null;
}

/** The visible fields' values as typed data (numbers, booleans), or the first field that is missing or not a number. */
function readFields(fields: readonly FieldSpec[], values: FormValues): Built<Record<string, string | number | boolean>> {
  const out: Record<string, string | number | boolean> = {};
  for (const f of fields) {
    if (f.showIf && values[f.showIf.key] !== f.showIf.value) continue;
    const raw = (values[f.key] ?? '').trim();
    if (f.type === 'checkbox') {
      if (raw === 'true') out[f.key] = true;
      continue;
    }
    if (raw === '') {
      if (f.required) return { ok: false, error: `${f.label}: required` };
      continue;
    }
    if (f.type === 'number' || f.numeric) {
      const n = parseIntField(raw);
      if (n === null) return { ok: false, error: `${f.label}: "${raw}" is not a whole number` };
      out[f.key] = n;
    } else out[f.key] = raw;
  }
  return { ok: true, value: out };
}

/** Builds a protocol breakpoint of `kind` from the form's values, validated by the schema. */
export function buildBreakpoint(kind: BreakpointKind, values: FormValues, ctx: FormContext): Built<ProtocolBreakpoint> {
  const fields = breakpointFields(kind, ctx);
  const read = readFields(fields, values);
  if (!read.ok) return read;
  const data: Record<string, unknown> = { kind, ...read.value };
  if (data.result === 'number') data.result = data.resultValue;
  delete data.resultValue;
  const parsed = protocolBreakpointSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const label = fields.find((f) => f.key === issue.path[0])?.label ?? String(issue.path[0] ?? kind);
  return { ok: false, error: `${label}: ${issue.message}` };
}

/** Builds a watchpoint of `kind` from the form's values. */
export function buildWatchpoint(kind: WatchpointSpec['kind'], values: FormValues, ctx: FormContext): Built<WatchpointSpec> {
  const read = readFields(watchpointFields(kind, ctx), values);
  if (!read.ok) return read;
  const v = read.value;
  const vm = v.vm as number;
  if (!ctx.vms.includes(vm)) return { ok: false, error: `VM: there is no VM ${vm}` };
  if (kind === 'memory') {
    const addr = v.addr === undefined ? null : parseIntField(String(v.addr));
    if (addr === null || addr < 0) return { ok: false, error: `Address: "${String(v.addr)}" is not an address` };
    const length = v.length as number;
    if (length < 1 || length > MAX_WATCH_BYTES) return { ok: false, error: `Bytes: must be 1 to ${MAX_WATCH_BYTES}` };
    return { ok: true, value: { kind, vm, addr, length } };
  }
  const vcpu = v.vcpu as number;
  if (vcpu < 0 || vcpu > 7) return { ok: false, error: 'vCPU: must be 0 to 7' };
  const reg = String(v.reg).toLowerCase();
  if (!WATCH_REGISTER_RE.test(reg)) return { ok: false, error: `Register: "${String(v.reg)}" is not one of x0-x30, w0-w30, sp, pc, nzcv` };
  return { ok: true, value: { kind, vm, vcpu, reg } };
}

/**
 * Why a line breakpoint's condition would be refused (the worker evaluates
 * it; the page parses only to point at the mistake), or null when it parses
 * or is empty (no condition).
 */
export function conditionProblem(text: string): { readonly column: number; readonly message: string } | null {
  if (text.trim() === '') return null;
  const r = parseCondition(text);
  return r.ok ? null : { column: r.column, message: r.message };
}
