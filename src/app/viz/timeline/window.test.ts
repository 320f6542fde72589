import { describe, expect, it } from 'vitest';
import { scaleLinear, zoomIdentity } from 'd3';
import { clampWindow, panToInclude, transformFor } from './window.ts';

describe('clampWindow', () => {
  it('keeps a window inside the trace', () => {
    expect(clampWindow([-50, 50], 0, 1000, 10)).toEqual([0, 100]);
    expect(clampWindow([950, 1050], 0, 1000, 10)).toEqual([900, 1000]);
    expect(clampWindow([100, 200], 0, 1000, 10)).toEqual([100, 200]);
  });
  it('widens a too narrow window around its centre, but never past the whole range', () => {
    expect(clampWindow([100, 102], 0, 1000, 10)).toEqual([96, 106]);
    expect(clampWindow([0, 2], 0, 5, 10)).toEqual([0, 5]);
  });
});

describe('transformFor', () => {
  it('gives the d3-zoom transform whose rescaled axis shows the window', () => {
    const base = scaleLinear().domain([0, 1000]).range([120, 620]);
    const { k, x } = transformFor([250, 500], 0, 1000, 120, 620);
    expect(k).toBe(4);
    const shown = zoomIdentity.translate(x, 0).scale(k).rescaleX(base).domain();
    expect(shown[0]).toBeCloseTo(250);
    expect(shown[1]).toBeCloseTo(500);
  });
  it('is the identity for the whole range', () => {
    expect(transformFor([0, 1000], 0, 1000, 120, 620)).toEqual({ k: 1, x: 0 });
  });
});

describe('panToInclude', () => {
  it('leaves a window that holds the step alone', () => {
    expect(panToInclude([100, 200], 150, 0, 1000)).toEqual([100, 200]);
  });
  it('centres the step otherwise, inside the trace', () => {
    expect(panToInclude([100, 200], 500, 0, 1000)).toEqual([450, 550]);
    expect(panToInclude([100, 200], 990, 0, 1000)).toEqual([900, 1000]);
  });
});
