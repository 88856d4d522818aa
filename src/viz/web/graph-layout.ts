import type { Graph, GraphNode, NodeKind } from '../graph-model.js';
import { compareNatural } from '../natural-order.js';
import { flowInRows, packInRows, packToAspect, type Size } from './block-packing.js';

/** A node's place on the drawing, in layout units (zoom scales them). */
export interface Point {
  x: number;
  y: number;
}

/** A container drawn as a box (region, affinity group, VNet, subnet, a service holding VMs outside any VNet). */
export interface Box extends Point, Size {
  id: string;
  kind: NodeKind;
}

/** A shaded run of VM cells that belong to one cloud service: services are groupings of VMs, not only a node. */
export interface Tint extends Point, Size {
  group: string;
}

/** Positions by node id, the boxes and service tints around them, and the extent of the drawing. */
export interface Layout {
  key: string;
  positions: Map<string, Point>;
  /** Outermost first, so drawing in order paints inner boxes over outer ones. */
  boxes: Box[];
  tints: Tint[];
  /** Whether VM names fit beside their dots; above LABELLED_VM_LIMIT VMs sit in a compact grid and show names when zoomed in. */
  hasVmLabels: boolean;
  width: number;
  height: number;
}

/** Up to this many VMs each gets a cell wide enough for its name; more are packed as dots (1,840 named cells fitted to a screen are unreadable anyway). */
export const LABELLED_VM_LIMIT = 150;
/** Shape the top level aims for when the caller does not say (the topology panel is about 1.5 times wider than tall). */
const DEFAULT_ASPECT = 1.5;
/** Shape boxes aim for inside a container. */
const INNER_ASPECT = 1.6;
const HEADER_HEIGHT = 22;
const PADDING = 8;
const GAP = 12;
/** Width of a 10 px Liberation Sans character, on average: enough to size captions without measuring text. */
const CHAR_WIDTH = 6;
/** From a header's or chip's left edge to its circle's centre. */
const ANCHOR_X = 12;
/** From a circle's centre to the start of its caption, where both renderers draw it. */
const CAPTION_OFFSET = 10;
const NAMED_VM_CELL = { width: 0, height: 18 };
const COMPACT_VM_CELL = { width: 16, height: 16 };
/** A labelled VM list wraps into a new column after this many rows. */
const NAMED_VM_ROWS = 8;

/** Drawing order inside a container: structure first, then services, then sites. */
const KIND_ORDER: Record<NodeKind, number> = {
  region: 0, affinityGroup: 1, vnet: 2, subnet: 3, gateway: 4, service: 5, site: 6, vm: 7, relay: 4, endpointGroup: 5, endpoint: 7,
};
const CONTAINER_KINDS = new Set<NodeKind>(['region', 'affinityGroup', 'vnet', 'subnet', 'endpointGroup']);

/** A string that changes exactly when the tree's shape changes, so state-only updates keep the layout. */
export function structureKey(graph: Graph): string {
  return graph.nodes.map((n) => `${n.id}<${n.parent ?? ''}`).join('|');
}

/**
 * The text beside a node, one string per line: the label, then its facts (a VNet's or subnet's prefixes, which a
 * network engineer reads first; a site's prefixes and device; a gateway's type and SKU, then its state and VIP).
 */
export function captionLines(node: GraphNode): string[] {
  return (node.facts === '' ? node.label : `${node.label}  ${node.facts}`).split('\n');
}

/** Height of a caption's second and later lines, in layout units. */
export const CAPTION_LINE_HEIGHT = 12;
/**
 * Characters kept free for captions that grow without the tree changing shape (the layout is redone only then): a
 * gateway's "Deprovisioning · VIP 255.255.255.255", a site's " · device down" and the tunnel's reason under it
 * ("✗ AUTHENTICATION_FAILED").
 */
const GATEWAY_STATE_LINE_CHARS = 36;
const SITE_DEVICE_CHARS = 14;
const TUNNEL_LABEL_CHARS = 26;

/** A sized block of the drawing that writes its boxes, tints and positions once told where its top-left corner is. */
interface Block extends Size {
  place(x: number, y: number): void;
}

/**
 * Lays the containment tree out as nested boxes: regions hold affinity groups, which hold VNets, which hold subnets,
 * which hold their VMs in a grid tinted by cloud service. Each VNet's gateway sits on its box's right edge with the
 * sites it tunnels to beside it. Boxes pack into rows shaped towards `aspect` (the panel's width / height), so a
 * 2,000-node world fills the panel instead of a 30-px strip. One pass, no force simulation; same graph and aspect,
 * same layout.
 */
export function layOutGraph(graph: Graph, aspect = DEFAULT_ASPECT): Layout {
  const layout: Layout = {
    key: structureKey(graph), positions: new Map(), boxes: [], tints: [],
    hasVmLabels: graph.nodes.filter((n) => n.kind === 'vm').length <= LABELLED_VM_LIMIT, width: 0, height: 0,
  };
  const children = new Map<string | null, GraphNode[]>();
  for (const node of graph.nodes) {
    const list = children.get(node.parent) ?? [];
    list.push(node);
    children.set(node.parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareNatural(a.id, b.id));
  const childrenOf = (id: string | null): GraphNode[] => children.get(id) ?? [];

  const chip = (node: GraphNode): Block => {
    // A site's chip has a second line for its tunnel's state or failure reason, drawn by the renderers under its caption.
    const isSite = node.kind === 'site';
    const width = isSite
      ? Math.max(measureHeader(node) + (node.facts.includes('device') ? 0 : CHAR_WIDTH * SITE_DEVICE_CHARS), ANCHOR_X + CAPTION_OFFSET + CHAR_WIDTH * TUNNEL_LABEL_CHARS)
      : measureHeader(node);
    return {
      width, height: HEADER_HEIGHT + (isSite ? CAPTION_LINE_HEIGHT : 0),
      place: (x, y) => {
        layout.positions.set(node.id, { x: x + ANCHOR_X, y: y + HEADER_HEIGHT / 2 });
        // A service's chip wears its tint, so it reads as the key to the bands behind its VMs.
        if (node.kind === 'service') layout.tints.push({ group: node.label, x, y, width, height: HEADER_HEIGHT });
      },
    };
  };

  const vmGrid = (vms: readonly GraphNode[]): Block => {
    const cell = layout.hasVmLabels
      ? { ...NAMED_VM_CELL, width: ANCHOR_X + CAPTION_OFFSET + CHAR_WIDTH * Math.max(...vms.map((vm) => vm.label.length)) + 4 }
      : COMPACT_VM_CELL;
    const columns = layout.hasVmLabels ? Math.ceil(vms.length / NAMED_VM_ROWS)
      : Math.max(1, Math.round(Math.sqrt(vms.length * INNER_ASPECT * cell.height / cell.width)));
    const rows = Math.ceil(vms.length / columns);
    return {
      width: vms.length === 0 ? 0 : columns * cell.width,
      height: rows * cell.height,
      place: (x, y) => {
        // Named VMs fill columns top to bottom (a list); dots fill rows, so a service's VMs form a band.
        const cellAt = (i: number): Point => layout.hasVmLabels
          ? { x: x + Math.floor(i / rows) * cell.width, y: y + (i % rows) * cell.height }
          : { x: x + (i % columns) * cell.width, y: y + Math.floor(i / columns) * cell.height };
        const cells = vms.map((vm, i) => {
          const at = cellAt(i);
          const centre = layout.hasVmLabels ? cell.height / 2 : cell.width / 2;
          layout.positions.set(vm.id, { x: at.x + centre, y: at.y + cell.height / 2 });
          return { group: vm.group ?? vm.id, ...at, ...cell };
        });
        layout.tints.push(...mergeTints(cells));
      },
    };
  };

  const container = (node: GraphNode): Block => {
    const kids = childrenOf(node.id);
    const gateway = kids.find((k) => k.kind === 'gateway');
    const vms = kids.filter((k) => k.kind === 'vm');
    const others = kids.filter((k) => k !== gateway && k.kind !== 'vm');
    const boxes = others.filter((k) => isContainer(k, childrenOf)).map(container);
    const chips = others.filter((k) => !isContainer(k, childrenOf)).map(chip);
    const boxPacking = packToAspect(boxes, INNER_ASPECT, GAP);
    const grid = vmGrid(vms);
    const headerWidth = measureHeader(node);
    const chipPacking = flowInRows(chips, Math.max(boxPacking.width, grid.width, headerWidth, 240), GAP);
    const parts = [boxPacking, chipPacking, grid].filter((p) => p.height > 0);
    const contentWidth = Math.max(headerWidth, ...parts.map((p) => p.width));
    const contentHeight = parts.reduce((sum, p) => sum + p.height, 0) + GAP * Math.max(0, parts.length - 1);
    const box = { width: contentWidth + 2 * PADDING, height: HEADER_HEIGHT + contentHeight + (parts.length > 0 ? PADDING : 0) };
    const sites = gateway === undefined ? [] : childrenOf(gateway.id).map(chip);
    // The sites start below the gateway's two-line caption.
    const sitesTop = HEADER_HEIGHT + GAP + CAPTION_LINE_HEIGHT;
    const siteColumn = packInRows(sites, 1, 4);
    // Room right of the box for the gateway's caption, or for the column of sites when that is wider.
    const gatewayCaption = gateway === undefined ? 0 : CAPTION_OFFSET + CHAR_WIDTH * Math.max(GATEWAY_STATE_LINE_CHARS, ...captionLines(gateway).map((l) => l.length)) + 4;
    const gatewayRoom = gateway === undefined ? 0 : Math.max(gatewayCaption, sites.length > 0 ? 2 * GAP + siteColumn.width : 0);
    return {
      width: box.width + gatewayRoom,
      height: Math.max(box.height, sites.length > 0 ? sitesTop + siteColumn.height : 0),
      place: (x, y) => {
        layout.boxes.push({ id: node.id, kind: node.kind, x, y, ...box });
        layout.positions.set(node.id, { x: x + ANCHOR_X, y: y + HEADER_HEIGHT / 2 });
        // The gateway is the VNet's edge towards the internet: on the box's right border, its sites just outside.
        if (gateway !== undefined) layout.positions.set(gateway.id, { x: x + box.width, y: y + HEADER_HEIGHT / 2 });
        sites.forEach((site, i) => site.place(x + box.width + 2 * GAP, y + sitesTop + siteColumn.offsets[i]!.y));
        let top = y + HEADER_HEIGHT;
        const at = (packing: Size, draw: (left: number, top: number) => void): void => {
          if (packing.height === 0) return;
          draw(x + PADDING, top);
          top += packing.height + GAP;
        };
        at(boxPacking, (left, t) => boxes.forEach((b, i) => b.place(left + boxPacking.offsets[i]!.x, t + boxPacking.offsets[i]!.y)));
        at(chipPacking, (left, t) => chips.forEach((b, i) => b.place(left + chipPacking.offsets[i]!.x, t + chipPacking.offsets[i]!.y)));
        at(grid, (left, t) => grid.place(left, t));
      },
    };
  };

  const roots = childrenOf(null);
  const rootBoxes = roots.filter((n) => isContainer(n, childrenOf)).map(container);
  const rootChips = roots.filter((n) => !isContainer(n, childrenOf)).map(chip);
  const top = packToAspect(rootBoxes, aspect, 2 * GAP);
  top.offsets.forEach((offset, i) => rootBoxes[i]!.place(offset.x, offset.y));
  const below = top.height === 0 ? 0 : top.height + 2 * GAP;
  const loose = flowInRows(rootChips, Math.max(top.width, 400), GAP);
  loose.offsets.forEach((offset, i) => rootChips[i]!.place(offset.x, below + offset.y));
  layout.width = Math.max(top.width, loose.width, ...layout.boxes.map((b) => b.x + b.width));
  layout.height = loose.height === 0 ? top.height : below + loose.height;
  return layout;
}

/** Width of a chip, or of a box's header: the circle, then the caption. */
function measureHeader(node: GraphNode): number {
  return ANCHOR_X + CAPTION_OFFSET + CHAR_WIDTH * Math.max(...captionLines(node).map((l) => l.length)) + PADDING;
}

/** Structure is boxed even when empty (an empty GatewaySubnet still reads as a subnet); anything else only when it holds nodes. */
function isContainer(node: GraphNode, childrenOf: (id: string) => GraphNode[]): boolean {
  return CONTAINER_KINDS.has(node.kind) || (node.kind !== 'gateway' && childrenOf(node.id).length > 0);
}

/**
 * Merges VM cells into one tint per run of a service: cells side by side in a row join, then a run joins the run of
 * the same service and width right above it, so a service filling whole rows of a subnet is one rectangle.
 */
function mergeTints(cells: readonly Tint[]): Tint[] {
  const runs: Tint[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.group === cell.group && last.y === cell.y && last.x + last.width === cell.x) last.width += cell.width;
    else runs.push({ ...cell });
  }
  const merged: Tint[] = [];
  for (const run of runs) {
    const above = merged.find((t) => t.group === run.group && t.x === run.x && t.width === run.width && t.y + t.height === run.y);
    if (above !== undefined) above.height += run.height;
    else merged.push(run);
  }
  return merged;
}
