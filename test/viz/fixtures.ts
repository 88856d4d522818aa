import type { EventBody } from '../../src/sim/index.js';
import type { TimedEvent } from '../../src/viz/index.js';

/** An event body and the simulated time it happens at; withSeq numbers them. */
type Timed = { time: number } & EventBody;

const MINUTE_MS = 60_000;

/**
 * A small hub world as the engine would log it: one affinity group, a VNet with three subnets, an on-premises site,
 * two cloud services with three VMs, and a gateway whose tunnel ends Connected. Graph nodes: 1 region, 1 affinity
 * group, 1 VNet, 3 subnets, 1 gateway, 1 site, 2 services, 3 VMs = 13.
 */
export function hubEvents(): TimedEvent[] {
  const raw: Timed[] = [
    { time: 0, type: 'world.started', scenario: 'hub', seed: '1', era: '2012' },
    { time: 0, type: 'affinityGroup.created', affinityGroup: 'HubAG', region: 'West US' },
    { time: 0, type: 'vnet.defined', vnet: 'HubVNet', affinityGroup: 'HubAG', addressSpace: ['10.1.0.0/16'],
      subnets: [{ name: 'FrontEnd', prefix: '10.1.1.0/24' }, { name: 'BackEnd', prefix: '10.1.2.0/24' }, { name: 'GatewaySubnet', prefix: '10.1.255.0/29' }] },
    { time: 0, type: 'localSite.defined', site: 'OnPrem', addressPrefixes: ['192.168.0.0/16'], vpnGatewayAddress: '203.0.113.10' },
    { time: 1000, type: 'service.created', service: 'web', dnsName: 'web.cloudapp.net', affinityGroup: 'HubAG', region: 'West US' },
    { time: 1000, type: 'service.kindSet', service: 'web', kind: 'IaaS' },
    { time: 1000, type: 'vip.assigned', service: 'web', slot: 'production', ip: '138.91.0.10' },
    { time: 1000, type: 'vm.created', service: 'web', vm: 'web1', deployment: 'web', size: 'Small', os: 'Windows', source: { image: 'base' }, osDisk: 'web1-os', vnet: 'HubVNet', subnet: 'FrontEnd', mac: '00-15-5D-00-00-01' },
    { time: 1000, type: 'dip.allocated', service: 'web', vm: 'web1', ip: '10.1.1.4', static: false, vnet: 'HubVNet', subnet: 'FrontEnd' },
    { time: 2000, type: 'vm.created', service: 'web', vm: 'web2', deployment: 'web', size: 'Small', os: 'Windows', source: { image: 'base' }, osDisk: 'web2-os', vnet: 'HubVNet', subnet: 'FrontEnd', mac: '00-15-5D-00-00-02' },
    { time: 2000, type: 'dip.allocated', service: 'web', vm: 'web2', ip: '10.1.1.5', static: false, vnet: 'HubVNet', subnet: 'FrontEnd' },
    { time: 3000, type: 'service.created', service: 'db', dnsName: 'db.cloudapp.net', affinityGroup: 'HubAG', region: 'West US' },
    { time: 3000, type: 'service.kindSet', service: 'db', kind: 'IaaS' },
    { time: 3000, type: 'vm.created', service: 'db', vm: 'sql1', deployment: 'db', size: 'Large', os: 'Windows', source: { image: 'base' }, osDisk: 'sql1-os', vnet: 'HubVNet', subnet: 'BackEnd', mac: '00-15-5D-00-00-01' },
    { time: 3000, type: 'dip.allocated', service: 'db', vm: 'sql1', ip: '10.1.2.10', static: true, vnet: 'HubVNet', subnet: 'BackEnd' },
    { time: 5 * MINUTE_MS, type: 'vm.stateChanged', service: 'web', vm: 'web1', from: 'Provisioning', to: 'ReadyRole' },
    { time: 5 * MINUTE_MS, type: 'vm.stateChanged', service: 'web', vm: 'web2', from: 'Provisioning', to: 'ReadyRole' },
    { time: 6 * MINUTE_MS, type: 'vm.stateChanged', service: 'db', vm: 'sql1', from: 'Provisioning', to: 'ReadyRole' },
    { time: 7 * MINUTE_MS, type: 'gateway.stateChanged', vnet: 'HubVNet', from: 'NotProvisioned', to: 'Provisioning', operation: 'CreateGateway', operationStatus: 'InProgress' },
    { time: 22 * MINUTE_MS, type: 'gateway.stateChanged', vnet: 'HubVNet', from: 'Provisioning', to: 'Provisioned', operation: 'CreateGateway', operationStatus: 'Successful', publicIp: '137.116.0.20' },
    { time: 22 * MINUTE_MS, type: 'connection.stateChanged', vnet: 'HubVNet', site: 'OnPrem', from: 'NotConnected', to: 'Connecting', eventId: 23, message: 'IKE_SA_INIT sent' },
    { time: 22 * MINUTE_MS + 3000, type: 'connection.stateChanged', vnet: 'HubVNet', site: 'OnPrem', from: 'Connecting', to: 'Connected', eventId: 24, message: 'tunnel up' },
  ];
  return withSeq(raw);
}

/** Number of graph nodes `hubEvents` ends with. */
export const HUB_NODE_COUNT = 13;

/**
 * A large world of `vnets` VNets, each with `subnets` subnets of `vmsPerSubnet` VMs (one service per subnet), spread
 * over 4 regions, then `stateChanges` VM state flips one ms apart; for the 2,000-node render and streaming benchmarks.
 */
export function largeWorldEvents(vnets: number, subnets: number, vmsPerSubnet: number, stateChanges: number): TimedEvent[] {
  const raw: Timed[] = [{ time: 0, type: 'world.started', scenario: 'large', seed: '1', era: '2012' }];
  const vms: [string, string][] = [];
  for (let v = 0; v < vnets; v++) {
    const region = `Region ${v % 4}`;
    raw.push({ time: 0, type: 'affinityGroup.created', affinityGroup: `AG${v}`, region });
    raw.push({ time: 0, type: 'vnet.defined', vnet: `VNet${v}`, affinityGroup: `AG${v}`, addressSpace: [`10.${v % 256}.0.0/16`],
      subnets: Array.from({ length: subnets }, (_, s) => ({ name: `S${s}`, prefix: `10.${v % 256}.${s}.0/24` })) });
    for (let s = 0; s < subnets; s++) {
      const service = `svc-${v}-${s}`;
      raw.push({ time: 0, type: 'service.created', service, dnsName: `${service}.cloudapp.net`, affinityGroup: `AG${v}`, region });
      for (let m = 0; m < vmsPerSubnet; m++) {
        const vm = `vm${m}`;
        raw.push({
          time: 0, type: 'vm.created', service, vm, deployment: service, size: 'Small', os: 'Linux', source: { image: 'base' },
          osDisk: `${service}-${vm}-os`, vnet: `VNet${v}`, subnet: `S${s}`, mac: '00-15-5D-00-00-01',
        });
        raw.push({ time: 0, type: 'dip.allocated', service, vm, ip: `10.${v % 256}.${s}.${4 + m}`, static: false, vnet: `VNet${v}`, subnet: `S${s}` });
        vms.push([service, vm]);
      }
    }
  }
  const states = ['ReadyRole', 'StoppedVM', 'RoleStateUnknown'] as const;
  for (let i = 0; i < stateChanges; i++) {
    const [service, vm] = vms[(i * 7919) % vms.length]!;
    raw.push({ time: 1 + i, type: 'vm.stateChanged', service, vm, from: 'RoleStateUnknown', to: states[i % states.length]! });
  }
  return withSeq(raw);
}

function withSeq(raw: readonly Timed[]): TimedEvent[] {
  return raw.map((event, seq) => ({ ...event, seq }));
}
