import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src/gateway/index.js';
import { loadScenarioFile, runScenario } from '../../src/scenario/index.js';
import { replayEvents, type SimEvent } from '../../src/sim/index.js';
import { applyEvents, buildGraph, createView, type Graph } from '../../src/viz/index.js';
import { tunnelCondition, tunnelLabel } from '../../src/viz/graph-status.js';

const MINUTE_MS = 60_000;

/** Scenario 05: the tunnel fails AUTHENTICATION_FAILED from 0:17 until the device gets the key at 0:40; a refused createGateway at 0:45. */
let sharedKeyEvents: readonly SimEvent[] = [];
beforeAll(async () => {
  sharedKeyEvents = [...runScenario(await loadScenarioFile('scenarios/05-site-to-site-shared-key.yaml')).events];
});

function graphAt(timeMs: number): Graph {
  return buildGraph(applyEvents(createView(), sharedKeyEvents.filter((e) => e.time <= timeMs)));
}

function connection(fields: Partial<ConnectionStatus>): ConnectionStatus {
  return {
    LocalNetworkSiteName: 'HQ', ConnectivityState: 'NotConnected', LastEventID: 23, LastEventTimeStamp: 0, LastEventMessage: '',
    IngressBytesTransferred: 0, EgressBytesTransferred: 0, ingressBytesPerSecond: 0, egressBytesPerSecond: 0, bytesAsOfMs: 0, ...fields,
  };
}

describe('what the graph says about gateways and tunnels', () => {
  it.each([0, 17, 30, 40, 46].map((m) => [m]))('folds the same gateway status as `vnetsim status` (the world replay) at %i min', (minutes) => {
    const events = sharedKeyEvents.filter((e) => e.time <= minutes * MINUTE_MS);
    expect(applyEvents(createView(), events).gateways).toEqual(replayEvents(events).gateway.gateways);
  });

  it.each([
    ['Connected', connection({ ConnectivityState: 'Connected' }), 'connected', '✓ Connected'],
    ['NotConnected with a reason', connection({ reason: 'AUTHENTICATION_FAILED' }), 'failing', '✗ AUTHENTICATION_FAILED'],
    ['Connecting again while the failure stands (a retry)', connection({ ConnectivityState: 'Connecting', reason: 'PEER_UNREACHABLE' }), 'failing', '✗ PEER_UNREACHABLE'],
    ['Connecting the first time', connection({ ConnectivityState: 'Connecting' }), 'connecting', '… Connecting'],
    ['NotConnected, never changed', connection({ LastEventID: 0 }), 'notTried', 'not tried yet'],
    ['NotConnected after a disconnect', connection({}), 'notConnected', 'Not Connected'],
  ] as const)('a tunnel %s is %s', (_name, status, condition, label) => {
    expect(tunnelCondition(status)).toBe(condition);
    expect(tunnelLabel(status)).toBe(label);
  });

  it('draws the failing tunnel with its reason and since when, the gateway with its type, SKU, state and VIP, the site with its prefixes', () => {
    const graph = graphAt(30 * MINUTE_MS);
    const tunnel = graph.links.find((l) => l.id === 'tunnel:CorpVNet/HQ')!;
    expect(tunnel).toMatchObject({ condition: 'failing', label: '✗ AUTHENTICATION_FAILED' });
    expect(tunnel.detail).toMatch(/^tunnel CorpVNet ↔ HQ: failing(, retrying)?: AUTHENTICATION_FAILED since 00:\d\d:\d\d\nThe connectivity state/);
    const gateway = graph.nodes.find((n) => n.id === 'gateway:CorpVNet')!;
    expect(gateway.facts).toMatch(/^StaticRouting Default\nProvisioned · VIP \d+\.\d+\.\d+\.\d+$/);
    expect(gateway.detail).toContain('last operation');
    expect(graph.nodes.find((n) => n.id === 'site:HQ')!.facts).toBe('192.168.0.0/16');
  });

  it('shows the site device once an event says it changed, and the tunnel up once the keys match', () => {
    const graph = graphAt(41 * MINUTE_MS);
    expect(graph.nodes.find((n) => n.id === 'site:HQ')!.facts).toBe('192.168.0.0/16 · device up');
    expect(graph.links.find((l) => l.id === 'tunnel:CorpVNet/HQ')).toMatchObject({ condition: 'connected', state: 'Connected' });
  });

  it('marks a refused command on the gateway it named, from that moment on', () => {
    expect(graphAt(44 * MINUTE_MS).nodes.find((n) => n.id === 'gateway:CorpVNet')!.refusal).toBeNull();
    const gateway = graphAt(46 * MINUTE_MS).nodes.find((n) => n.id === 'gateway:CorpVNet')!;
    expect(gateway.refusal).toMatchObject({ command: 'createGateway', code: 'gateway-exists', timeMs: 45 * MINUTE_MS });
    expect(gateway.detail).toContain('refused createGateway at 00:45:00: gateway-exists: VNet \'CorpVNet\' already has a gateway');
  });

  it('marks a refusal that named a gateway not created yet on its VNet', () => {
    const view = applyEvents(createView(), [
      { seq: 1, time: 0, type: 'vnet.defined', vnet: 'V', region: 'West US', addressSpace: ['10.0.0.0/16'], subnets: [] },
      { seq: 2, time: 5, type: 'command.refused', command: 'setSharedKey', code: 'no-gateway', message: 'no gateway', objects: ['gateway:V', 'site:HQ'] },
    ]);
    expect(buildGraph(view).nodes.find((n) => n.id === 'vnet:V')!.refusal?.code).toBe('no-gateway');
  });
});
