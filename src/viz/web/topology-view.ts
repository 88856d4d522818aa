import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Graph } from '../graph-model.js';
import { CanvasGraph } from './graph-canvas.js';
import { layOutGraph, structureKey, type Layout } from './graph-layout.js';
import { createGraphSvg, drawGraphSvg, setSvgLabelDetail } from './graph-svg.js';
import type { Highlight } from './highlight.js';

/** Above this many nodes the graph is drawn on a canvas: SVG held 46 fps at 500 nodes but 12 fps at 2,000 here. */
export const SVG_NODE_LIMIT = 600;

/** Which element draws the graph: by size (`auto`), or forced, as benchmarks and SVG-minded users ask with `?renderer=`. */
export type RendererChoice = 'auto' | 'svg' | 'canvas';

/** Reads `?renderer=svg|canvas` from a page URL's query; anything else is `auto`. */
export function readRendererChoice(search: string): RendererChoice {
  const value = new URLSearchParams(search).get('renderer');
  return value === 'svg' || value === 'canvas' ? value : 'auto';
}

/** Margin kept around the graph when zooming to fit. */
const FIT_MARGIN_PX = 30;
/** Fitting never magnifies beyond this: a three-node world blown up to fill the panel reads worse, not better. */
const FIT_MAX_SCALE = 1.6;

/**
 * The topology panel: lays the graph out, picks SVG or canvas by size, and owns zoom and clicks. The layout is
 * recomputed only when the tree's shape changes; state changes just recolour.
 */
export class TopologyView {
  private readonly container: HTMLElement;
  private readonly svg = createGraphSvg();
  private readonly canvasGraph = new CanvasGraph();
  private readonly zoomBehavior: ZoomBehavior<HTMLElement, unknown>;
  private transform: ZoomTransform = zoomIdentity;
  private hasUserZoomed = false;
  private layout: Layout | undefined;
  private graph: Graph = { nodes: [], links: [] };
  private highlight: Highlight | undefined;
  private usesCanvas = false;
  private readonly renderer: RendererChoice;

  /** Attaches to `container`; `onNodeClick` gets the id of a clicked node. */
  constructor(container: HTMLElement, onNodeClick: (id: string) => void, renderer: RendererChoice = 'auto') {
    this.container = container;
    this.renderer = renderer;
    container.append(this.svg);
    this.zoomBehavior = zoom<HTMLElement, unknown>().scaleExtent([0.02, 8]).on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      if (event.sourceEvent !== null) this.hasUserZoomed = true;
      this.applyTransform(event.transform);
    });
    select(container).call(this.zoomBehavior).on('dblclick.zoom', null);
    this.svg.addEventListener('click', (event) => {
      // A click inside a box picks it, as on the canvas: its circle is small when zoomed out, the box is not.
      const target = event.target as Element;
      const id = (target.closest('g.node') ?? target.closest('rect.box'))?.getAttribute('data-id');
      if (id != null) onNodeClick(id);
    });
    this.canvasGraph.canvas.addEventListener('click', (event) => {
      const node = this.canvasGraph.nodeAt(event.offsetX, event.offsetY);
      if (node !== undefined) onNodeClick(node.id);
    });
  }

  /** The graph currently drawn. */
  get currentGraph(): Graph {
    return this.graph;
  }

  /** The layout currently drawn (for export). */
  get currentLayout(): Layout | undefined {
    return this.layout;
  }

  /** How big the drawing is on screen now, beside the panel's size (tests check that a fitted world fills the panel). */
  get drawnExtent(): { width: number; height: number; panelWidth: number; panelHeight: number } {
    const k = this.transform.k;
    return {
      width: (this.layout?.width ?? 0) * k, height: (this.layout?.height ?? 0) * k,
      panelWidth: this.container.clientWidth, panelHeight: this.container.clientHeight,
    };
  }

  /** The zoom scale (screen px per layout unit), and how many VM names the canvas drew last (`null` when SVG draws). */
  get captionState(): { zoomScale: number; canvasVmNames: number | null } {
    return { zoomScale: this.transform.k, canvasVmNames: this.usesCanvas ? this.canvasGraph.vmNamesDrawn : null };
  }

  /** Draws a new graph state; `animate` is false while scrubbing so jumps are instant. */
  update(graph: Graph, highlight: Highlight, animate: boolean): void {
    const relayout = this.layout === undefined || this.layout.key !== structureKey(graph);
    this.graph = graph;
    this.highlight = highlight;
    // The layout is shaped like the panel, so the fitted drawing fills it in both directions.
    if (relayout) this.layout = layOutGraph(graph, (this.container.clientWidth || 800) / (this.container.clientHeight || 600));
    const layout = this.layout!;
    this.container.dataset['nodeCount'] = String(graph.nodes.length);
    const wantsCanvas = this.renderer === 'auto' ? graph.nodes.length > SVG_NODE_LIMIT : this.renderer === 'canvas';
    if (wantsCanvas !== this.usesCanvas) {
      this.usesCanvas = wantsCanvas;
      this.container.replaceChildren(wantsCanvas ? this.canvasGraph.canvas : this.svg);
      this.container.dataset['renderer'] = wantsCanvas ? 'canvas' : 'svg';
    }
    if (relayout && !this.hasUserZoomed) this.zoomToFit(layout);
    if (this.usesCanvas) this.canvasGraph.update(graph, layout, highlight, this.transform);
    else drawGraphSvg(this.svg, graph, layout, highlight, animate);
  }

  private zoomToFit(layout: Layout): void {
    const width = this.container.clientWidth || 800;
    const height = this.container.clientHeight || 600;
    const scale = Math.min(FIT_MAX_SCALE, (width - 2 * FIT_MARGIN_PX) / Math.max(layout.width, 1), (height - 2 * FIT_MARGIN_PX) / Math.max(layout.height, 1));
    const k = Math.max(0.02, scale);
    const transform = zoomIdentity.translate((width - layout.width * k) / 2, (height - layout.height * k) / 2).scale(k);
    select(this.container).call(this.zoomBehavior.transform, transform);
  }

  private applyTransform(transform: ZoomTransform): void {
    this.transform = transform;
    select(this.svg).select('g.viewport').attr('transform', transform.toString());
    setSvgLabelDetail(this.svg, transform.k);
    if (this.usesCanvas && this.layout !== undefined && this.highlight !== undefined) this.canvasGraph.setTransform(transform);
  }
}
