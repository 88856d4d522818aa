import fc from 'fast-check';
import { NO_DIP, type TopologyChange, type TopologyModel, type TopoLocalSite, type TopoVnet } from '../../src/topology/index.js';
import { endpoint, ip, prefix, rule } from './fixtures.js';

/**
 * Small random classic worlds for property tests: up to 3 VNets (10.N.0.0/16, gateway VIP 40.0.0.N) whose gateways
 * connect to a fixed menu of sites — each VNet's own space (VNet-to-VNet), a wide 10/8 per VNet (transit and
 * loops), and on-premises ranges — plus up to 4 services and 6 VMs with random states, endpoints and ACLs.
 */

const GATEWAY_STATES = ['NotProvisioned', 'Provisioning', 'Provisioned', 'Deprovisioning'] as const;
// Weighted toward the states that let traffic through, so that deliveries and single blockers are common too.
const LIKELY_GATEWAY_STATES = ['Provisioned', 'Provisioned', 'Provisioned', ...GATEWAY_STATES] as const;
const CONNECTION_STATES = ['NotConnected', 'Connecting', 'Connected'] as const;
const LIKELY_CONNECTION_STATES = ['Connected', 'Connected', 'Connected', ...CONNECTION_STATES] as const;
const VM_STATES = [...Array.from({ length: 8 }, () => 'ReadyRole'), 'StoppedVM', 'StoppedDeallocated', 'Provisioning'];
const ACL_SUBNETS = ['0.0.0.0/0', '23.0.0.1/32', '23.0.0.0/30', '131.0.0.0/24', '8.8.8.0/24'];
const MAX_VNETS = 3;

/** Every site a random gateway may connect to; sites standing for absent VNets behave as on-premises. */
export const SITE_MENU: TopoLocalSite[] = [
  ...Array.from({ length: MAX_VNETS }, (_, i) => ({ name: `S-V${i}`, addressPrefixes: [prefix(`10.${i + 1}.0.0/16`)], vpnGatewayAddress: ip(`40.0.0.${i + 1}`) })),
  ...Array.from({ length: MAX_VNETS }, (_, i) => ({ name: `W-V${i}`, addressPrefixes: [prefix('10.0.0.0/8')], vpnGatewayAddress: ip(`40.0.0.${i + 1}`) })),
  { name: 'P0', addressPrefixes: [prefix('192.168.0.0/24')], vpnGatewayAddress: ip('131.0.0.1') },
  { name: 'P1', addressPrefixes: [prefix('192.168.1.0/24'), prefix('172.16.0.0/12')], vpnGatewayAddress: ip('131.0.0.2') },
  { name: 'P2', addressPrefixes: [prefix('10.9.0.0/16')], vpnGatewayAddress: ip('8.8.8.8') },
  { name: 'P3', addressPrefixes: [prefix('10.10.0.0/16')] },
];

/** Sample on-premises addresses to probe (each lies in some menu site). */
export const SITE_PROBES = ['192.168.0.9', '192.168.1.9', '172.20.0.1', '10.9.0.9', '10.3.0.9', '10.10.0.9'].map(ip);

const arbVnet = fc.record({
  affinityGroup: fc.constantFrom(undefined, 'ag1', 'ag2'),
  region: fc.constantFrom(undefined, 'R1', 'R2'),
  /** A meshed VNet's gateway first connects to the site of every other VNet, so VNet-to-VNet paths are common. */
  mesh: fc.boolean(),
  gateway: fc.option(fc.record({
    state: fc.constantFrom(...LIKELY_GATEWAY_STATES),
    type: fc.constantFrom('StaticRouting' as const, 'DynamicRouting' as const, 'DynamicRouting' as const),
    connections: fc.array(fc.record({ site: fc.nat(SITE_MENU.length - 1), state: fc.constantFrom(...LIKELY_CONNECTION_STATES) }), { maxLength: 4 }),
  }), { nil: undefined }),
});

const arbService = fc.record({
  affinityGroup: fc.constantFrom(undefined, 'ag1', 'ag2'),
  region: fc.constantFrom(undefined, 'R1', 'R2'),
  vnet: fc.constantFrom(undefined, 0, 0, 1, 1, 2, 3),
  hasVip: fc.constantFrom(true, true, true, false),
  /** Most services follow their VNet's affinity group and region, as the engine enforces; some break the rule. */
  conforms: fc.constantFrom(true, true, true, false),
});

const arbEndpoint = fc.record({
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  privatePort: fc.constantFrom(22, 80, 80, 3389),
  publicPort: fc.constantFrom(22, 80, 50001),
  acl: fc.array(fc.record({ order: fc.nat(3), action: fc.constantFrom('permit' as const, 'deny' as const), subnet: fc.constantFrom(...ACL_SUBNETS) }), { maxLength: 3 }),
});

const arbVm = fc.record({
  service: fc.nat(3),
  state: fc.constantFrom(...VM_STATES),
  host: fc.nat(2),
  endpoints: fc.array(arbEndpoint, { maxLength: 2 }),
});

/** A random small world. */
export const arbWorld: fc.Arbitrary<TopologyModel> = fc.record({
  vnets: fc.array(arbVnet, { minLength: 1, maxLength: MAX_VNETS }),
  services: fc.array(arbService, { minLength: 1, maxLength: 4 }),
  vms: fc.array(arbVm, { minLength: 1, maxLength: 6 }),
}).map(({ vnets, services, vms }) => {
  const builtVnets: TopoVnet[] = vnets.map((v, i) => ({
    name: `V${i}`,
    affinityGroup: v.affinityGroup,
    region: v.region,
    addressSpace: [prefix(`10.${i + 1}.0.0/16`)],
    subnets: [],
    gateway: v.gateway === undefined ? undefined : {
      state: v.gateway.state,
      type: v.gateway.type,
      vip: ip(`40.0.0.${i + 1}`),
      connections: [
        ...(v.mesh ? vnets.flatMap((_, j) => (j === i ? [] : [{ site: `S-V${j}`, state: 'Connected' as const }])) : []),
        ...v.gateway.connections.map((c) => ({ site: SITE_MENU[c.site]?.name ?? 'P0', state: c.state })),
      ],
    },
  }));
  const builtServices = services.map((s, j) => {
    const vnet = s.vnet === undefined ? undefined : builtVnets[s.vnet];
    const follow = s.conforms && vnet !== undefined;
    return {
      name: `C${j}`,
      affinityGroup: follow ? vnet.affinityGroup : s.affinityGroup,
      region: follow ? vnet.region : s.region,
      vnet: s.vnet === undefined ? undefined : `V${s.vnet}`,
      vip: s.hasVip ? ip(`23.0.0.${j + 1}`) : undefined,
    };
  });
  const builtVms = vms.map((v, k) => {
    const service = builtServices[v.service % builtServices.length]!;
    const vnetIndex = builtVnets.findIndex((n) => n.name === service.vnet);
    const dip = vnetIndex >= 0 ? `10.${vnetIndex + 1}.0.${4 + v.host}` : `10.200.0.${4 + v.host}`;
    return {
      service: service.name, name: `m${k}`, dip: ip(dip), state: v.state,
      endpoints: v.endpoints.map((e, n) => endpoint(`E${n}`, e.protocol, e.publicPort, e.privatePort, e.acl.map((r) => rule(r.order, r.action, r.subnet)))),
    };
  });
  return {
    affinityGroups: [{ name: 'ag1', region: 'R1' }, { name: 'ag2', region: 'R2' }],
    vnets: builtVnets,
    services: builtServices,
    vms: builtVms,
    localSites: SITE_MENU,
  };
});

/** A random world plus a few event-sized changes that name objects it holds. */
export const arbWorldWithChanges: fc.Arbitrary<{ model: TopologyModel; changes: TopologyChange[] }> = arbWorld.chain((model) => {
  const vmChange = fc.record({ vm: fc.constantFrom(...model.vms), state: fc.constantFrom(...VM_STATES), host: fc.nat(3), kind: fc.constantFrom('state', 'dip') })
    .map(({ vm, state, host, kind }): TopologyChange => (kind === 'state'
      ? { type: 'vmState', service: vm.service, vm: vm.name, state }
      : { type: 'vmDip', service: vm.service, vm: vm.name, dip: host === 3 ? NO_DIP : (vm.dip & ~0xff) + 4 + host }));
  const withGateway = model.vnets.filter((v) => v.gateway !== undefined);
  const gatewayChange = withGateway.length === 0 ? vmChange : fc.record({ vnet: fc.constantFrom(...withGateway), state: fc.constantFrom(...GATEWAY_STATES) })
    .map(({ vnet, state }): TopologyChange => ({ type: 'gatewayState', vnet: vnet.name, state }));
  const connections = withGateway.flatMap((v) => (v.gateway?.connections ?? []).map((c) => ({ vnet: v.name, site: c.site })));
  const connectionChange = connections.length === 0 ? vmChange : fc.record({ at: fc.constantFrom(...connections), state: fc.constantFrom(...CONNECTION_STATES) })
    .map(({ at, state }): TopologyChange => ({ type: 'connectionState', vnet: at.vnet, site: at.site, state }));
  return fc.array(fc.oneof(vmChange, gatewayChange, connectionChange), { minLength: 1, maxLength: 4 }).map((changes) => ({ model, changes }));
});

/** Applies changes to a plain model the slow way (the reference for incremental updates). */
export function applyChangesSlowly(model: TopologyModel, changes: readonly TopologyChange[]): TopologyModel {
  const next = structuredClone(model);
  for (const change of changes) {
    switch (change.type) {
      case 'vmState':
      case 'vmDip':
      case 'vmEndpoints': {
        const vm = next.vms.find((v) => v.service === change.service && v.name === change.vm)!;
        if (change.type === 'vmState') vm.state = change.state;
        else if (change.type === 'vmDip') vm.dip = change.dip;
        else vm.endpoints = change.endpoints;
        break;
      }
      case 'gatewayState':
        next.vnets.find((v) => v.name === change.vnet)!.gateway!.state = change.state;
        break;
      case 'connectionState':
        next.vnets.find((v) => v.name === change.vnet)!.gateway!.connections.find((c) => c.site === change.site)!.state = change.state;
        break;
    }
  }
  return next;
}
