import { afterEach, describe, expect, it } from 'vitest';
import { createMatrixAnswerer } from '../../src/cli/serve-matrix.js';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { buildTopologyIndex, type TopologyModel } from '../../src/topology/index.js';
import { createScriptedWorld, MAX_MATRIX_CLASSES, startVizServer, type LiveWorld, type VizServer } from '../../src/viz/index.js';
import { ip, vm } from '../topology/fixtures.js';
import { hubEvents } from './fixtures.js';
import { connectClient, type TestClient } from './ws-client.js';

const HUB = 'test/e2e/fixtures/hub-tunnel.yaml';

/* The diff and matrix queries over the socket: answered for the moments asked, refused when malformed or unwired. */

const servers: VizServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function connectTo(world: LiveWorld): Promise<TestClient> {
  const server = await startVizServer({ world, port: 0 });
  servers.push(server);
  const client = await connectClient(server.port);
  clients.push(client);
  await client.waitFor((m) => m.length >= 1);
  return client;
}

/** Sends one query and resolves with the reply (or error) carrying its request id. */
async function ask(client: TestClient, message: Record<string, unknown>): Promise<Record<string, unknown>> {
  client.socket.send(JSON.stringify(message));
  const id = message['requestId'];
  await client.waitFor((m) => m.some((x) => 'requestId' in x && x.requestId === id));
  return client.messages.find((x) => 'requestId' in x && x.requestId === id) as unknown as Record<string, unknown>;
}

describe('diff and matrix queries on the socket', () => {
  it('answers a diff between two moments and the matrix at one, each echoing the moments it is about', async () => {
    const world = createScenarioWorld(await loadScenarioFile(HUB));
    world.advanceTo(2 * 60 * 60_000);
    const [before, connected, stopped] = [10, 30, 90].map((minutes) => [...world.events].findLast((e) => e.time <= minutes * 60_000)!);
    const client = await connectTo(world);
    // web1 reaches HQ only once the tunnel is up (16m), and no longer once it is stopped (1h).
    const gained = await ask(client, { type: 'diff', requestId: 'd1', fromSeq: before!.seq, toSeq: connected!.seq });
    expect(gained).toMatchObject({ type: 'diff', from: { atSeq: before!.seq, atMs: before!.time }, to: { atSeq: connected!.seq }, gainedCount: 2, lostCount: 0 });
    expect(gained['text']).toMatch(/^hub-tunnel from 00:07:00 to 00:16:01 \(test\/e2e\/fixtures\/hub-tunnel\.yaml\): 2 flows gained, 0 lost\n/);
    const lost = await ask(client, { type: 'diff', requestId: 'd2', fromSeq: connected!.seq, toSeq: stopped!.seq });
    expect(lost).toMatchObject({ gainedCount: 0, lostCount: 2 });
    const matrix = await ask(client, { type: 'matrix', requestId: 'm1', atSeq: connected!.seq });
    expect(matrix).toMatchObject({ type: 'matrix', atSeq: connected!.seq, atMs: connected!.time, classCount: 2 });
    expect(matrix['cells']).toEqual([{ from: 'c1', to: 'c2', path: 'site-to-site', ports: ['any'] }, { from: 'c2', to: 'c1', path: 'site-to-site', ports: ['any'] }]);
  });

  it('sends at most MAX_MATRIX_CLASSES classes of a large world and says how many there are', async () => {
    // A service in no VNet is a network of its own, so each of these VMs is a class of its own.
    const services = Array.from({ length: MAX_MATRIX_CLASSES + 5 }, (_, i) => `svc${i}`);
    const model: TopologyModel = {
      affinityGroups: [], vnets: [], localSites: [],
      services: services.map((name, i) => ({ name, region: 'West US', vip: ip(`23.0.${i}.1`), kind: 'IaaS' })),
      vms: services.map((name) => vm(name, 'vm0', '10.0.0.4')),
    };
    const index = buildTopologyIndex(model);
    const matrix = createMatrixAnswerer({ indexAt: () => ({ index, count: 0, atSeq: 0, atMs: 0 }), ownIndexAt: () => ({ index, count: 0, atSeq: 0, atMs: 0 }) })();
    expect(matrix.classCount).toBeGreaterThan(MAX_MATRIX_CLASSES);
    expect(matrix.classes).toHaveLength(MAX_MATRIX_CLASSES);
    const sent = new Set(matrix.classes.map((c) => c.id));
    expect(matrix.cells.every((c) => sent.has(c.from) && sent.has(c.to))).toBe(true);
  });

  it('refuses a malformed query with its request id, and a world without a topology engine says so', async () => {
    const world = createScenarioWorld(await loadScenarioFile(HUB));
    world.advanceTo(60_000);
    const client = await connectTo(world);
    expect(await ask(client, { type: 'diff', requestId: 'd2', fromSeq: 3 })).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(await ask(client, { type: 'matrix', requestId: 'm2', atSeq: -3 })).toMatchObject({ type: 'error', code: 'bad-message' });
    const plain = await connectTo(createScriptedWorld(hubEvents()));
    expect(await ask(plain, { type: 'diff', requestId: 'd3', fromSeq: 1, toSeq: 2 })).toMatchObject({ type: 'error', code: 'reach-unavailable' });
    expect(await ask(plain, { type: 'matrix', requestId: 'm3' })).toMatchObject({ type: 'error', code: 'reach-unavailable' });
  });

  it('answers a query whose answer fails with that error, and keeps serving', async () => {
    const failing: LiveWorld = { ...createScriptedWorld(hubEvents()), matrix: () => { throw new Error('fold: no production deployment in web'); } };
    const client = await connectTo(failing);
    expect(await ask(client, { type: 'matrix', requestId: 'm4' })).toEqual({
      type: 'error', code: 'world-error', message: 'the matrix query failed: fold: no production deployment in web', requestId: 'm4',
    });
    expect(await ask(client, { type: 'diff', requestId: 'd4', fromSeq: 1, toSeq: 2 })).toMatchObject({ type: 'error', code: 'reach-unavailable' });
  });
});
