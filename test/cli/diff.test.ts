import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEventObjects } from '../../src/cli/diff-causes.js';
import { runDiff } from '../../src/cli/diff.js';
import type { SimEvent } from '../../src/sim/index.js';

/* `vnetsim diff` on the reach-hybrid story; regenerate the golden with UPDATE_GOLDEN=1 and read the diff. */

const STORY = 'scenarios/reach-hybrid.yaml';
const GOLDEN = join('test', 'golden', 'reach', 'diff-reach-hybrid-30m-3h30m.txt');
const MINUTE_MS = 60_000;

interface DiffJson {
  gained: { from: string; to: string; port: string; before: string; after: string; causes: { seq: number; type: string; object: string }[] }[];
  lost: { from: string; to: string; port: string; before: string; after: string; causes: { seq: number; type: string; object: string }[] }[];
}

async function diffJson(fromMinutes: number, toMinutes: number): Promise<DiffJson> {
  return JSON.parse(await runDiff(STORY, { fromMs: fromMinutes * MINUTE_MS, toMs: toMinutes * MINUTE_MS, format: 'json' })) as DiffJson;
}

describe('vnetsim diff', () => {
  it('lists flows lost between two moments with what blocks them and the events behind them', async () => {
    const text = await runDiff(STORY, { fromMs: 30 * MINUTE_MS, toMs: 210 * MINUTE_MS, format: 'text' });
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN)) {
      mkdirSync(join('test', 'golden', 'reach'), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('names the tunnel drop as the cause of losing HQ, not the VM that stopped', async () => {
    const diff = await diffJson(150, 210);
    expect(diff.gained).toEqual([]);
    const lost = diff.lost.map((c) => `${c.before} → ${c.after}: ${[...new Set(c.causes.map((e) => `${e.type} ${e.object}`))].join(', ')}`);
    expect(lost).toContain('delivered → tunnel-not-connected: connection.deviceChanged connection:CorpVNet->HQ, connection.stateChanged connection:CorpVNet->HQ');
    expect(diff.lost.every((c) => c.causes.every((e) => !e.object.startsWith('vm:')))).toBe(true);
  });

  it('reads gained flows the other way round: what blocked them before, and the event that lifted it', async () => {
    const diff = await diffJson(10, 20);
    expect(diff.lost).toEqual([]);
    const toHq = diff.gained.find((c) => c.port === 'any' && c.before === 'gateway-not-provisioned');
    // Before provisioning the gateway lists no connection, so only the gateway is blocked; the tunnel it now passes
    // connecting (once the key set after provisioning took effect) lifted the flow too.
    const causes = toHq?.causes.map((e) => `${e.type} ${e.object}`) ?? [];
    expect(causes[0]).toBe('gateway.stateChanged gateway:CorpVNet');
    expect(causes.at(-1)).toBe('connection.stateChanged connection:CorpVNet->HQ');
    expect(new Set(causes)).toEqual(new Set([
      'gateway.stateChanged gateway:CorpVNet', 'connection.sharedKeySet connection:CorpVNet->HQ', 'connection.stateChanged connection:CorpVNet->HQ',
    ]));
  });

  it('reports nothing between two moments with the same reachability', async () => {
    expect(await diffJson(20, 30)).toMatchObject({ gained: [], lost: [] });
  });
});

describe('objects an event is about', () => {
  it.each([
    [{ seq: 1, time: 0, type: 'vm.stateChanged', service: 'data', vm: 'sql1', from: 'ReadyRole', to: 'StoppedVM' }, ['vm:data/sql1']],
    [{ seq: 1, time: 0, type: 'endpoint.aclChanged', service: 'data', vm: 'sql1', endpoint: 'sql', acl: [] }, ['vm:data/sql1', 'endpoint:data/sql1/sql']],
    [{ seq: 1, time: 0, type: 'vip.released', service: 'data', slot: 'production', ip: '1.2.3.4' }, ['service:data']],
    [{ seq: 1, time: 0, type: 'gateway.stateChanged', vnet: 'V', from: 'Provisioning', to: 'Provisioned', operation: 'CreateGateway', operationStatus: 'Successful' }, ['gateway:V']],
    [{ seq: 1, time: 0, type: 'connection.stateChanged', vnet: 'V', site: 'HQ', from: 'Connected', to: 'NotConnected', eventId: 24, message: 'down' }, ['connection:V->HQ']],
    [{ seq: 1, time: 0, type: 'connection.deviceChanged', site: 'HQ', up: false, settings: { site: 'HQ', sharedKey: '', publicIp: '203.0.113.1', ikeVersions: [2], routing: 'RouteBased', reachable: true } }, ['connection:*->HQ']],
  ] satisfies [SimEvent, string[]][])('%o', (event, objects) => {
    expect(listEventObjects(event)).toEqual(objects);
  });
});
