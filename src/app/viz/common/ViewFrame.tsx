import { useId, type ReactNode, type RefObject } from 'react';
import { exportSvg } from './export-svg.ts';
import '../viz.css';
import { downloadFile } from '../../util/download.ts';

export interface ViewFrameProps {
  /** Visible heading of the view. */
  readonly title: string;
  /** File name stem for the SVG export, e.g. "vcpu-timeline". */
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
 * The React shell around one D3 view: heading, SVG export button, legend,
 * a collapsible note for learners, and the host element the controller owns.
 */
export function ViewFrame({ title, exportName, step, legend, note, host, hostClass }: ViewFrameProps) {
  const headingId = useId();
  const onExport = () => {
    if (!host.current) return;
    const svg = exportSvg(host.current);
    if (svg) downloadFile(`hvlab-${exportName}-step${step}.svg`, svg, 'image/svg+xml');
  };
  return (
    <section className="viz-view" aria-labelledby={headingId} data-viz={exportName}>
      <header className="viz-head">
        <h3 id={headingId}>{title}</h3>
        <details className="viz-note">
          <summary>What am I looking at?</summary>
          <div>{note}</div>
        </details>
        <button type="button" className="viz-export" onClick={onExport} aria-label={`Export ${title} as SVG`}>
          Export SVG
        </button>
      </header>
      <div className="viz-legend" role="list" aria-label={`${title} legend`}>
        {legend}
      </div>
      <div ref={host} className={hostClass ? `viz-host ${hostClass}` : 'viz-host'} />
    </section>
  );
}
