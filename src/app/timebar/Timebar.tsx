/**
 * The timeline scrubber under the toolbar: the current branch from step 0 to
 * its head, the cursor at the present, the worker's event marks, and what
 * time travel costs (keyframes held) and is doing (a backward search, with
 * Cancel). Click, drag or use the keyboard (it is a slider) to seek; seeks
 * while dragging go through a throttle (one in flight, the latest waiting).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { TimeInfo } from '../../worker/protocol.ts';
import { useApp, useAppStore, useThrottledApp } from '../store/useApp.ts';
import { selectActions, selectSearch, selectTime } from '../store/selectors.ts';
import { countWords, formatMiB, keyTarget, markGlyphs, markSummary, MARK_STYLES, stepToX, valueText, xToStep, type MarkGlyph, type MarkStyle } from './layout.ts';
import { createSeekThrottle, type SeekThrottle } from './throttle.ts';
import './timebar.css';

/** Bar geometry, px: lanes of marks over the track. */
const PAD_X = 8;
const LANE_H = 7;
const LANES_TOP = 3;
const TRACK_Y = LANES_TOP + MARK_STYLES.length * LANE_H + 3;
const TRACK_H = 5;
const HEIGHT = TRACK_Y + TRACK_H + 4;
/** Marks closer than this are pooled into one. */
const MARK_GAP = 5;

const laneY = (i: number) => LANES_TOP + i * LANE_H + LANE_H / 2;

/** An SVG path for `shape` centred on (0, 0) with radius about `r`. */
function shapePath(shape: MarkStyle['shape'], r: number): string {
  switch (shape) {
    case 'circle':
      return `M${-r},0 a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0 Z`;
    case 'triangle':
      return `M0,${-r} L${r},${r * 0.85} L${-r},${r * 0.85} Z`;
    case 'diamond':
      return `M0,${-r} L${r},0 L0,${r} L${-r},0 Z`;
    case 'cross':
      return `M${-r},${-r} L${r},${r} M${r},${-r} L${-r},${r}`;
  }
}

/** One mark drawing (a legend swatch or a bar mark). */
function Glyph({ style, x, y, r }: { style: MarkStyle; x: number; y: number; r: number }) {
  const cross = style.shape === 'cross';
  return (
    <path
      d={shapePath(style.shape, r)}
      transform={`translate(${x},${y})`}
      style={cross ? { fill: 'none', stroke: style.color, strokeWidth: 2 } : { fill: style.color, stroke: 'var(--panel)', strokeWidth: 0.75 }}
    />
  );
}

const STYLE_OF = new Map(MARK_STYLES.map((s, i) => [s.category, { style: s, lane: i }]));

function markTitle(m: MarkGlyph): string {
  return `${countWords(m.category, m.count)} in steps ${m.from.toLocaleString('en-US')}–${Math.max(m.from, m.to - 1).toLocaleString('en-US')}`;
}

/** Tracks the width of an element (ResizeObserver), for the bar's pixel layout. */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.clientWidth);
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => setWidth(node.clientWidth));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** The seek throttle, told of every worker update (a new `time`); `ghost` is the position asked for and not yet reported. */
function useSeeks(): { request(step: number): void; ghost: number | null } {
  const store = useAppStore();
  const [ghost, setGhost] = useState<number | null>(null);
  const throttle = useRef<SeekThrottle | null>(null);
  useEffect(() => {
    const th = createSeekThrottle(
      (step) => store.getState().actions.seek(step),
      (ms, fn) => {
        const t = setTimeout(() => {
          fn();
          setGhost(th.pending());
        }, ms);
        return () => clearTimeout(t);
      },
    );
    throttle.current = th;
    const unsub = store.subscribe((s, prev) => {
      if (s.playback.time === prev.playback.time) return;
      th.arrived();
      setGhost(th.pending());
    });
    return () => {
      unsub();
      th.dispose();
      throttle.current = null;
    };
  }, [store]);
  return {
    request(step) {
      throttle.current?.request(step);
      setGhost(throttle.current?.pending() ?? null);
    },
    ghost,
  };
}

export function Timebar() {
  // While running the bar changes with every update; four refreshes a second are plenty.
  const time = useThrottledApp(selectTime);
  const search = useApp(selectSearch);
  const actions = useApp(selectActions);
  const [trackRef, width] = useWidth<HTMLDivElement>();
  const seeks = useSeeks();
  const [dragging, setDragging] = useState(false);
  const [hoverX, setHoverX] = useState<number | null>(null);

  const head = time?.head ?? 0;
  const now = time?.now ?? 0;
  const shown = seeks.ghost ?? now;
  const left = PAD_X;
  const right = Math.max(left + 1, width - PAD_X);
  const x = (s: number) => stepToX(s, head, left, right);
  const glyphs = useMemo(() => (time ? markGlyphs(time.marks, left, stepToX(time.marks.head, head, left, right), MARK_GAP) : []), [time, head, left, right]);

  const stepAt = (e: PointerEvent<HTMLDivElement>) => xToStep(e.clientX - e.currentTarget.getBoundingClientRect().left, head, left, right);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!time || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    setDragging(true);
    seeks.request(stepAt(e));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    setHoverX(e.clientX - e.currentTarget.getBoundingClientRect().left);
    if (dragging) seeks.request(stepAt(e));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging) return;
    setDragging(false);
    seeks.request(stepAt(e));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!time) return;
    const to = keyTarget(e.key, shown, head);
    if (to === undefined) return;
    e.preventDefault();
    if (to !== shown) seeks.request(to);
  };

  const cx = x(shown);
  const hover = hoverX !== null && hoverX >= left && hoverX <= right && !dragging ? { x: hoverX, step: xToStep(hoverX, head, left, right), flip: hoverX > right - 60 } : null;
  return (
    <section className="timebar" aria-label="Time travel">
      <span className="tb-now mono" data-testid="time-now">
        <span className="tb-label">step</span> <strong>{shown.toLocaleString('en-US')}</strong>
        <span className="tb-label"> / {head.toLocaleString('en-US')}</span>
      </span>
      <div
        ref={trackRef}
        className="tb-track"
        role="slider"
        tabIndex={time ? 0 : -1}
        aria-label="Scrub through the run"
        aria-valuemin={0}
        aria-valuemax={head}
        aria-valuenow={shown}
        aria-valuetext={valueText(shown, head)}
        aria-disabled={!time}
        aria-describedby="timebar-marks"
        aria-keyshortcuts="ArrowLeft ArrowRight PageUp PageDown Home End"
        title="Click or drag to go to a step; arrow keys ±1 step, Page Up/Down ±1%, Home/End"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDragging(false)}
        onPointerLeave={() => setHoverX(null)}
        onKeyDown={onKeyDown}
      >
        {width > 0 && (
          <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false">
            {MARK_STYLES.map((s, i) => (
              <line key={s.category} className="tb-lane" x1={left} x2={right} y1={laneY(i)} y2={laneY(i)} />
            ))}
            <rect className="tb-rail" x={left} y={TRACK_Y} width={right - left} height={TRACK_H} rx={TRACK_H / 2} />
            <rect className="tb-past" x={left} y={TRACK_Y} width={Math.max(0, cx - left)} height={TRACK_H} rx={TRACK_H / 2} />
            {search && search.searchedFrom < search.from && (
              <rect className="tb-searched" x={x(search.searchedFrom)} y={1} width={Math.max(1, x(search.from) - x(search.searchedFrom))} height={HEIGHT - 2} />
            )}
            {glyphs.map((m) => {
              const { style, lane } = STYLE_OF.get(m.category)!;
              return (
                <g key={`${m.category}:${m.x}`} className={m.from >= shown ? 'tb-mark tb-future' : 'tb-mark'}>
                  <title>{markTitle(m)}</title>
                  <Glyph style={style} x={m.x} y={laneY(lane)} r={m.count > 1 ? 3.4 : 2.8} />
                </g>
              );
            })}
            <line className="tb-cursor" x1={cx} x2={cx} y1={0} y2={HEIGHT} />
            <circle className="tb-handle" cx={cx} cy={TRACK_Y + TRACK_H / 2} r={6} />
            {hover && (
              <text className="tb-hover mono" x={hover.x} y={10} textAnchor={hover.flip ? 'end' : 'start'} dx={hover.flip ? -6 : 6}>
                {hover.step.toLocaleString('en-US')}
              </text>
            )}
          </svg>
        )}
      </div>
      <span id="timebar-marks" className="visually-hidden">
        {time ? `Marked on the scrubber: ${markSummary(time.marks)}.` : 'No run yet.'}
      </span>
      <span className="tb-legend" role="list" aria-label="Marks on the scrubber">
        {MARK_STYLES.map((s) => (
          <span key={s.category} className="tb-legend-item" role="listitem">
            <svg width="10" height="10" aria-hidden="true" focusable="false">
              <Glyph style={s} x={5} y={5} r={s.shape === 'cross' ? 3.2 : 3.8} />
            </svg>
            {s.many}
          </span>
        ))}
      </span>
      <Keyframes time={time} />
      {search && (
        <span className="tb-search" role="status" data-testid="search">
          <span>Working: {search.what}…</span>
          <progress max={1} value={search.progress} aria-label={`Progress: ${search.what}`} />
          <span className="mono">{Math.round(search.progress * 100)}%</span>
          <button type="button" onClick={actions.cancelSearch} title="Stop it (the machine stays where it was)">
            Cancel
          </button>
        </span>
      )}
    </section>
  );
}

function Keyframes({ time }: { time: TimeInfo | null }) {
  if (!time) return null;
  const { count, bytes } = time.keyframes;
  return (
    <span className="tb-memory mono" data-testid="keyframes" title="Machine snapshots kept so that any step can be reached quickly (older ones are thinned out as the run grows)">
      {count.toLocaleString('en-US')} {count === 1 ? 'keyframe' : 'keyframes'} · {formatMiB(bytes)}
    </span>
  );
}
