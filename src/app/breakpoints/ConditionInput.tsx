/**
 * A register-condition text field that shows a parse mistake where it is:
 * a caret under the column and the message, announced to screen readers.
 * The worker evaluates conditions; this only points at typing mistakes.
 */
import { useId } from 'react';
import { conditionProblem } from './form.ts';

export interface ConditionInputProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** Called on Enter. */
  readonly onCommit: () => void;
  /** Called on leaving the field. */
  readonly onBlur?: () => void;
  readonly label: string;
  readonly autoFocus?: boolean;
}

export function ConditionInput({ value, onChange, onCommit, onBlur, label, autoFocus }: ConditionInputProps) {
  const errId = useId();
  const problem = conditionProblem(value);
  return (
    <div className="bp-cond">
      <input
        aria-label={label}
        value={value}
        placeholder="always (e.g. x0 == 2 && w1 < 5)"
        spellCheck={false}
        autoFocus={autoFocus}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onCommit();
          }
        }}
      />
      {problem && (
        <div id={errId} role="alert" className="bp-error">
          <pre className="bp-caret" aria-hidden="true">
            {value}
            {'\n'}
            {' '.repeat(problem.column - 1)}^
          </pre>
          column {problem.column}: {problem.message}
        </div>
      )}
    </div>
  );
}
