/**
 * Step arithmetic shared by every view: the one notion of "current step" is a
 * number, and each view offers a sorted list of the steps it can select.
 */

/**
 * Index of the last element of ascending `sorted` that is <= `value`, or -1
 * when every element is greater (or the array is empty).
 */
export function lastIndexAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The step a keyboard key moves the selection to, among the ascending unique
 * `steps` a view can select. `ArrowLeft`/`ArrowUp` = previous step strictly
 * before `current`, `ArrowRight`/`ArrowDown` = next step strictly after,
 * `Home`/`End` = first/last. Returns undefined for other keys, for an empty
 * list, or when there is nothing further in that direction.
 */
export function stepForKey(steps: readonly number[], current: number, key: string): number | undefined {
  if (steps.length === 0) return undefined;
  switch (key) {
    case 'Home':
      return steps[0];
    case 'End':
      return steps[steps.length - 1];
    case 'ArrowLeft':
    case 'ArrowUp': {
      const i = lastIndexAtOrBefore(steps, current - 1);
      return i >= 0 ? steps[i] : undefined;
    }
    case 'ArrowRight':
    case 'ArrowDown': {
      const i = lastIndexAtOrBefore(steps, current) + 1;
      return i < steps.length ? steps[i] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The element of ascending `steps` closest to `target` (ties go to the
 * earlier step), or undefined for an empty list.
 */
export function nearestStep(steps: readonly number[], target: number): number | undefined {
  if (steps.length === 0) return undefined;
  const i = lastIndexAtOrBefore(steps, target);
  if (i < 0) return steps[0];
  if (i === steps.length - 1) return steps[i];
  return target - steps[i] <= steps[i + 1] - target ? steps[i] : steps[i + 1];
}

/**
 * Ascending, de-duplicated steps of several lists that are each already in
 * step order (as trace selections are): a merge in O(total), no sort.
 */
export function mergeSteps(lists: readonly (readonly { readonly step: number }[])[]): number[] {
  const at = lists.map(() => 0);
  const out: number[] = [];
  for (;;) {
    let best = -1;
    let bestStep = Infinity;
    for (let k = 0; k < lists.length; k++) {
      const l = lists[k];
      if (at[k] < l.length && l[at[k]].step < bestStep) {
        best = k;
        bestStep = l[at[k]].step;
      }
    }
    if (best < 0) return out;
    at[best] += 1;
    if (out.length === 0 || out[out.length - 1] !== bestStep) out.push(bestStep);
  }
}
