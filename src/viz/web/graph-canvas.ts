import { quadtree, type Quadtree, type ZoomTransform } from 'd3';
import type { Graph, GraphNode } from '../graph-model.js';
import type { GraphLink } from '../graph-model.js';
import { BLOCKER_COLOR, BOX_FILLS, BOX_STROKE, colorOfNode, FLOW_GAINED_COLOR, FLOW_LOST_COLOR, radiusOfNode, REACH_PATH_COLOR, REFUSAL_COLOR, REFUSAL_MARK, strokeOfLink, TINT_OPACITY, TUNNEL_STYLES } from './colors.js';
import { CAPTION_LINE_HEIGHT, captionLines, type Layout, type Point } from './graph-layout.js';
import { isLinkOnPath, type Highlight } from './highlight.js';
import { serviceColor } from './graph-svg.js';
import { COMPACT_VM_LABEL_UNITS, LABEL_UNITS, labelDetailAt, type LabelDetail } from './label-detail.js';

/** Fraction of the remaining distance a moving node covers per frame: ~10 frames to settle, then drawing stops. */
const EASE_PER_FRAME = 0.25;
/** Below this distance (layout units) a node counts as arrived. */
const SETTLED_DISTANCE = 0.5;
/** Nodes this far outside the canvas (pixels) are still drawn, so a circle cut by the edge shows whole. */
const VIEW_MARGIN_PX = 20;
/** Smallest radius a node is drawn with on screen: fitted to view, 2,000 nodes shrink below a pixel and vanish. */
const MIN_SCREEN_RADIUS_PX = 1.5;
/** Captions of regions, affinity groups and VNets never shrink below this on screen: they are how a fitted world is read. */
const MIN_LANDMARK_SCREEN_PX = 10;
const LANDMARK_KINDS = new Set(['region', 'affinityGroup', 'vnet']);
const FONT_FAMILY = '"Liberation Sans", Arial, sans-serif';

interface Sprite extends Point {
  node: GraphNode;
  alpha: number;
}

/**
 * Draws large graphs on a canvas (thousands of SVG elements drop below 30 fps; measured 12 fps at 2,000 nodes).
 * d3 still provides the layout, zoom transform and hit-testing (quadtree); nodes ease to new positions and fade in.
 */
export class CanvasGraph {
  readonly canvas: HTMLCanvasElement;
  private sprites = new Map<string, Sprite>();
  private graph: Graph = { nodes: [], links: [] };
  private layout: Layout | undefined;
  private highlight: Highlight | undefined;
  private transform: ZoomTransform | undefined;
  private index: Quadtree<Sprite> | undefined;
  private frame = 0;
  private drawnVmNames = 0;

  /** Creates the canvas; the caller attaches it. */
  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.id = 'topo-canvas';
  }

  /** Takes a new graph state and schedules drawing until every node has settled. */
  update(graph: Graph, layout: Layout, highlight: Highlight, transform: ZoomTransform): void {
    this.graph = graph;
    this.layout = layout;
    this.highlight = highlight;
    this.transform = transform;
    const next = new Map<string, Sprite>();
    for (const node of graph.nodes) {
      const old = this.sprites.get(node.id);
      const start = old ?? { ...(layout.positions.get(node.parent ?? '') ?? layout.positions.get(node.id) ?? { x: 0, y: 0 }), alpha: 0 };
      next.set(node.id, { node, x: start.x, y: start.y, alpha: start.alpha });
    }
    this.sprites = next;
    this.index = undefined;
    this.requestDraw();
  }

  /** How many VM names the last frame drew (tests check that names appear as you zoom in). */
  get vmNamesDrawn(): number {
    return this.drawnVmNames;
  }

  /** Redraws under a new zoom transform. */
  setTransform(transform: ZoomTransform): void {
    this.transform = transform;
    this.requestDraw();
  }

  /** The node under a point in canvas pixels, if any. */
  nodeAt(px: number, py: number): GraphNode | undefined {
    if (this.transform === undefined) return undefined;
    this.index ??= quadtree<Sprite>().x((s) => s.x).y((s) => s.y).addAll([...this.sprites.values()]);
    const [x, y] = this.transform.invert([px, py]);
    const near = this.index.find(x, y, 10 / this.transform.k + 4)?.node;
    if (near !== undefined) return near;
    // A click inside a box picks the innermost box: its circle is small when zoomed out, the box is not.
    const box = this.layout?.boxes.findLast((b) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height);
    return box === undefined ? undefined : this.graph.nodes.find((n) => n.id === box.id);
  }

  private requestDraw(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    const { canvas, layout, highlight, transform } = this;
    if (layout === undefined || highlight === undefined || transform === undefined) return;
    const ratio = devicePixelRatio;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const moving = this.stepSprites(layout);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.translate(transform.x, transform.y);
    ctx.scale(transform.k, transform.k);

    const [left, top] = transform.invert([-VIEW_MARGIN_PX, -VIEW_MARGIN_PX]);
    const [right, bottom] = transform.invert([width + VIEW_MARGIN_PX, height + VIEW_MARGIN_PX]);
    const isInView = (b: { x: number; y: number; width: number; height: number }): boolean =>
      b.x <= right && b.x + b.width >= left && b.y <= bottom && b.y + b.height >= top;
    drawBoxes(ctx, layout, transform.k, isInView);

    // Containment is shown by the boxes; lines are drawn only for tunnels and a traced path.
    const hasPath = highlight.pathLinks.size > 0;
    for (const link of this.graph.links) {
      const isOnPath = hasPath && isLinkOnPath(highlight, link);
      if (link.kind === 'contains' && !isOnPath) continue;
      const a = this.sprites.get(link.source);
      const b = this.sprites.get(link.target);
      if (a === undefined || b === undefined) continue;
      const style = isOnPath ? undefined : strokeOfLink(link);
      ctx.lineWidth = (style?.width ?? 3) / Math.sqrt(transform.k);
      ctx.strokeStyle = style?.color ?? REACH_PATH_COLOR;
      ctx.setLineDash(style?.dash ?? []);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.setLineDash([]);

    const visible = [...this.sprites.values()].filter((s) => s.x >= left && s.x <= right && s.y >= top && s.y <= bottom);
    drawNodes(ctx, visible, highlight, MIN_SCREEN_RADIUS_PX / transform.k);
    const detail = labelDetailAt(transform.k);
    this.drawnVmNames = drawCaptions(ctx, visible, layout.hasVmLabels, transform.k, detail);
    if (detail.labels) drawTunnelLabels(ctx, this.graph.links, this.sprites);
    if (moving) this.requestDraw();
  }

  /** Eases every sprite towards its laid-out position; returns whether any is still moving. */
  private stepSprites(layout: Layout): boolean {
    let moving = false;
    for (const sprite of this.sprites.values()) {
      const target = layout.positions.get(sprite.node.id);
      if (target === undefined) continue;
      const dx = target.x - sprite.x;
      const dy = target.y - sprite.y;
      if (Math.abs(dx) + Math.abs(dy) > SETTLED_DISTANCE || sprite.alpha < 1) {
        sprite.x += dx * EASE_PER_FRAME;
        sprite.y += dy * EASE_PER_FRAME;
        sprite.alpha = Math.min(1, sprite.alpha + EASE_PER_FRAME);
        moving = true;
        this.index = undefined;
      } else {
        sprite.x = target.x;
        sprite.y = target.y;
      }
    }
    return moving;
  }
}

/** Draws the boxes outermost first, then the service tints over their VM cells, one path per colour. */
function drawBoxes(ctx: CanvasRenderingContext2D, layout: Layout, k: number, isInView: (b: Point & { width: number; height: number }) => boolean): void {
  ctx.lineWidth = 1 / k;
  ctx.strokeStyle = BOX_STROKE;
  for (const box of layout.boxes) {
    if (!isInView(box)) continue;
    ctx.fillStyle = BOX_FILLS[box.kind] ?? '#fff';
    ctx.fillRect(box.x, box.y, box.width, box.height);
    ctx.strokeRect(box.x, box.y, box.width, box.height);
  }
  const tints = new Map<string, Path2D>();
  for (const tint of layout.tints) {
    if (!isInView(tint)) continue;
    const color = serviceColor(tint.group);
    let path = tints.get(color);
    if (path === undefined) tints.set(color, path = new Path2D());
    path.rect(tint.x, tint.y, tint.width, tint.height);
  }
  ctx.globalAlpha = TINT_OPACITY;
  for (const [color, path] of tints) {
    ctx.fillStyle = color;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
}

/**
 * Draws captions that would be readable at this zoom: regions, affinity groups and VNets always (at least
 * MIN_LANDMARK_SCREEN_PX tall), other nodes once LABEL_UNITS is MIN_LABEL_SCREEN_PX on screen, dots of the compact VM
 * grid once their small names are.
 */
function drawCaptions(ctx: CanvasRenderingContext2D, sprites: readonly Sprite[], hasVmLabels: boolean, k: number, detail: LabelDetail): number {
  ctx.fillStyle = '#1d2330';
  ctx.textBaseline = 'middle';
  let vmNames = 0;
  for (const sprite of sprites) {
    const node = sprite.node;
    if (node.refusal !== null && detail.labels) drawRefusalMark(ctx, sprite);
    if (node.kind === 'vm' && !hasVmLabels) {
      if (!detail.dotNames) continue;
      ctx.font = `${COMPACT_VM_LABEL_UNITS}px ${FONT_FAMILY}`;
      ctx.textAlign = 'center';
      ctx.fillText(node.label, sprite.x, sprite.y + radiusOfNode(node) + COMPACT_VM_LABEL_UNITS / 2 + 0.5, 16);
      ctx.textAlign = 'start';
      vmNames++;
      continue;
    }
    const isLandmark = LANDMARK_KINDS.has(node.kind);
    if (!detail.labels && !isLandmark) continue;
    if (node.kind === 'vm') vmNames++;
    const size = isLandmark ? Math.max(LABEL_UNITS, MIN_LANDMARK_SCREEN_PX / k) : LABEL_UNITS;
    ctx.font = `${isLandmark ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
    captionLines(node).forEach((line, i) => {
      ctx.fillText(line, sprite.x + Math.max(10, radiusOfNode(node) + 2 / k), sprite.y + i * CAPTION_LINE_HEIGHT);
    });
  }
  return vmNames;
}

/** The refused-command mark, up and left of the node's circle as the SVG draws it. */
function drawRefusalMark(ctx: CanvasRenderingContext2D, sprite: Sprite): void {
  ctx.font = `bold 12px ${FONT_FAMILY}`;
  ctx.fillStyle = REFUSAL_COLOR;
  ctx.fillText(REFUSAL_MARK, sprite.x - 11, sprite.y - 8);
  ctx.fillStyle = '#1d2330';
}

/** Each tunnel's state or failure reason under its site's caption, in the tunnel's colour. */
function drawTunnelLabels(ctx: CanvasRenderingContext2D, links: readonly GraphLink[], sprites: ReadonlyMap<string, Sprite>): void {
  ctx.font = `bold ${LABEL_UNITS}px ${FONT_FAMILY}`;
  for (const link of links) {
    const site = sprites.get(link.target);
    if (link.label === '' || link.condition === null || site === undefined) continue;
    ctx.fillStyle = TUNNEL_STYLES[link.condition].color;
    ctx.fillText(link.label, site.x + 10, site.y + CAPTION_LINE_HEIGHT);
  }
}

/**
 * Draws nodes grouped by fill and outline, one path per group: a few dozen fill and stroke calls per frame instead of
 * two per node, which software rendering pays for each. Nodes still fading in go one by one.
 */
function drawNodes(ctx: CanvasRenderingContext2D, sprites: readonly Sprite[], highlight: Highlight, minRadius: number): void {
  const groups = new Map<string, { fill: string; stroke: string | null; lineWidth: number; path: Path2D }>();
  for (const sprite of sprites) {
    const node = sprite.node;
    const fill = colorOfNode(node);
    const emphasis = highlight.pathNodes.has(node.id) ? REACH_PATH_COLOR : highlight.blockers.has(node.id) ? BLOCKER_COLOR
      : highlight.lost.has(node.id) ? FLOW_LOST_COLOR : highlight.gained.has(node.id) ? FLOW_GAINED_COLOR
      : highlight.selected.has(node.id) ? '#000' : null;
    const stroke = emphasis ?? (node.group === null ? null : serviceColor(node.group));
    const lineWidth = emphasis === null ? 1.5 : 3;
    const radius = Math.max(radiusOfNode(node), minRadius);
    if (sprite.alpha < 1) {
      ctx.globalAlpha = sprite.alpha;
      const path = new Path2D();
      path.arc(sprite.x, sprite.y, radius, 0, 2 * Math.PI);
      paint(ctx, { fill, stroke, lineWidth, path });
      ctx.globalAlpha = 1;
      continue;
    }
    const key = `${fill}|${stroke}|${lineWidth}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, group = { fill, stroke, lineWidth, path: new Path2D() });
    group.path.moveTo(sprite.x + radius, sprite.y);
    group.path.arc(sprite.x, sprite.y, radius, 0, 2 * Math.PI);
  }
  for (const group of groups.values()) paint(ctx, group);
}

function paint(ctx: CanvasRenderingContext2D, shape: { fill: string; stroke: string | null; lineWidth: number; path: Path2D }): void {
  ctx.fillStyle = shape.fill;
  ctx.fill(shape.path);
  if (shape.stroke === null) return;
  ctx.lineWidth = shape.lineWidth;
  ctx.strokeStyle = shape.stroke;
  ctx.stroke(shape.path);
}
