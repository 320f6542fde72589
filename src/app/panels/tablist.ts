/**
 * Keyboard behaviour of a WAI-ARIA tablist: Left/Right move between tabs
 * (wrapping), Home/End go to the first/last, and the tab reached is
 * selected at once (automatic activation). Tabs use a roving tabindex: only
 * the selected tab is in the Tab order (`tabIndex={selected ? 0 : -1}`).
 */
import type { KeyboardEvent } from 'react';

/**
 * The index of the tab that `key` moves to from tab `index` of `count`, or
 * null when the key is not a tablist key (or there are no tabs).
 */
export function tabTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * `onKeyDown` for an element with role="tablist": moves focus to the target
 * tab among its `[role="tab"]` descendants and activates it (a click), so
 * any tablist whose tabs select on click gets the keyboard pattern.
 */
export function onTablistKeyDown(e: KeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const from = tabs.findIndex((t) => t === document.activeElement);
  if (from < 0) return;
  const to = tabTarget(e.key, from, tabs.length);
  if (to === null) return;
  e.preventDefault();
  tabs[to].focus();
  if (tabs[to].getAttribute('aria-selected') !== 'true') tabs[to].click();
}
