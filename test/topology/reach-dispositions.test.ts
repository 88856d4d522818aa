import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, reach, type ReachAnswer, type TopologyModel } from '../../src/topology/index.js';
import { editService, editVm, editVnet, ip, makeClassicWorld, prefix, vm } from './fixtures.js';

function ask(model: TopologyModel, from: string, to: string, flow = 'tcp/80'): ReachAnswer {
  const [protocol, port] = flow.split('/');
  const result = reach(model, from, to, { protocol: protocol === 'udp' ? 'udp' : 'tcp', port: Number(port) });
  if (!result.ok) throw new Error(result.error.message);
  return result.answer;
}

function blockersOf(answer: { blockers: { code: string; object: string }[] }): string[] {
  return answer.blockers.map((b) => `${b.code} ${b.object}`).sort();
}

const world = makeClassicWorld();
const covered = new Set<string>();

/** One row per rule: the world, the question, and the expected verdict, path and complete blocker set. */
const table: {
  name: string;
  model: TopologyModel;
  from: string;
  to: string;
  flow?: string;
  path: string;
  disposition: string;
  blockers: string[];
}[] = [
  { name: 'VMs of one cloud service talk over the private channel', model: world, from: 'web1', to: 'web2', flow: 'tcp/9999', path: 'same-service', disposition: 'delivered', blockers: [] },
  { name: 'a VNet spans services; subnets do not isolate', model: world, from: 'web1', to: 'sql1', flow: 'tcp/5000', path: 'same-vnet', disposition: 'delivered', blockers: [] },
  { name: 'VNet-to-VNet through both gateways', model: world, from: 'web1', to: 'app1', flow: 'tcp/22', path: 'vnet-gateway', disposition: 'delivered', blockers: [] },
  { name: 'on-premises through a Connected tunnel', model: world, from: 'web1', to: '192.168.7.9', path: 'site-to-site', disposition: 'delivered', blockers: [] },
  { name: 'across services only via a public endpoint the ACL admits', model: world, from: 'solo', to: 'sql1', flow: 'tcp/1433', path: 'public-endpoint', disposition: 'delivered', blockers: [] },
  { name: 'PaaS meets IaaS only over the network: the ACL permit list leaves it out', model: world, from: 'WebRole_IN_0', to: 'sql1', flow: 'tcp/1433', path: 'public-endpoint', disposition: 'acl-denied', blockers: ['acl-denied endpoint:Db/sql1/SQL'] },
  { name: 'no endpoint for the port on a service outside the caller\'s networks', model: world, from: 'solo', to: 'app1', flow: 'tcp/3389', path: 'public-endpoint', disposition: 'no-endpoint', blockers: ['no-endpoint vm:Spoke/app1'] },
  { name: 'Outbound to the Internet leaves through the VIP', model: world, from: 'solo', to: '8.8.8.8', path: 'internet-egress', disposition: 'delivered', blockers: [] },
  { name: 'an address inside a VNet that is nobody', model: world, from: 'web1', to: '10.1.99.1', path: 'none', disposition: 'unknown-address', blockers: ['unknown-address address:10.1.99.1'] },
  { name: 'a private address outside every VNet and every declared site: on premises, beyond the gateway', model: world, from: 'web1', to: '10.99.0.1', path: 'site-to-site', disposition: 'prefix-not-in-local-site', blockers: ['prefix-not-in-local-site gateway:HubVNet'] },
  { name: 'a DIP across services with no shared network', model: world, from: 'solo', to: '10.1.1.4', path: 'none', disposition: 'no-shared-network', blockers: ['no-shared-network vm:Web/web1'] },
  { name: 'on-premises from a service in no VNet', model: world, from: 'solo', to: '192.168.7.9', path: 'none', disposition: 'no-shared-network', blockers: ['no-shared-network service:Lone'] },
  { name: 'a local site the gateway is not connected to', model: world, from: 'web1', to: '172.16.0.9', path: 'site-to-site', disposition: 'prefix-not-in-local-site', blockers: ['prefix-not-in-local-site gateway:HubVNet'] },
  {
    name: 'a stopped target, with the ACL that would also deny, both listed',
    model: editVm(world, 'Db/sql1', (v) => ({ ...v, state: 'StoppedDeallocated' })),
    from: 'WebRole_IN_0', to: 'sql1', flow: 'tcp/1433', path: 'public-endpoint', disposition: 'vm-not-running',
    blockers: ['acl-denied endpoint:Db/sql1/SQL', 'vm-not-running vm:Db/sql1'],
  },
  {
    name: 'a stopped source and a stopped target with no endpoint, all listed',
    model: editVm(editVm(world, 'Lone/solo', (v) => ({ ...v, state: 'StoppedVM' })), 'Spoke/app1', (v) => ({ ...v, state: 'StoppedDeallocated' })),
    from: 'solo', to: 'app1', flow: 'tcp/3389', path: 'public-endpoint', disposition: 'vm-not-running',
    blockers: ['no-endpoint vm:Spoke/app1', 'vm-not-running vm:Lone/solo', 'vm-not-running vm:Spoke/app1'],
  },
  {
    name: 'a gateway still provisioning, and its tunnel not up',
    model: editVnet(world, 'HubVNet', (v) => ({ ...v, gateway: { ...v.gateway!, state: 'Provisioning', connections: [{ site: 'Branch', state: 'NotConnected' }] } })),
    from: 'web1', to: '192.168.7.9', path: 'site-to-site', disposition: 'gateway-not-provisioned',
    blockers: ['gateway-not-provisioned gateway:HubVNet', 'tunnel-not-connected connection:HubVNet->Branch'],
  },
  {
    name: 'a VNet with no gateway at all',
    model: editVnet(world, 'HubVNet', (v) => ({ ...v, gateway: undefined })),
    from: 'web1', to: '192.168.7.9', path: 'site-to-site', disposition: 'gateway-not-provisioned',
    blockers: ['gateway-not-provisioned gateway:HubVNet', 'prefix-not-in-local-site gateway:HubVNet'],
  },
  {
    name: 'a tunnel still connecting',
    model: editVnet(world, 'HubVNet', (v) => ({ ...v, gateway: { ...v.gateway!, connections: [{ site: 'Branch', state: 'Connecting' }] } })),
    from: 'web1', to: '192.168.7.9', path: 'site-to-site', disposition: 'tunnel-not-connected',
    blockers: ['tunnel-not-connected connection:HubVNet->Branch'],
  },
  {
    name: 'the reply needs the reverse path: the spoke has no site for the hub',
    model: editVnet(world, 'SpokeVNet', (v) => ({ ...v, gateway: { ...v.gateway!, connections: [] } })),
    from: 'web1', to: 'app1', flow: 'tcp/22', path: 'vnet-gateway', disposition: 'prefix-not-in-local-site',
    blockers: ['prefix-not-in-local-site gateway:SpokeVNet'],
  },
  {
    name: 'VNet-to-VNet through a StaticRouting gateway',
    model: editVnet(world, 'SpokeVNet', (v) => ({ ...v, gateway: { ...v.gateway!, type: 'StaticRouting' } })),
    from: 'web1', to: 'app1', flow: 'tcp/22', path: 'vnet-gateway', disposition: 'gateway-type-unsupported',
    blockers: ['gateway-type-unsupported gateway:SpokeVNet'],
  },
  {
    name: 'an imported world with a service outside its VNet\'s affinity group',
    model: { ...editService(world, 'Db', (s) => ({ ...s, affinityGroup: 'ag-east' })) },
    from: 'web1', to: 'sql1', path: 'same-vnet', disposition: 'different-affinity-group',
    blockers: ['different-affinity-group service:Db'],
  },
  {
    name: 'an imported world with a service outside its regional VNet\'s region',
    model: { ...world, services: [...world.services, { name: 'Far', region: 'East US', vnet: 'SpokeVNet', vip: ip('23.0.0.9') }], vms: [...world.vms, vm('Far', 'far1', '10.2.0.5')] },
    from: 'app1', to: 'far1', path: 'same-vnet', disposition: 'different-region',
    blockers: ['different-region service:Far'],
  },
  {
    name: 'a service with no VIP takes no public traffic',
    model: editService(world, 'Spoke', (s) => ({ ...s, vip: undefined })),
    from: 'solo', to: 'app1', flow: 'tcp/22', path: 'public-endpoint', disposition: 'no-vip',
    blockers: ['no-vip service:Spoke'],
  },
  {
    name: 'local sites that chain back into a VNet already crossed',
    model: {
      ...editVnet(editVnet(world, 'SpokeVNet', (v) => ({ ...v, gateway: { ...v.gateway!, connections: [{ site: 'HubWide', state: 'Connected' }] } })),
        'HubVNet', (v) => ({ ...v, gateway: { ...v.gateway!, connections: [{ site: 'SpokeWide', state: 'Connected' }] } })),
      localSites: [...world.localSites,
        { name: 'SpokeWide', addressPrefixes: [prefix('10.0.0.0/8')], vpnGatewayAddress: ip('40.0.0.2') },
        { name: 'HubWide', addressPrefixes: [prefix('10.0.0.0/8')], vpnGatewayAddress: ip('40.0.0.1') },
        { name: 'Far', addressPrefixes: [prefix('10.50.0.0/16')], vpnGatewayAddress: ip('131.107.0.50') }],
    },
    from: 'web1', to: '10.50.0.9', path: 'site-to-site', disposition: 'routing-loop', blockers: ['routing-loop gateway:HubVNet'],
  },
];

describe('reach: one golden answer per rule', () => {
  for (const row of table) {
    it(row.name, () => {
      const answer = ask(row.model, row.from, row.to, row.flow);
      expect(answer.path).toBe(row.path);
      expect(answer.disposition).toBe(row.disposition);
      expect(answer.verdict).toBe(row.disposition === 'delivered' ? 'reachable' : 'unreachable');
      expect(blockersOf(answer)).toEqual(row.blockers);
      for (const b of answer.blockers) {
        expect(b.message.length).toBeGreaterThan(10);
        expect(b.fix.length).toBeGreaterThan(10);
        covered.add(b.code);
      }
      covered.add(answer.disposition);
    });
  }
});

describe('reach: the disposition set', () => {
  it('every disposition of the closed set is produced by some golden row', () => {
    expect([...covered].sort()).toEqual([...DISPOSITIONS].sort());
  });
});

describe('prefix-not-in-local-site says which sites the gateway connects and where the address lies', () => {
  it.each([
    ['an address in no declared site', '10.99.0.1', /it connects .*Branch \(192\.168\.0\.0\/16\)/, /add a prefix holding 10\.99\.0\.1 to the AddressSpace of a local site connected to HubVNet's gateway/],
    ['an address in a declared site the gateway does not connect', '172.16.0.9', /172\.16\.0\.9 is in local site Lab, which it does not connect/, /connect HubVNet's gateway to Lab/],
  ])('%s', (_name, to, detail, fix) => {
    const answer = ask(world, 'web1', to);
    const blocker = answer.blockers.find((b) => b.code === 'prefix-not-in-local-site');
    expect(blocker?.message).toMatch(detail);
    expect(blocker?.fix).toMatch(fix);
    // The hops reach the gateway: the answer traces the route, it is not a usage error.
    expect(answer.hops.some((h) => h.kind === 'gateway' && h.object === 'gateway:HubVNet')).toBe(true);
  });
});
