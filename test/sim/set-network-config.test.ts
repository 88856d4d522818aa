import { describe, expect, it } from 'vitest';
import type { NetworkPlan } from '../../src/ipam/index.js';
import { networkPlanFromXml, parseScenario, runScenario } from '../../src/scenario/index.js';
import { findDipHolder, findVm, serializeWorld, type Simulation } from '../../src/sim/index.js';
import { siteToSiteConfig } from '../api/emulator-helpers.js';
import { BASE_SETUP, frontEndVm } from './fixtures.js';
import { STANDARD_PLAN, makePlan, mustExecute, startSimulation } from './helpers.js';

const HOUR_MS = 3_600_000;

function xmlPlan(options: Parameters<typeof siteToSiteConfig>[0] = {}): NetworkPlan {
  return networkPlanFromXml(siteToSiteConfig(options), 'NetworkConfig.xml');
}

/** The standard plan with CorpNet changed: extra or renumbered subnets, or without RegionNet. */
function standardWith(corpSubnets: Record<string, string>, withRegionNet = true): NetworkPlan {
  return makePlan([
    { name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.1.0.0/16'], subnets: corpSubnets },
    ...(withRegionNet ? [{ name: 'RegionNet', region: 'West Europe', addressSpace: ['10.2.0.0/16'], subnets: { Apps: '10.2.1.0/24' } }] : []),
  ]);
}

const CORP_SUBNETS = { FrontEnd: '10.1.1.0/24', BackEnd: '10.1.2.0/29', GatewaySubnet: '10.1.255.0/29' };

function simulationWithVm(): Simulation {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP, frontEndVm('web', 'web1'));
  sim.advanceTo(HOUR_MS);
  return sim;
}

function expectRefusedUnchanged(sim: Simulation, plan: NetworkPlan, code: string, mentions: string[]): void {
  const before = serializeWorld(sim.world);
  const result = sim.execute({ type: 'setNetworkConfig', plan });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.diagnostic.rule).toBe(code);
  for (const text of mentions) expect(result.diagnostic.message).toContain(text);
  // The refusal event does not fold: the world is exactly as it was.
  expect(serializeWorld(sim.world)).toBe(before);
}

describe('setNetworkConfig: the new document replaces the old', () => {
  it('adds new VNets, subnets and sites, and removes unused ones', () => {
    const sim = simulationWithVm();
    const plan = standardWith({ ...CORP_SUBNETS, Data: '10.1.3.0/24' }, false);
    const result = sim.execute({ type: 'setNetworkConfig', plan });
    expect(result.ok).toBe(true);
    expect(Object.keys(sim.world.vnets)).toEqual(['CorpNet']);
    expect(Object.keys(sim.world.vnets['CorpNet']?.subnets ?? {})).toEqual(['FrontEnd', 'BackEnd', 'GatewaySubnet', 'Data']);
    // The VM's DIP stays allocated in its unchanged subnet.
    const dip = findVm(sim.world, 'web', 'web1')?.dip;
    expect(dip).toBeDefined();
    const pool = sim.world.vnets['CorpNet']?.subnets['FrontEnd']?.allocations;
    expect(pool === undefined ? 'no pool' : findDipHolder(pool, dip ?? '')).toBe('web/web1');
    expect(sim.world.vnets['CorpNet']?.instanceCount).toBe(1);
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['vnet.removed', 'vnet.defined']);
  });

  it.each([
    ['removing the VNet a VM is deployed in', standardWith(CORP_SUBNETS, true).vnets.filter((v) => v.name !== 'CorpNet'), ['virtual network CorpNet', 'deployment web/']],
    ['renumbering the VNet', makePlan([{ name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.5.0.0/16'], subnets: { FrontEnd: '10.5.1.0/24' } }]).vnets, ['virtual network CorpNet', 'cannot be changed']],
    ['removing the VM\'s subnet', standardWith({ BackEnd: '10.1.2.0/29' }).vnets, ['subnet FrontEnd of virtual network CorpNet', 'VM web/web1', 'cannot be removed']],
    ['renumbering the VM\'s subnet', standardWith({ ...CORP_SUBNETS, FrontEnd: '10.1.4.0/24' }).vnets, ['subnet FrontEnd', 'cannot be renumbered']],
  ])('refuses %s, naming each object in use, and changes nothing', (_what, vnets, mentions) => {
    const sim = simulationWithVm();
    expectRefusedUnchanged(sim, { ...STANDARD_PLAN, vnets }, 'network-config-in-use', mentions);
  });

  it('refuses a document that breaks an address-plan rule, with the rule\'s message', () => {
    const sim = startSimulation();
    expectRefusedUnchanged(sim, standardWith({ FrontEnd: '10.1.1.0/24', Overlap: '10.1.1.128/25' }), 'network-config-invalid', ['FrontEnd', 'Overlap']);
  });

  it('refuses a VNet in an affinity group that does not exist', () => {
    const sim = startSimulation();
    expectRefusedUnchanged(sim, makePlan([{ name: 'Lost', affinityGroup: 'NoSuchAG', addressSpace: ['10.8.0.0/16'], subnets: { A: '10.8.0.0/24' } }]),
      'network-config-unknown-affinity-group', ['NoSuchAG', 'Lost']);
  });

  it('lists every object in use in one refusal', () => {
    const sim = simulationWithVm();
    mustExecute(sim, { type: 'createVm', service: 'api', name: 'app1', image: 'ubuntu', adminUser: 'u', sshKey: 'ssh-rsa AAAA', vnet: 'RegionNet', subnet: 'Apps' });
    expectRefusedUnchanged(sim, { ...STANDARD_PLAN, vnets: [] }, 'network-config-in-use', ['virtual network CorpNet', 'virtual network RegionNet']);
  });
});

describe('setNetworkConfig with a gateway', () => {
  function simulationWithGateway(): Simulation {
    const sim = startSimulation({ network: xmlPlan() });
    mustExecute(sim, { type: 'createGateway', vnet: 'vnet1', gatewayType: 'DynamicRouting' });
    sim.advanceTo(2 * HOUR_MS);
    expect(sim.world.gateway.gateways['vnet1']?.connections['site1']?.ConnectivityState).toBe('Connected');
    return sim;
  }

  it('refuses removing the site a gateway connection uses, or the VNet with the gateway', () => {
    const sim = simulationWithGateway();
    const withoutSite: NetworkPlan = { ...xmlPlan(), localSites: [] };
    const withoutRef = { ...withoutSite, vnets: withoutSite.vnets.map((v) => ({ ...v, gateway: undefined })) };
    expectRefusedUnchanged(sim, withoutRef, 'network-config-in-use', ['local network site site1', 'virtual network vnet1']);
    expectRefusedUnchanged(sim, xmlPlan({ withVnet: false }), 'network-config-in-use', ['virtual network vnet1 is in use by its gateway']);
  });

  it('re-applies a site\'s changed prefixes to its tunnel, which renegotiates', () => {
    const sim = simulationWithGateway();
    const from = sim.events.length;
    expect(sim.execute({ type: 'setNetworkConfig', plan: xmlPlan({ sitePrefix: '192.168.10.0/24' }) }).ok).toBe(true);
    sim.advanceTo(3 * HOUR_MS);
    const after = sim.events.slice(from);
    expect(after[0]).toMatchObject({ type: 'localSite.defined', site: 'site1', addressPrefixes: ['192.168.10.0/24'] });
    expect(after.filter((e) => e.type === 'connection.stateChanged').map((e) => e.type === 'connection.stateChanged' && e.to)).toEqual(['Connecting', 'Connected']);
    expect(sim.world.localSites['site1']?.addressPrefixes).toEqual(['192.168.10.0/24']);
  });
});

describe('a simulation that keeps no event log', () => {
  it('still hands back the events of a gateway command and of a network upload, numbered as a kept log numbers them', () => {
    const play = (keepsEventLog: boolean) => {
      const sim = startSimulation({ network: xmlPlan(), keepsEventLog });
      const created = sim.execute({ type: 'createGateway', vnet: 'vnet1', gatewayType: 'DynamicRouting' });
      sim.advanceTo(2 * HOUR_MS);
      const uploaded = sim.execute({ type: 'setNetworkConfig', plan: xmlPlan({ sitePrefix: '192.168.10.0/24' }) });
      sim.advanceTo(3 * HOUR_MS);
      return { created, uploaded, world: serializeWorld(sim.world), kept: sim.events.length };
    };
    const [kept, unkept] = [play(true), play(false)];
    expect(unkept.kept).toBe(0);
    expect(kept.kept).toBeGreaterThan(0);
    expect(unkept.created).toEqual(kept.created);
    expect(unkept.uploaded).toEqual(kept.uploaded);
    expect(unkept.uploaded.ok && unkept.uploaded.events.map((e) => e.type)).toContain('localSite.defined');
    expect(unkept.world).toBe(kept.world);
  });
});

describe('setNetworkConfig on a scenario timeline', () => {
  it('applies an inline NetworkConfig.xml at its time', () => {
    const xml = siteToSiteConfig().replace(/\n\s*/g, '');
    const scenario = parseScenario(`name: upload\nseed: 1\nera: 2014\ntimeline:\n  - at: 5m\n    setNetworkConfig:\n      xml: '${xml}'\n  - at: 6m\n    createGateway: { vnet: vnet1, gatewayType: DynamicRouting }\nuntil: 1h\n`, 'upload.yaml');
    const report = runScenario(scenario);
    expect([...report.events].find((e) => e.type === 'vnet.defined')).toMatchObject({ time: 300_000, vnet: 'vnet1' });
    expect([...report.events].some((e) => e.type === 'gateway.stateChanged' && e.to === 'Provisioned')).toBe(true);
  });

  it('reports an inline document that is not a network configuration at its place in the scenario', () => {
    expect(() => parseScenario('name: bad\nseed: 1\nera: 2014\ntimeline:\n  - at: 5m\n    setNetworkConfig:\n      xml: "<Nope/>"\n', 'bad.yaml'))
      .toThrow(/bad\.yaml:7:\d+.*<Nope>.*NetworkConfiguration/);
  });
});
