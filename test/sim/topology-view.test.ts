import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario, runScenarioForWorld } from '../../src/scenario/index.js';
import { buildTopologyIndex, queryReach, readTopologyIndex, replayEvents, toTopologyIndex, toTopologyModel } from '../../src/sim/index.js';
import { computeMatrix, keyOfVm, TopologyError, type TopologyIndex } from '../../src/topology/index.js';

const HYBRID_STORY = 'scenarios/reach-hybrid.yaml';

async function reachAt(atMs: number, from: string, to: string) {
  const report = runScenario(await loadScenarioFile(HYBRID_STORY), { untilMs: atMs });
  const model = toTopologyModel(replayEvents([...report.events].filter((e) => e.time <= atMs)));
  const result = queryReach(buildTopologyIndex(model), from, to, { protocol: 'tcp', port: 3389 });
  if (!result.ok) throw new Error(`query refused: ${JSON.stringify(result)}`);
  return { model, answer: result.answer };
}

describe('the topology view of a simulated world', () => {
  it('knows the sites a gateway connects to before it is provisioned, so HQ is blocked by the gateway, not routing', async () => {
    // reach-hybrid creates CorpVNet's gateway at 1m; the story pins provisioning to 15 minutes, and web1 is still
    // provisioning at 1m30s (a VM from an image takes at least 118 s, asm-recorded.md §8).
    const { model, answer } = await reachAt(90_000, 'web1', '192.168.1.10');
    expect(model.vnets.find((v) => v.name === 'CorpVNet')?.gateway?.connections).toEqual([{ site: 'HQ', state: 'NotConnected' }]);
    expect(answer.blockers.map((b) => b.code)).toEqual(['vm-not-running', 'gateway-not-provisioned', 'tunnel-not-connected']);
  });

  it('shows the tunnel state once the gateway is up', async () => {
    const { model, answer } = await reachAt(30 * 60_000, 'web1', '192.168.1.10');
    expect(model.vnets.find((v) => v.name === 'CorpVNet')?.gateway?.connections).toEqual([{ site: 'HQ', state: 'Connected' }]);
    expect(answer.disposition).toBe('delivered');
  });
});

describe('the index read straight from a world', () => {
  // Every scenario that runs (plan-mistakes.yaml is a plan refused on purpose).
  const scenarios = readdirSync('scenarios').filter((name) => name.endsWith('.yaml') && name !== 'plan-mistakes.yaml');
  /** The index's world and every key it files a VM under, as text. */
  const describeIndex = (index: TopologyIndex): string =>
    JSON.stringify({ model: index.toModel(), keys: [...index.vmsByKey].map(([key, vm]) => [key, keyOfVm(vm)]) });

  it.each(scenarios)('%s: holds what the model built separately and indexed gives, under the same keys', async (name) => {
    const { world } = runScenarioForWorld(await loadScenarioFile(`scenarios/${name}`));
    expect(describeIndex(toTopologyIndex(world))).toBe(describeIndex(buildTopologyIndex(toTopologyModel(world))));
  });

  it.each(scenarios)('%s: read on first use, finds the VMs of a name and gives the matrix and the index the eagerly read one gives', async (name) => {
    const { world } = runScenarioForWorld(await loadScenarioFile(`scenarios/${name}`));
    // Names and the matrix first: they read only the VMs they name, and class the rest through passing views.
    const lazy = readTopologyIndex(world);
    const eager = toTopologyIndex(world);
    for (const name of [...eager.vmsByName.keys(), 'nosuchvm']) {
      expect(lazy.findVmsNamed(name).map(keyOfVm)).toEqual(eager.findVmsNamed(name).map(keyOfVm));
    }
    expect(JSON.stringify(computeMatrix(lazy))).toBe(JSON.stringify(computeMatrix(eager)));
    expect(describeIndex(lazy)).toBe(describeIndex(eager));
  });

  it('answers a VM named in full from the world without reading every VM, and files that same record later', async () => {
    const { world } = runScenarioForWorld(await loadScenarioFile('scenarios/01-vnet-spans-two-services.yaml'));
    const lazy = readTopologyIndex(world);
    const [first] = world.vms.inCreationOrder;
    const key = first === undefined ? undefined : `${first.service}/${first.name}`;
    const found = lazy.findVmByQualifiedName(key ?? '');
    expect(found).toBeDefined();
    expect(lazy.vmsByKey.get(key ?? '')).toBe(found);
    expect(lazy.findVmByQualifiedName('toString/valueOf')).toBeUndefined();
  });

  it('refuses VM keys that do not match the VMs one for one', async () => {
    const { world } = runScenarioForWorld(await loadScenarioFile('scenarios/01-vnet-spans-two-services.yaml'));
    const model = toTopologyModel(world);
    expect(() => buildTopologyIndex(model, { vmKeys: model.vms.slice(1).map(keyOfVm) }))
      .toThrow(expect.objectContaining({ code: 'vm-keys-mismatch' }) as TopologyError);
  });
});
