import { describe, expect, it } from 'vitest';
import { applyEvents, buildGraph, createView, type Graph } from '../../src/viz/index.js';
import { LABELLED_VM_LIMIT, layOutGraph, type Box, type Layout, type Point } from '../../src/viz/web/graph-layout.js';
import { hubEvents, largeWorldEvents } from './fixtures.js';

const hub = buildGraph(applyEvents(createView(), hubEvents()));
const large = buildGraph(applyEvents(createView(), largeWorldEvents(16, 5, 23, 0)));

function boxOf(layout: Layout, id: string): Box {
  const box = layout.boxes.find((b) => b.id === id);
  if (box === undefined) throw new Error(`no box ${id}`);
  return box;
}

function isInside(point: Point, box: Box): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

function encloses(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

describe('layOutGraph', () => {
  it.each([[1.5], [1], [2.2]])('shapes the 2,000-node world like the panel (aspect %d), not a strip', (aspect) => {
    const layout = layOutGraph(large, aspect);
    const shape = layout.width / layout.height;
    expect(shape).toBeGreaterThan(aspect / 1.6);
    expect(shape).toBeLessThan(aspect * 1.6);
  });

  it.each([['hub', hub], ['2,000-node world', large]] as [string, Graph][])('places every node of the %s inside the box of its container', (_name, graph) => {
    const layout = layOutGraph(graph);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const node of graph.nodes) {
      expect(layout.positions.has(node.id)).toBe(true);
      if (node.kind === 'site' || node.kind === 'gateway' || node.parent === null) continue;
      const parent = boxOf(layout, node.parent);
      expect(isInside(layout.positions.get(node.id)!, parent)).toBe(true);
      const own = layout.boxes.find((b) => b.id === node.id);
      if (own !== undefined) expect(encloses(parent, own)).toBe(true);
      expect(byId.has(node.parent)).toBe(true);
    }
  });

  it('gives no two nodes the same place', () => {
    const layout = layOutGraph(large);
    const places = new Set([...layout.positions.values()].map((p) => `${p.x},${p.y}`));
    expect(places.size).toBe(large.nodes.length);
  });

  it('puts a gateway on its VNet box’s right edge and its sites just beyond it', () => {
    const layout = layOutGraph(hub);
    const vnet = boxOf(layout, 'vnet:HubVNet');
    const gateway = layout.positions.get('gateway:HubVNet')!;
    const site = layout.positions.get('site:OnPrem')!;
    expect(gateway.x).toBe(vnet.x + vnet.width);
    expect(site.x).toBeGreaterThan(gateway.x);
    expect(site.x - gateway.x).toBeLessThan(60);
  });

  it('tints a cloud service’s VMs (and its chip) as one band per run, so services read as groupings', () => {
    const layout = layOutGraph(hub);
    const web = layout.tints.filter((t) => t.group === 'web');
    // The chip, then web1 and web2 stacked in FrontEnd as one rectangle.
    expect(web).toHaveLength(2);
    const band = web.find((t) => isInside(layout.positions.get('vm:web/web1')!, { ...t, id: '', kind: 'vm' }))!;
    expect(isInside(layout.positions.get('vm:web/web2')!, { ...band, id: '', kind: 'vm' })).toBe(true);
    expect(layout.tints.filter((t) => t.group === 'db')).toHaveLength(2);
  });

  it('names VMs beside their dots in small worlds and packs them as a compact grid in large ones', () => {
    expect(layOutGraph(hub).hasVmLabels).toBe(true);
    expect(large.nodes.filter((n) => n.kind === 'vm').length).toBeGreaterThan(LABELLED_VM_LIMIT);
    expect(layOutGraph(large).hasVmLabels).toBe(false);
  });

  it('lays the same graph out the same way every time', () => {
    expect(layOutGraph(large, 1.4)).toEqual(layOutGraph(structuredClone(large), 1.4));
  });
});
