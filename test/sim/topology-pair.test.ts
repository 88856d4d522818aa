import { readdirSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { askFlow } from '../../src/scenario/expectations/reach.js';
import { loadScenarioFile, parseScenario, runScenarioToWorld, type Scenario } from '../../src/scenario/index.js';
import { toPairTopologyIndex, toTopologyIndex, type World } from '../../src/sim/index.js';

/*
 * A reach question answered on the part of the world its two ends name (toPairTopologyIndex) gets the answer the
 * whole world's index gives, hops, blockers and assumptions included, whenever the part resolves both ends (an end it
 * cannot resolve goes to the whole index, which alone can list the names that would have worked). Worlds: the story
 * scenarios stopped at random times, and generated estates where names repeat across services, VNets overlap so DIPs
 * repeat, VMs are stopped, deallocated, deleted or given static DIPs, endpoints carry ACLs and PaaS roles sit beside VMs.
 */

const PORTS = [undefined, 'tcp/80', 'tcp/3389', 'udp/500', 'tcp/1433'] as const;
const VM_NAMES = ['a', 'b', 'c'];
const MINUTE_MS = 60_000;

/** Every text an end could be in this world, plus a few that name nothing. */
function endTexts(world: World): string[] {
  const texts = new Set(['nosuch', 'svc0:zz', '8.8.8.8', '10.0.1.250', '192.168.1.10', 'site:nowhere']);
  for (const vm of [...world.vms.inCreationOrder]) {
    texts.add(vm.name).add(`${vm.service}:${vm.name}`).add(`${vm.service}/${vm.name}`);
    if (vm.dip !== null) texts.add(vm.dip);
  }
  for (const service of Object.values(world.services)) {
    const vip = service.vips.production;
    if (vip !== null) for (const port of [vip, `${vip}:80`, `${vip}:3389`, `${vip}:1433`]) texts.add(port);
    for (const role of Object.values(service.deployments.production?.roles ?? {})) {
      for (const instance of role.instances) texts.add(instance.name).add(instance.ip).add(`${service.name}:${instance.name}`);
    }
  }
  for (const site of Object.values(world.localSites)) {
    texts.add(`site:${site.name}`);
    const prefix = site.addressPrefixes[0];
    if (prefix !== undefined) texts.add(prefix.replace(/\.0\/\d+$/, '.10'));
  }
  return [...texts];
}

/** Asks each pair on both indexes; returns how many the part answered (the rest went to the whole index). */
function compareAnswers(world: World, picks: Array<[number, number, number]>): number {
  const texts = endTexts(world);
  const whole = toTopologyIndex(world);
  let answered = 0;
  for (const [i, j, k] of picks) {
    const from = texts[i % texts.length]!;
    const to = texts[j % texts.length]!;
    const port = PORTS[k % PORTS.length];
    const part = askFlow(toPairTopologyIndex(world, [from, to]), from, to, port);
    if (!part.ok) continue;
    answered++;
    expect({ from, to, port, answer: part }).toEqual({ from, to, port, answer: askFlow(whole, from, to, port) });
  }
  return answered;
}

const picksArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 10, maxLength: 40 });

const STORIES = readdirSync('scenarios').filter((name) => name.endsWith('.yaml') && !name.startsWith('plan-')).sort();
const stories = new Map<string, Scenario>();
async function story(name: string): Promise<Scenario> {
  let scenario = stories.get(name);
  if (scenario === undefined) stories.set(name, (scenario = await loadScenarioFile(`scenarios/${name}`)));
  return scenario;
}

const aclArb = fc.option(fc.array(fc.record({
  order: fc.integer({ min: 0, max: 300 }),
  action: fc.constantFrom('permit', 'deny'),
  remoteSubnet: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '192.168.0.0/16', '138.91.0.0/16'),
}), { minLength: 1, maxLength: 2 }), { nil: undefined });

const endpointsArb = fc.uniqueArray(fc.record({
  name: fc.constantFrom('web', 'rdp', 'sql'),
  protocol: fc.constantFrom('tcp', 'udp'),
  publicPort: fc.constantFrom(80, 3389, 1433),
  privatePort: fc.constantFrom(80, 3389, 1433, 500),
  loadBalancedSet: fc.option(fc.constant('lb'), { nil: undefined }),
  acl: aclArb,
}), { selector: (e) => e.name, maxLength: 2 });

/** A service: where it sits (VNet A, B or none) and its VMs, each with endpoints and maybe a static DIP. */
const serviceArb = fc.record({
  vnet: fc.constantFrom('A', 'B', undefined),
  vms: fc.uniqueArray(fc.record({
    name: fc.constantFrom(...VM_NAMES),
    subnet: fc.constantFrom('S1', 'S2'),
    staticIp: fc.option(fc.constantFrom('10.0.1.10', '10.0.2.10', '10.0.1.4'), { nil: undefined }),
    endpoints: endpointsArb,
  }), { selector: (vm) => vm.name, minLength: 1, maxLength: 3 }),
});

const changeArb = fc.record({
  at: fc.integer({ min: 1, max: 50 }),
  vm: fc.nat(),
  change: fc.constantFrom('stop', 'deallocate', 'start', 'delete', 'removeEndpoint', 'setStaticIp'),
});

/** A generated estate as scenario JSON (which the YAML reader reads). */
const estateArb = fc.record({
  seed: fc.nat({ max: 1000 }),
  overlapping: fc.boolean(),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 4 }),
  paas: fc.option(fc.record({ vnet: fc.constantFrom('A', undefined), instances: fc.integer({ min: 1, max: 2 }) }), { nil: undefined }),
  changes: fc.array(changeArb, { maxLength: 6 }),
  untilMinutes: fc.integer({ min: 5, max: 60 }),
}).map((estate) => {
  const subnets = (space: string) => [{ name: 'S1', addressPrefix: `${space}.1.0/24` }, { name: 'S2', addressPrefix: `${space}.2.0/24` }];
  const serviceNames = estate.services.map((_, i) => `svc${i}`);
  const vms = estate.services.flatMap((service, i) => service.vms.map((vm) => ({
    service: serviceNames[i], name: vm.name, image: 'img', adminUser: 'ops', sshKey: 'ssh-rsa AAAA ops',
    ...(service.vnet === undefined ? {} : { vnet: service.vnet, subnet: vm.subnet, ...(vm.staticIp === undefined ? {} : { staticIp: vm.staticIp }) }),
    endpoints: vm.endpoints.map(({ acl, loadBalancedSet, ...e }) => ({ ...e, ...(acl === undefined ? {} : { acl }), ...(loadBalancedSet === undefined ? {} : { loadBalancedSet }) })),
  })));
  const timeline: unknown[] = estate.changes.map(({ at, vm, change }) => {
    const declared = vms[vm % vms.length]!;
    const target = { service: declared.service, name: declared.name };
    const command = {
      stop: { stopVm: { ...target, stayProvisioned: true } },
      deallocate: { stopVm: target },
      start: { startVm: target },
      delete: { deleteVm: target },
      removeEndpoint: { removeEndpoint: { service: target.service, vm: target.name, name: 'web' } },
      setStaticIp: { setStaticIp: { ...target, ip: '10.0.2.20' } },
    }[change];
    return { at: `${at}m`, ...command };
  });
  if (estate.paas !== undefined) {
    timeline.push({ at: '1m', createDeployment: {
      service: 'roles', slot: 'production', ...(estate.paas.vnet === undefined ? {} : { vnet: estate.paas.vnet, subnet: 'S2' }),
      roles: [{ name: 'Web', kind: 'web', instances: estate.paas.instances, endpoints: [{ name: 'http', protocol: 'tcp', publicPort: 80, privatePort: 80 }] }],
    } });
  }
  return {
    name: 'estate', seed: estate.seed, era: '2014', until: `${estate.untilMinutes}m`,
    network: {
      localNetworkSites: [{ name: 'HQ', addressSpace: ['192.168.0.0/16'], vpnGatewayAddress: '131.107.0.10' }],
      virtualNetworkSites: [
        { name: 'A', location: 'West US', addressSpace: ['10.0.0.0/16'], subnets: [...subnets('10.0'), { name: 'GatewaySubnet', addressPrefix: '10.0.255.0/28' }], gateway: { connectionsToLocalNetwork: ['HQ'] } },
        { name: 'B', location: 'West US', addressSpace: [estate.overlapping ? '10.0.0.0/16' : '10.1.0.0/16'], subnets: subnets(estate.overlapping ? '10.0' : '10.1') },
      ],
    },
    compute: {
      services: [...serviceNames.map((name) => ({ name, region: 'West US' })), ...(estate.paas === undefined ? [] : [{ name: 'roles', region: 'West US' }])],
      images: [{ name: 'img', os: 'Linux' }],
      vms,
    },
    timeline: [{ at: '1m', createGateway: { vnet: 'A', gatewayType: 'DynamicRouting' } }, ...timeline],
  };
});

describe('a reach question on the part of the world its ends name', () => {
  test.prop([fc.constantFrom(...STORIES), fc.integer({ min: 0, max: 300 }), picksArb], { numRuns: 40 })(
    'answers as the whole index on the story scenarios at any moment',
    async (name, minutes, picks) => {
      const { world } = runScenarioToWorld(await story(name), { untilMs: minutes * MINUTE_MS });
      compareAnswers(world, picks);
    },
  );

  test.prop([estateArb, picksArb], { numRuns: 60 })('answers as the whole index on generated estates', (estate, picks) => {
    const { world } = runScenarioToWorld(parseScenario(JSON.stringify(estate), 'estate.yaml'));
    compareAnswers(world, picks);
  });

  test.prop([estateArb], { numRuns: 20 })('answers most questions itself (the whole index is the exception)', (estate) => {
    const { world } = runScenarioToWorld(parseScenario(JSON.stringify(estate), 'estate.yaml'));
    const texts = endTexts(world);
    const named = [...world.vms.inCreationOrder].map((vm) => `${vm.service}:${vm.name}`);
    const picks = named.map((_, i): [number, number, number] => [texts.indexOf(named[i]!), texts.indexOf(named[(i + 1) % named.length]!), i]);
    expect(compareAnswers(world, picks)).toBe(picks.length);
  });
});
