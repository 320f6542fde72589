/**
 * Skipping redraws that would change nothing: at full speed most updates
 * move the current step without changing what a view shows (no mailbox or
 * list event happened), and rewriting the same SVG still costs style, layout
 * and paint. A view lists the values its drawing depends on; the gate tells
 * whether any of them differs (by ===) from the previous call's.
 */
export interface ChangeGate {
  /**
   * True when `values` differs from the previous call's in length or in any
   * element (===), and on the first call; remembers `values` (the caller
   * must not mutate it afterwards).
   */
  changed(values: readonly unknown[]): boolean;
}

/** Creates a gate with no previous values. */
export function createChangeGate(): ChangeGate {
  let prev: readonly unknown[] | null = null;
  return {
    changed(values) {
      const same = prev !== null && prev.length === values.length && values.every((v, i) => v === prev![i]);
      prev = values;
      return !same;
    },
  };
}
