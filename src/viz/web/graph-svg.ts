import { scaleOrdinal, select, type EnterElement, type Selection } from 'd3';
import type { Graph, GraphLink, GraphNode } from '../graph-model.js';
import { BOX_FILLS, colorOfNode, radiusOfNode, REFUSAL_MARK, SERVICE_PALETTE, strokeOfLink, TINT_OPACITY, TUNNEL_STYLES } from './colors.js';
import { CAPTION_LINE_HEIGHT, captionLines, type Box, type Layout, type Point, type Tint } from './graph-layout.js';
import { isLinkOnPath, type Highlight } from './highlight.js';
import { COMPACT_VM_LABEL_UNITS, labelDetailAt } from './label-detail.js';

/** Duration of position and fade-in transitions when events change the graph. */
const TRANSITION_MS = 400;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Outline colour per cloud service: VMs of one service share it, across subnets. */
export const serviceColor = scaleOrdinal<string, string>(SERVICE_PALETTE);

/** Links are straight: inside nested boxes a curve from a header to a cell reads no better and costs more to draw. */
const linkPath = ({ source, target }: { source: Point; target: Point }): string => `M${source.x},${source.y}L${target.x},${target.y}`;

/** Creates an empty topology SVG: a viewport group (zoomed as a whole) holding boxes, service tints, links, then nodes. */
export function createGraphSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('id', 'topo-svg');
  svg.setAttribute('xmlns', SVG_NS);
  const viewport = select(svg).append('g').attr('class', 'viewport');
  viewport.append('g').attr('class', 'boxes');
  viewport.append('g').attr('class', 'tints');
  viewport.append('g').attr('class', 'links');
  viewport.append('g').attr('class', 'nodes');
  viewport.append('g').attr('class', 'tunnel-labels');
  return svg;
}

/**
 * Shows the captions readable at zoom scale `k` (label-detail.ts) by two classes on the SVG: one class change per
 * zoom step, the stylesheet hides the rest, so zooming never rewrites text.
 */
export function setSvgLabelDetail(svg: SVGSVGElement, k: number): void {
  const detail = labelDetailAt(k);
  svg.classList.toggle('hide-labels', !detail.labels);
  svg.classList.toggle('show-dot-names', detail.dotNames);
}

/**
 * Draws the graph into an SVG made by createGraphSvg with keyed joins: nodes keep their element across updates, so a
 * state change recolours in place, a new node fades in from its parent, and a moved node slides.
 */
export function drawGraphSvg(svg: SVGSVGElement, graph: Graph, layout: Layout, highlight: Highlight, animate: boolean): void {
  const root = select(svg);
  const at = (id: string): Point => layout.positions.get(id) ?? { x: 0, y: 0 };

  drawBoxes(root, layout);
  // Containment is shown by the boxes; lines are drawn only for tunnels and a traced path.
  const drawnLinks = graph.links.filter((l) => l.kind !== 'contains' || isLinkOnPath(highlight, l));
  const links = root.select<SVGGElement>('g.links').selectAll<SVGPathElement, GraphLink>('path')
    .data(drawnLinks, (l) => l.id)
    .join((enter) => enter.append('path').attr('opacity', 0).attr('d', (l) => linkPath({ source: at(l.source), target: at(l.source) })));
  const changedLinks = links.filter(function (l) { return hasChanged(drawnContents, this, `${l.kind}|${l.condition}|${l.detail}|${isLinkOnPath(highlight, l)}`); })
    .attr('class', (l) => `link ${l.kind}${isLinkOnPath(highlight, l) ? ' on-path' : ''}`)
    .attr('data-id', (l) => l.id)
    .attr('data-state', (l) => l.state ?? '')
    .attr('data-condition', (l) => l.condition ?? '')
    // Styles, not attributes: the stylesheet's grey `.link` stroke would override presentation attributes.
    .each(function (l) {
      const style = isLinkOnPath(highlight, l) ? undefined : strokeOfLink(l);
      this.style.stroke = style?.color ?? '';
      this.style.strokeWidth = style === undefined ? '' : String(style.width);
      this.style.strokeDasharray = style === undefined ? '' : style.dash.join(' ');
    });
  changedLinks.selectAll('title').data((l) => (l.detail === '' ? [] : [l.detail])).join('title').text((d) => d);
  drawTunnelLabels(root, graph, at);
  const linkEnd = (l: GraphLink): string => linkPath({ source: at(l.source), target: at(l.target) });
  if (animate) links.filter(function (l) { return hasChanged(drawnTargets, this, linkEnd(l)); }).transition().duration(TRANSITION_MS).attr('opacity', 1).attr('d', linkEnd);
  else links.interrupt().attr('opacity', 1).attr('d', linkEnd).each(function (l) { drawnTargets.set(this, linkEnd(l)); });

  const nodes = root.select<SVGGElement>('g.nodes').selectAll<SVGGElement, GraphNode>('g.node')
    .data(graph.nodes, (n) => n.id)
    .join((enter) => enterNodes(enter, at));
  // Attributes and text are rewritten only where they differ: rewriting every label and title re-laid out the whole
  // drawing on each batch of events.
  // Dots of the compact VM grid carry their name small and centred under them; the stylesheet shows it when zoomed in.
  const isDot = (n: GraphNode): boolean => n.kind === 'vm' && !layout.hasVmLabels;
  const changed = nodes.filter(function (n) { return hasChanged(drawnContents, this, `${nodeClass(n, highlight, isDot(n))}|${n.state}|${n.label}|${n.facts}|${n.detail}|${n.group}`); })
    .attr('class', (n) => nodeClass(n, highlight, isDot(n)))
    .attr('data-id', (n) => n.id)
    .attr('data-kind', (n) => n.kind)
    .attr('data-state', (n) => n.state ?? '')
    .attr('data-refused', (n) => n.refusal?.code ?? null);
  changed.select('title').text((n) => `${n.id}\n${n.detail}${n.state === null ? '' : `\nstate: ${n.state}`}`);
  changed.select('text.caption').each(function (n) { writeCaption(this as SVGTextElement, n, isDot(n)); });
  changed.select('text.badge').text((n) => (n.refusal === null ? '' : REFUSAL_MARK));
  changed.select('circle')
    .attr('r', radiusOfNode)
    .attr('stroke', (n) => (n.group === null ? '#fff' : serviceColor(n.group)));
  // Colours change at once, never through a transition: at thousands of events a second every VM would always be
  // mid-transition, and the page spent its frames interpolating fills (measured: 9 fps at 512 nodes).
  nodes.select<SVGCircleElement>('circle').filter(function (n) { return hasChanged(drawnTargets, this, colorOfNode(n)); }).attr('fill', colorOfNode);
  const place = (n: GraphNode): string => `translate(${at(n.id).x},${at(n.id).y})`;
  // Without animation the final attributes are set at once: an export serialises the SVG right after drawing.
  // Only what moved gets a transition: re-transitioning every element on each batch of events cost 6 fps at 500
  // nodes; a transition still running towards an unchanged target is left to finish.
  if (animate) {
    nodes.filter(function (n) { return hasChanged(drawnTargets, this, place(n)); }).transition().duration(TRANSITION_MS).attr('opacity', 1).attr('transform', place);
  } else {
    nodes.interrupt().attr('opacity', 1).attr('transform', place).each(function (n) { drawnTargets.set(this, place(n)); });
  }
}

/** Draws the layout's boxes and service tints; they change only with the layout, so unchanged ones are left alone. */
function drawBoxes(root: Selection<SVGSVGElement, unknown, null, undefined>, layout: Layout): void {
  const place = (b: Box | Tint): string => `${b.x},${b.y},${b.width},${b.height}`;
  root.select<SVGGElement>('g.boxes').selectAll<SVGRectElement, Box>('rect').data(layout.boxes, (b) => b.id)
    .join((enter) => enter.append('rect').attr('class', (b) => `box ${b.kind}`).attr('data-id', (b) => b.id).attr('fill', (b) => BOX_FILLS[b.kind] ?? '#fff'))
    .filter(function (b) { return hasChanged(drawnTargets, this, place(b)); })
    .attr('x', (b) => b.x).attr('y', (b) => b.y).attr('width', (b) => b.width).attr('height', (b) => b.height);
  root.select<SVGGElement>('g.tints').selectAll<SVGRectElement, Tint>('rect').data(layout.tints, (t) => `${t.group}@${place(t)}`)
    .join((enter) => enter.append('rect').attr('class', 'tint').attr('fill-opacity', TINT_OPACITY)
      .attr('data-service', (t) => t.group).attr('fill', (t) => serviceColor(t.group))
      .attr('x', (t) => t.x).attr('y', (t) => t.y).attr('width', (t) => t.width).attr('height', (t) => t.height));
}

/** The last target each element was sent to (a path, a fill, a transform), so unchanged elements are left alone. */
const drawnTargets = new WeakMap<Element, string>();
/** What each node or link element shows (classes, state, texts), as a key. */
const drawnContents = new WeakMap<Element, string>();

/** Records `key` for `element` in `drawn` and says whether it differs from the one recorded before. */
function hasChanged(drawn: WeakMap<Element, string>, element: Element, key: string): boolean {
  if (drawn.get(element) === key) return false;
  drawn.set(element, key);
  return true;
}

function enterNodes(enter: Selection<EnterElement, GraphNode, SVGGElement, unknown>, at: (id: string) => Point): Selection<SVGGElement, GraphNode, SVGGElement, unknown> {
  const g = enter.append('g').attr('opacity', 0)
    .attr('transform', (n) => {
      const from = at(n.parent ?? n.id);
      return `translate(${from.x},${from.y})`;
    });
  g.append('circle');
  g.append('text').attr('class', 'caption');
  g.append('text').attr('class', 'badge').attr('x', -11).attr('y', -5);
  g.append('title');
  return g;
}

/** Writes a caption, one tspan per line; a dot's name goes small and centred under it. */
function writeCaption(text: SVGTextElement, node: GraphNode, isDot: boolean): void {
  const lines = isDot ? [node.label] : captionLines(node);
  const caption = select(text)
    .attr('x', isDot ? 0 : 10)
    .attr('y', isDot ? radiusOfNode(node) + COMPACT_VM_LABEL_UNITS / 2 + 0.5 : 0)
    .attr('dy', '0.32em');
  caption.selectAll('tspan').data(lines).join('tspan')
    .attr('x', isDot ? 0 : 10)
    .attr('dy', (_line, i) => (i === 0 ? null : CAPTION_LINE_HEIGHT))
    .text((line) => line);
}

/** Writes each tunnel's state or failure reason under its site's caption, in the tunnel's colour. */
function drawTunnelLabels(root: Selection<SVGSVGElement, unknown, null, undefined>, graph: Graph, at: (id: string) => Point): void {
  root.select<SVGGElement>('g.tunnel-labels').selectAll<SVGTextElement, GraphLink>('text')
    .data(graph.links.filter((l) => l.label !== ''), (l) => l.id)
    .join((enter) => enter.append('text').attr('class', 'tunnel-label').call((t) => t.append('title')))
    .attr('data-id', (l) => l.id)
    .attr('x', (l) => at(l.target).x + 10)
    .attr('y', (l) => at(l.target).y + CAPTION_LINE_HEIGHT)
    .attr('dy', '0.32em')
    .style('fill', (l) => (l.condition === null ? null : TUNNEL_STYLES[l.condition].color))
    .each(function (l) {
      select(this).selectAll('tspan').data([l.label]).join('tspan').text((d) => d);
      select(this).select('title').text(l.detail);
    });
}

function nodeClass(node: GraphNode, highlight: Highlight, isDot: boolean): string {
  const classes = ['node', node.kind];
  if (isDot) classes.push('dot');
  if (node.refusal !== null) classes.push('refused');
  if (highlight.selected.has(node.id)) classes.push('selected');
  if (highlight.pathNodes.has(node.id)) classes.push('on-path');
  if (highlight.blockers.has(node.id)) classes.push('blocker');
  if (highlight.gained.has(node.id)) classes.push('diff-gained');
  if (highlight.lost.has(node.id)) classes.push('diff-lost');
  return classes.join(' ');
}
