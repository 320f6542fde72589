/** The guests' console output (the playground's debug console). */
import { useEffect, useRef } from 'react';
import { useThrottledApp } from '../store/useApp.ts';
import { selectConsole } from '../store/selectors.ts';

export function Console() {
  const text = useThrottledApp(selectConsole);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current?.parentElement;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <pre ref={ref} className="console-out" aria-label="Console output" aria-live="polite" data-testid="console" tabIndex={0}>
      {text || '(no output yet)'}
    </pre>
  );
}
