/**
 * SVG export of a view. The live SVG takes its colours and fonts from the
 * page's CSS custom properties, which a standalone file does not have, so the
 * computed presentation values are written onto the copy before serialising.
 */

/** Presentation properties copied from the computed style onto each exported element. */
const INLINED_PROPERTIES = [
  'color',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'display',
  'visibility',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Serialises the view's SVG (`node` itself, or the first `<svg>` inside it)
 * as a standalone SVG document string with resolved colours, its on-screen
 * size, and an opaque background in the current theme.
 * Returns '' when `node` holds no SVG (e.g. a view not yet mounted).
 */
export function exportSvg(node: Element): string {
  const svg = node instanceof SVGSVGElement ? node : node.querySelector('svg');
  if (!svg) return '';
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const targets = [clone, ...Array.from(clone.querySelectorAll('*'))];
  const view = svg.ownerDocument.defaultView;
  if (view) {
    sources.forEach((el, i) => {
      const computed = view.getComputedStyle(el);
      const target = targets[i] as SVGElement;
      for (const prop of INLINED_PROPERTIES) {
        const value = computed.getPropertyValue(prop);
        if (value) target.style.setProperty(prop, value);
      }
    });
  }
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  const background = view?.getComputedStyle(svg.parentElement ?? svg).backgroundColor;
  const rect = clone.ownerDocument.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background && background !== 'rgba(0, 0, 0, 0)' ? background : '#ffffff');
  clone.insertBefore(rect, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** The size an exported SVG document declares (its root's width and height attributes), or null. */
function declaredSize(svg: string): { width: number; height: number } | null {
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * Rasterises an SVG document as `exportSvg` returns it into a PNG `scale`
 * times its declared size (2 = sharp on high-density screens and in
 * documents). Rejects with the reason when the document has no size or the
 * browser cannot draw or encode it.
 */
export function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const size = declaredSize(svg);
  if (!size) return Promise.reject(new Error('the view has no size to draw at'));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(size.width * scale);
      canvas.height = Math.round(size.height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) {
        reject(new Error('the browser gave no 2D canvas'));
        return;
      }
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the browser could not draw the SVG'));
    // A data: URL (not a blob: URL) keeps the canvas untainted in every browser.
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
