import { hierarchy, tree } from 'd3';
import type { Graph } from '../graph-model.js';

/** A node's place on the drawing, in layout units (zoom scales them). */
export interface Point {
  x: number;
  y: number;
}

/** Vertical distance between sibling leaves and horizontal distance between tree levels. */
const ROW_GAP = 16;
const LEVEL_GAP = 150;

interface TreeDatum {
  id: string;
  children: TreeDatum[];
}

/** Positions by node id, with the extent of the drawing. */
export interface Layout {
  key: string;
  positions: Map<string, Point>;
  width: number;
  height: number;
}

/** A string that changes exactly when the tree's shape changes, so state-only updates keep the layout. */
export function structureKey(graph: Graph): string {
  return graph.nodes.map((n) => `${n.id}<${n.parent ?? ''}`).join('|');
}

/**
 * Lays the containment tree out left to right (regions, affinity groups, VNets, subnets, VMs; sites beyond their
 * gateway) with d3's tidy tree. A tree layout settles in one pass — no force simulation ticking every frame.
 */
export function layOutGraph(graph: Graph): Layout {
  const key = structureKey(graph);
  const byId = new Map<string, TreeDatum>();
  const roots: TreeDatum[] = [];
  for (const node of graph.nodes) byId.set(node.id, { id: node.id, children: [] });
  for (const node of graph.nodes) {
    const datum = byId.get(node.id)!;
    const parent = node.parent === null ? undefined : byId.get(node.parent);
    if (parent === undefined) roots.push(datum);
    else parent.children.push(datum);
  }
  const laid = tree<TreeDatum>().nodeSize([ROW_GAP, LEVEL_GAP])(hierarchy<TreeDatum>({ id: '', children: roots }));
  const positions = new Map<string, Point>();
  // d3's tree grows downwards (x across, y down); swapping the axes makes it grow left to right.
  let top = Infinity;
  let bottom = -Infinity;
  let right = 0;
  laid.each((n) => {
    if (n.depth === 0) return;
    const point = { x: (n.depth - 1) * LEVEL_GAP, y: n.x };
    positions.set(n.data.id, point);
    top = Math.min(top, point.y);
    bottom = Math.max(bottom, point.y);
    right = Math.max(right, point.x);
  });
  if (positions.size === 0) return { key, positions, width: 0, height: 0 };
  for (const point of positions.values()) point.y -= top;
  return { key, positions, width: right, height: bottom - top };
}
