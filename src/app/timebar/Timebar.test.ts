import { describe, expect, it } from 'vitest';
import { Timebar } from './Timebar.tsx';
import { renderWith, updateAt } from './render.test-util.ts';

describe('Timebar', () => {
  it('is a disabled slider before the machine reports its time', () => {
    const { html } = renderWith(Timebar, null);
    expect(html).toContain('role="slider"');
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain('aria-valuetext="step 0 of 0"');
  });

  it('shows the present, the head and the keyframe memory', () => {
    const { html } = renderWith(Timebar, updateAt(40, 12_000, { time: { ...updateAt(40, 12_000).time, keyframes: { count: 3, bytes: 2 * 1024 * 1024 } } }));
    expect(html).toContain('aria-valuenow="40"');
    expect(html).toContain('aria-valuemin="0"');
    expect(html).toContain('aria-valuemax="12000"');
    expect(html).toContain('aria-valuetext="step 40 of 12,000"');
    expect(html).toContain('aria-disabled="false"');
    expect(html).toMatch(/<strong>40<\/strong>.* \/ 12,000/);
    expect(html).toContain('3 keyframes · 2.0 MiB');
    for (const word of ['messages', 'notifications', 'breakpoint hits', 'faults']) expect(html).toContain(word);
    expect(html).toContain('aria-describedby="timebar-marks"');
    expect(html).toContain('Marked on the scrubber: 0 messages, 0 notifications, 0 breakpoint hits, 0 faults.');
  });

  it('shows a search in progress with its progress and a Cancel button', () => {
    const search = { what: 'previous breakpoint', from: 12_000, searchedFrom: 7_200, progress: 0.4 };
    const { html } = renderWith(Timebar, updateAt(12_000, 12_000, { search }));
    expect(html).toContain('Working: previous breakpoint…');
    expect(html).toMatch(/<progress[^>]*value="0.4"/);
    expect(html).toContain('40%');
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('shows no search line when none runs', () => {
    expect(renderWith(Timebar, updateAt(5, 10)).html).not.toContain('Cancel');
  });
});
