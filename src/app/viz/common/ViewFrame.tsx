import { useContext, useId, useState, type ReactNode, type RefObject } from 'react';
import { ViewExpandContext } from './expand.ts';
import { exportSvg, svgToPng } from './export-svg.ts';
import '../viz.css';
import { downloadFile } from '../../util/download.ts';

export interface ViewFrameProps {
  /** Visible heading of the view. */
  readonly title: string;
  /** File name stem for the SVG and PNG exports, e.g. "vcpu-timeline". */
  readonly exportName: string;
  /** The step the view shows (goes into the exported file name). */
  readonly step: number;
  /** Legend items (HTML). */
  readonly legend: ReactNode;
  /** The "what am I looking at" paragraph for learners. */
  readonly note: ReactNode;
  /** The element the D3 controller owns. */
  readonly host: RefObject<HTMLDivElement | null>;
  /** Extra class on the host (e.g. to let it fill the panel's height). */
  readonly hostClass?: string;
}

/**
 * The React shell around one D3 view: heading, SVG and PNG export buttons, legend,
 * a collapsible note for learners, and the host element the controller owns.
 */
export function ViewFrame({ title, exportName, step, legend, note, host, hostClass }: ViewFrameProps) {
  const headingId = useId();
  const expand = useContext(ViewExpandContext);
  const [pngError, setPngError] = useState<string | null>(null);
  const fileStem = `hvlab-${exportName}-step${step}`;
  const onExport = () => {
    if (!host.current) return;
    const svg = exportSvg(host.current);
    if (svg) downloadFile(`${fileStem}.svg`, svg, 'image/svg+xml');
  };
  const onExportPng = () => {
    const svg = host.current ? exportSvg(host.current) : '';
    if (!svg) return;
    setPngError(null);
    svgToPng(svg, 2).then(
      (png) => downloadFile(`${fileStem}.png`, png, 'image/png'),
      (err: unknown) => setPngError(`PNG export failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  return (
    <section className="viz-view" aria-labelledby={headingId} data-viz={exportName}>
      <header className="viz-head">
        <h3 id={headingId}>{title}</h3>
        <details className="viz-note">
          <summary>What am I looking at?</summary>
          <div>{note}</div>
        </details>
        {expand && (
          <button type="button" className="viz-expand" onClick={expand.toggle} aria-pressed={expand.expanded} aria-label={expand.expanded ? `Show all views again` : `Expand ${title} to fill the views area`} title={expand.expanded ? 'Back to all four views (Esc)' : 'Fill the views area with this view'}>
            {expand.expanded ? '⤡ All views' : '⤢ Expand'}
          </button>
        )}
        <button type="button" className="viz-export" onClick={onExport} aria-label={`Export ${title} as SVG`}>
          Export SVG
        </button>
        <button type="button" className="viz-export" onClick={onExportPng} aria-label={`Export ${title} as PNG`}>
          Export PNG
        </button>
        {pngError && (
          <span className="viz-export-error" role="alert">
            {pngError}
          </span>
        )}
      </header>
      <div className="viz-legend" role="list" aria-label={`${title} legend`}>
        {legend}
      </div>
      <div ref={host} className={hostClass ? `viz-host ${hostClass}` : 'viz-host'} />
    </section>
  );
}
