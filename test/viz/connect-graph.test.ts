import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../src/scenario/index.js';
import type { SimEvent } from '../../src/sim/index.js';
import { applyEvents, buildGraph, createView, type Graph } from '../../src/viz/index.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Scenario 15: Connect set up between 10 and 35 min (2012-06-01); the move to a VNet on day 394 (2013-06-30). */
let connectEvents: readonly SimEvent[] = [];
let sharedKeyEvents: readonly SimEvent[] = [];
beforeAll(async () => {
  connectEvents = [...runScenario(await loadScenarioFile('scenarios/15-azure-connect-2012.yaml')).events];
  sharedKeyEvents = [...runScenario(await loadScenarioFile('scenarios/05-site-to-site-shared-key.yaml')).events];
});

function graphAt(events: readonly SimEvent[], timeMs: number): Graph {
  return buildGraph(applyEvents(createView(), events.filter((e) => e.time <= timeMs)));
}

const isConnectNode = (id: string): boolean => /^(relay|endpoint|endpointGroup):|^region:Azure Connect$/.test(id);

describe('Azure Connect in the graph', () => {
  it('draws the relay, endpoints, groups and policy links apart from the networks on 2012-09-01 (day 92)', () => {
    const graph = graphAt(connectEvents, 92 * DAY_MS);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('region:Azure Connect')?.parent).toBeNull();
    expect(graph.nodes.filter((n) => n.kind === 'relay').map((n) => [n.id, n.parent])).toEqual([['relay:Azure Connect', 'region:Azure Connect']]);
    expect(graph.nodes.filter((n) => n.kind === 'endpointGroup').map((n) => [n.id, n.parent])).toEqual([
      ['endpointGroup:Developers', 'region:Azure Connect'], ['endpointGroup:DomainControllers', 'region:Azure Connect'],
    ]);
    expect(graph.nodes.filter((n) => n.kind === 'endpoint').map((n) => [n.id, n.parent, n.state])).toEqual([
      ['endpoint:dc1', 'endpointGroup:DomainControllers', 'Connected'],
      ['endpoint:dev-laptop', 'endpointGroup:Developers', 'Connected'],
      ['endpoint:lnx1', 'region:Azure Connect', 'NotConnected'],
      ['endpoint:work/WorkerRole1', 'region:Azure Connect', 'Connected'],
    ]);
    expect(byId.get('endpoint:dev-laptop')?.facts).toMatch(/^Windows, [0-9a-f:]+$/);
    expect(graph.links.filter((l) => l.kind === 'relay').map((l) => [l.source, l.target])).toEqual([
      ['relay:Azure Connect', 'endpoint:dc1'], ['relay:Azure Connect', 'endpoint:dev-laptop'], ['relay:Azure Connect', 'endpoint:work/WorkerRole1'],
    ]);
    expect(graph.links.filter((l) => l.kind === 'policy').map((l) => [l.source, l.target])).toEqual([
      ['endpointGroup:Developers', 'endpointGroup:DomainControllers'],
      ['endpointGroup:Developers', 'endpoint:work/WorkerRole1'],
      ['endpointGroup:DomainControllers', 'endpoint:work/WorkerRole1'],
    ]);
    // Apart from the networks: no Connect node sits in a region, affinity group or VNet of the platform.
    const networkIds = new Set(graph.nodes.filter((n) => !isConnectNode(n.id)).map((n) => n.id));
    expect(graph.nodes.filter((n) => isConnectNode(n.id) && n.parent !== null && networkIds.has(n.parent))).toEqual([]);
  });

  it('greys an installed but not activated endpoint, outside any group, and says what blocks it', () => {
    const graph = graphAt(connectEvents, 25 * MINUTE_MS);
    const dc1 = graph.nodes.find((n) => n.id === 'endpoint:dc1')!;
    expect([dc1.state, dc1.parent, dc1.facts]).toEqual(['NotConnected', 'region:Azure Connect', 'Windows, not activated']);
    expect(dc1.detail).toMatch(/not activated/);
    expect(dc1.detail.split('\n').length).toBeGreaterThan(1);
    expect(graph.links.some((l) => l.target === 'endpoint:dc1' && l.kind === 'relay')).toBe(false);
    expect(graph.links.some((l) => l.target === 'endpoint:dev-laptop' && l.kind === 'relay')).toBe(true);
  });

  it('greys a Linux machine the agent was refused on, with the refusal as its blocker and no relay link', () => {
    const graph = graphAt(connectEvents, 92 * DAY_MS);
    const lnx1 = graph.nodes.find((n) => n.id === 'endpoint:lnx1')!;
    expect(graph.links.filter((l) => l.kind !== 'contains' && (l.source === lnx1.id || l.target === lnx1.id))).toEqual([]);
    expect([lnx1.facts, lnx1.refusal?.code]).toEqual(['Linux, no agent', 'connect-agent-windows-only']);
    expect(lnx1.detail).toMatch(/runs on Windows only/);
  });

  it('draws nothing of Connect before its first event, nor in a world without Connect', () => {
    for (const graph of [graphAt(connectEvents, 5 * MINUTE_MS), graphAt(sharedKeyEvents, Number.MAX_SAFE_INTEGER)]) {
      expect(graph.nodes.length).toBeGreaterThan(0);
      expect(graph.nodes.filter((n) => isConnectNode(n.id))).toEqual([]);
      expect(graph.links.filter((l) => l.kind === 'relay' || l.kind === 'policy')).toEqual([]);
    }
  });
});
