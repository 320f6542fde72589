/**
 * Editing a line breakpoint's condition and first stopping hit: the inline
 * fields of the Breakpoints panel's row, and the small dialog the editor's
 * glyph margin opens on right-click.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LineBreakpoint } from '../../worker/protocol.ts';
import { useApp } from '../store/useApp.ts';
import { selectActions } from '../store/selectors.ts';
import { ConditionInput } from './ConditionInput.tsx';
import { conditionProblem, parseIntField } from './form.ts';
import './breakpoints.css';

/** Local edits of one line breakpoint's options (starting from `bp`'s) and the function that stores them. */
function useLineOptions(file: string, line: number, bp: LineBreakpoint | undefined) {
  const actions = useApp(selectActions);
  const [condition, setCondition] = useState(bp?.condition ?? '');
  const [fromHit, setFromHit] = useState(bp?.fromHit ? String(bp.fromHit) : '');
  const hit = parseIntField(fromHit);
  const hitError = fromHit.trim() !== '' && (hit === null || hit < 1) ? 'a hit number from 1' : null;
  // A condition that does not parse is not stored (the worker would ignore the breakpoint); the field keeps the text and shows why.
  const conditionBad = conditionProblem(condition) !== null;
  const commit = () => {
    if (hitError || conditionBad) return;
    const next = { condition: condition.trim() || undefined, fromHit: hit ?? undefined };
    if (bp && (bp.condition ?? undefined) === next.condition && (bp.fromHit ?? undefined) === (next.fromHit && next.fromHit > 1 ? next.fromHit : undefined)) return;
    actions.setBreakpointOptions(file, line, next);
  };
  return { condition, setCondition, fromHit, setFromHit, hitError, conditionBad, commit };
}

interface FromHitProps {
  readonly value: string;
  readonly onChange: (v: string) => void;
  /** Called on Enter. */
  readonly onCommit: () => void;
  readonly onBlur?: () => void;
  readonly error: string | null;
  readonly label: string;
}

function FromHitInput({ value, onChange, onCommit, onBlur, error, label }: FromHitProps) {
  return (
    <>
      <input
        aria-label={label}
        inputMode="numeric"
        size={4}
        value={value}
        placeholder="1"
        aria-invalid={error !== null}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit();
        }}
      />
      {error && <div className="bp-error">{error}</div>}
    </>
  );
}

/** The condition and from-hit cells of a line breakpoint's row in the panel. */
export function LineOptionCells({ bp }: { bp: LineBreakpoint }) {
  const o = useLineOptions(bp.file, bp.line, bp);
  const where = `${bp.file}:${bp.line}`;
  return (
    <>
      <td>
        <ConditionInput label={`Condition of the breakpoint at ${where}`} value={o.condition} onChange={o.setCondition} onCommit={o.commit} onBlur={o.commit} />
      </td>
      <td>
        <FromHitInput label={`Stop from hit (breakpoint at ${where})`} value={o.fromHit} onChange={o.setFromHit} onCommit={o.commit} onBlur={o.commit} error={o.hitError} />
      </td>
    </>
  );
}

export interface LineEditorProps {
  readonly file: string;
  readonly line: number;
  /** The breakpoint there, if any (Save creates one otherwise). */
  readonly bp: LineBreakpoint | undefined;
  /** Client coordinates to open at. */
  readonly x: number;
  readonly y: number;
  readonly onClose: () => void;
}

/** The glyph margin's dialog: condition and from-hit of the breakpoint at file:line; Escape closes. */
export function LineBreakpointEditor({ file, line, bp, x, y, onClose }: LineEditorProps) {
  const actions = useApp(selectActions);
  const o = useLineOptions(file, line, bp);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);
  const save = () => {
    if (o.hitError || o.conditionBad) return;
    o.commit();
    onClose();
  };
  return createPortal(
    <div
      ref={box}
      className="hv-bp-editor"
      role="dialog"
      aria-label={`Breakpoint at ${file}:${line}`}
      style={{ left: Math.min(x, innerWidth - 310), top: Math.min(y, innerHeight - 200) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h4>
        Breakpoint at {file}:{line}
      </h4>
      <label>
        Stop only when (registers of the vCPU that reached the line)
        <ConditionInput label="Condition" value={o.condition} onChange={o.setCondition} onCommit={save} autoFocus />
      </label>
      <label>
        Stop from hit{' '}
        <FromHitInput label="Stop from hit" value={o.fromHit} onChange={o.setFromHit} onCommit={save} error={o.hitError} />
      </label>
      <div className="buttons">
        {bp && (
          <button
            type="button"
            onClick={() => {
              actions.toggleBreakpoint(file, line);
              onClose();
            }}
          >
            Remove
          </button>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={save} disabled={o.hitError !== null || o.conditionBad}>
          {bp ? 'Save' : 'Add breakpoint'}
        </button>
      </div>
    </div>,
    document.body,
  );
}
