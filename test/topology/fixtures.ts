import { parseIPv4, parsePrefix4, type Prefix4 } from '../../src/ipam/index.js';
import type {
  TopoAclRule, TopoEndpoint, TopologyModel, TopoService, TopoVm, TopoVnet,
} from '../../src/topology/index.js';

/** Parses a prefix in a test, failing loudly on a typo. */
export function prefix(text: string): Prefix4 {
  const parsed = parsePrefix4(text);
  if (!parsed.ok) throw new Error(`bad test prefix ${text}: ${parsed.message}`);
  return parsed.value;
}

/** Parses an address in a test, failing loudly on a typo. */
export function ip(text: string): number {
  const parsed = parseIPv4(text);
  if (!parsed.ok) throw new Error(`bad test address ${text}: ${parsed.message}`);
  return parsed.value;
}

/** An ACL rule. */
export function rule(order: number, action: 'permit' | 'deny', subnet: string): TopoAclRule {
  return { order, action, remoteSubnet: prefix(subnet) };
}

/** An endpoint `name protocol public→private` with an optional ACL. */
export function endpoint(name: string, protocol: 'tcp' | 'udp', publicPort: number, privatePort: number, acl: TopoAclRule[] = []): TopoEndpoint {
  return { name, protocol, publicPort, privatePort, acl };
}

/** A VM, running unless told otherwise. */
export function vm(service: string, name: string, dip: string, extra: Partial<TopoVm> = {}): TopoVm {
  return { service, name, dip: ip(dip), state: 'ReadyRole', endpoints: [], ...extra };
}

/**
 * A small classic world used by the golden tests:
 * - HubVNet (affinity group ag-west, 10.1.0.0/16) holds services Web and Db; its gateway reaches on-premises
 *   Branch (192.168.0.0/16) and SpokeVNet (through site SpokeSite);
 * - SpokeVNet (regional, West US, 10.2.0.0/16) holds service Spoke and reaches back through site HubSite;
 * - Lone and Paas sit in no VNet.
 */
export function makeClassicWorld(): TopologyModel {
  const hub: TopoVnet = {
    name: 'HubVNet', affinityGroup: 'ag-west', addressSpace: [prefix('10.1.0.0/16')],
    subnets: [{ name: 'FrontEnd', prefix: prefix('10.1.1.0/24') }, { name: 'BackEnd', prefix: prefix('10.1.2.0/24') }],
    gateway: {
      state: 'Provisioned', type: 'DynamicRouting', vip: ip('40.0.0.1'),
      connections: [{ site: 'Branch', state: 'Connected' }, { site: 'SpokeSite', state: 'Connected' }],
    },
    source: { file: 'world.yaml', line: 10, column: 3 },
  };
  const spoke: TopoVnet = {
    name: 'SpokeVNet', region: 'West US', addressSpace: [prefix('10.2.0.0/16')],
    subnets: [{ name: 'Apps', prefix: prefix('10.2.0.0/24') }],
    gateway: { state: 'Provisioned', type: 'DynamicRouting', vip: ip('40.0.0.2'), connections: [{ site: 'HubSite', state: 'Connected' }] },
  };
  const services: TopoService[] = [
    { name: 'Web', affinityGroup: 'ag-west', vnet: 'HubVNet', vip: ip('23.0.0.1'), kind: 'IaaS' },
    { name: 'Db', affinityGroup: 'ag-west', vnet: 'HubVNet', vip: ip('23.0.0.2'), kind: 'IaaS', source: { file: 'world.yaml', line: 30, column: 5 } },
    { name: 'Spoke', region: 'West US', vnet: 'SpokeVNet', vip: ip('23.0.0.3'), kind: 'IaaS' },
    { name: 'Lone', affinityGroup: 'ag-east', vip: ip('23.0.0.4'), kind: 'IaaS' },
    { name: 'Paas', region: 'West US', vip: ip('23.0.0.5'), kind: 'PaaS' },
  ];
  return {
    affinityGroups: [{ name: 'ag-west', region: 'West US' }, { name: 'ag-east', region: 'East US' }],
    vnets: [hub, spoke],
    services,
    vms: [
      vm('Web', 'web1', '10.1.1.4', { subnet: 'FrontEnd', endpoints: [endpoint('HTTP', 'tcp', 80, 80)] }),
      vm('Web', 'web2', '10.1.1.5', { subnet: 'FrontEnd', endpoints: [endpoint('HTTP', 'tcp', 80, 80)] }),
      vm('Db', 'sql1', '10.1.2.4', {
        subnet: 'BackEnd', source: { file: 'world.yaml', line: 33, column: 7 },
        endpoints: [endpoint('SQL', 'tcp', 1433, 1433, [rule(100, 'permit', '23.0.0.4/32')])],
      }),
      vm('Spoke', 'app1', '10.2.0.4', { subnet: 'Apps', endpoints: [endpoint('SSH', 'tcp', 22, 22)] }),
      vm('Lone', 'solo', '10.0.0.4', { endpoints: [endpoint('RDP', 'tcp', 50001, 3389)] }),
      vm('Paas', 'WebRole_IN_0', '10.0.0.5', { endpoints: [endpoint('HTTP', 'tcp', 80, 8080)] }),
    ],
    localSites: [
      { name: 'Branch', addressPrefixes: [prefix('192.168.0.0/16')], vpnGatewayAddress: ip('131.107.0.1'), source: { file: 'world.yaml', line: 50, column: 3 } },
      { name: 'SpokeSite', addressPrefixes: [prefix('10.2.0.0/16')], vpnGatewayAddress: ip('40.0.0.2') },
      { name: 'HubSite', addressPrefixes: [prefix('10.1.0.0/16')], vpnGatewayAddress: ip('40.0.0.1') },
      { name: 'Lab', addressPrefixes: [prefix('172.16.0.0/16')], vpnGatewayAddress: ip('131.107.0.9') },
    ],
  };
}

/** Edits one named VNet of a world copy. */
export function editVnet(model: TopologyModel, name: string, edit: (vnet: TopoVnet) => TopoVnet): TopologyModel {
  return { ...model, vnets: model.vnets.map((v) => (v.name === name ? edit(v) : v)) };
}

/** Edits one VM (`service/vm`) of a world copy. */
export function editVm(model: TopologyModel, key: string, edit: (vm: TopoVm) => TopoVm): TopologyModel {
  return { ...model, vms: model.vms.map((v) => (`${v.service}/${v.name}` === key ? edit(v) : v)) };
}

/** Edits one service of a world copy. */
export function editService(model: TopologyModel, name: string, edit: (s: TopoService) => TopoService): TopologyModel {
  return { ...model, services: model.services.map((s) => (s.name === name ? edit(s) : s)) };
}
