import { describe, expect, it } from 'vitest';
import { applyEvent, applyEvents, buildGraph, createView, type VizEvent } from '../../src/viz/index.js';
import { HUB_NODE_COUNT, hubEvents, largeWorldEvents } from './fixtures.js';

const hub = applyEvents(createView(), hubEvents());

describe('buildGraph', () => {
  const graph = buildGraph(hub);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));

  it('orders VMs naturally (vm4 before vm12), not as text', () => {
    const vms = buildGraph(applyEvents(createView(), largeWorldEvents(1, 1, 13, 0))).nodes.filter((n) => n.kind === 'vm');
    expect(vms.map((n) => n.label)).toEqual(Array.from({ length: 13 }, (_, m) => `vm${m}`));
  });

  it('has one node per region, group, VNet, subnet, gateway, site, service and VM', () => {
    expect(graph.nodes).toHaveLength(HUB_NODE_COUNT);
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual([
      'affinityGroup', 'gateway', 'region', 'service', 'service', 'site', 'subnet', 'subnet', 'subnet', 'vm', 'vm', 'vm', 'vnet',
    ]);
  });

  it.each([
    ['affinityGroup:HubAG', 'region:West US'],
    ['vnet:HubVNet', 'affinityGroup:HubAG'],
    ['subnet:HubVNet/FrontEnd', 'vnet:HubVNet'],
    ['vm:web/web1', 'subnet:HubVNet/FrontEnd'],
    ['vm:db/sql1', 'subnet:HubVNet/BackEnd'],
    ['gateway:HubVNet', 'vnet:HubVNet'],
    ['site:OnPrem', 'gateway:HubVNet'],
    ['service:web', 'affinityGroup:HubAG'],
    ['region:West US', null],
  ])('places %s under %s', (id, parent) => {
    expect(byId.get(id)?.parent).toBe(parent);
  });

  it('groups VMs by cloud service and colours them by state', () => {
    expect(byId.get('vm:web/web2')).toMatchObject({ group: 'web', state: 'ReadyRole' });
    expect(byId.get('vm:db/sql1')?.detail).toContain('10.1.2.10 (static)');
  });

  it('draws the tunnel from the gateway to the site with its connection state, not as a containment edge', () => {
    expect(graph.links.filter((l) => l.kind === 'tunnel')).toEqual([{
      id: 'tunnel:HubVNet/OnPrem', kind: 'tunnel', source: 'gateway:HubVNet', target: 'site:OnPrem', state: 'Connected', condition: 'connected',
      label: '✓ Connected', detail: 'tunnel HubVNet ↔ OnPrem: Connected since 00:22:03\ntunnel up\nlast connected 00:22:03',
    }]);
    expect(graph.links.some((l) => l.kind === 'contains' && l.target === 'site:OnPrem')).toBe(false);
    expect(graph.links.filter((l) => l.kind === 'contains')).toHaveLength(HUB_NODE_COUNT - 2);
  });

  it('keeps a VM outside any VNet under its cloud service', () => {
    const view = applyEvent(hub, { seq: 100, time: 0, type: 'vm.created', service: 'web', vm: 'loose' } as VizEvent);
    expect(buildGraph(view).nodes.find((n) => n.id === 'vm:web/loose')?.parent).toBe('service:web');
  });

  it('leaves a site with no tunnel at the top level', () => {
    const events = hubEvents().filter((e) => e.type !== 'connection.stateChanged');
    const site = buildGraph(applyEvents(createView(), events)).nodes.find((n) => n.id === 'site:OnPrem');
    expect(site?.parent).toBeNull();
  });

  it('lists nodes and links in id order so keyed joins are stable', () => {
    const ids = graph.nodes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort());
    expect(buildGraph(hub)).toEqual(graph);
  });
});
