import type { Graph } from '../graph-model.js';
import { BLOCKER_COLOR, BOX_STROKE, REACH_PATH_COLOR, REFUSAL_COLOR } from './colors.js';
import type { Layout } from './graph-layout.js';
import { createGraphSvg, drawGraphSvg } from './graph-svg.js';
import type { Highlight } from './highlight.js';

/** Padding around the exported drawing: a gateway's or site's caption may reach past the last box. */
const EXPORT_PADDING_PX = 20;
const LABEL_ROOM_PX = 60;

/**
 * Serialises the current graph as a standalone SVG document. Large graphs are shown on a canvas, so the export is
 * always drawn afresh with the SVG renderer, with the page's styles inlined so the file looks the same elsewhere.
 */
export function exportGraphSvg(graph: Graph, layout: Layout, highlight: Highlight): string {
  const svg = createGraphSvg();
  drawGraphSvg(svg, graph, layout, highlight, false);
  const width = layout.width + LABEL_ROOM_PX + 2 * EXPORT_PADDING_PX;
  const height = layout.height + 2 * EXPORT_PADDING_PX;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.querySelector('g.viewport')?.setAttribute('transform', `translate(${EXPORT_PADDING_PX},${EXPORT_PADDING_PX})`);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = [
    'text{font:10px "Liberation Sans",Arial,sans-serif;fill:#1d2330;paint-order:stroke;stroke:#fff;stroke-width:3px}',
    '.link{fill:none;stroke:#b8bfcc;stroke-width:1px}.link.tunnel{stroke-width:3px;stroke-dasharray:6 3}',
    `.link.on-path{stroke:${REACH_PATH_COLOR};stroke-width:3px}.node circle{stroke-width:1.5px}`,
    `.node.on-path circle{stroke:${REACH_PATH_COLOR};stroke-width:4px}.node.blocker circle{stroke:${BLOCKER_COLOR};stroke-width:4px}`,
    `.box{stroke:${BOX_STROKE};stroke-width:1px}`, '.node.region text,.node.affinityGroup text,.node.vnet text{font-weight:bold}',
    `.node.dot text{font-size:4px;text-anchor:middle;stroke-width:1px}.badge,.tunnel-label{font-weight:bold}.badge{fill:${REFUSAL_COLOR}}`,
  ].join('');
  svg.prepend(style);
  return new XMLSerializer().serializeToString(svg);
}

/** Offers `text` to the user as a download named `fileName`. */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
