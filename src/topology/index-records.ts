import type { TopologyModel, TopoVm, TopoVnet } from './model.js';
import { TopologyError, type TopologyErrorCode } from './topology-change.js';

// The record keeping behind TopologyIndex: its private copies of a model and the by-name lists and groupings it edits.

/** Copies the records events can change so the caller's model is never mutated; immutable parts are shared. */
export function copyMutableParts(model: TopologyModel): TopologyModel {
  return {
    affinityGroups: model.affinityGroups,
    services: model.services.map((service) => ({ ...service })),
    localSites: model.localSites,
    vnets: model.vnets.map((vnet) =>
      vnet.gateway === undefined
        ? vnet
        : { ...vnet, gateway: { ...vnet.gateway, connections: vnet.gateway.connections.map((c) => ({ ...c })) } },
    ),
    vms: model.vms.map((vm) => ({ ...vm })),
  };
}

/** The list with `record` in place of its namesake (same position), or at the end when new; the map follows. */
export function putRecord<T extends { name: string }>(records: T[], byName: Map<string, T>, record: T): T[] {
  const known = byName.get(record.name);
  byName.set(record.name, record);
  if (known === undefined) return [...records, record];
  return records.map((r) => (r === known ? record : r));
}

/** The list without the record of that name; the map follows. */
export function removeRecord<T extends { name: string }>(records: T[], byName: Map<string, T>, name: string, code: TopologyErrorCode): T[] {
  const known = byName.get(name);
  if (known === undefined) throw new TopologyError(code, `no ${code === 'unknown-vnet' ? 'VNet' : 'local site'} '${name}'`);
  byName.delete(name);
  return records.filter((r) => r !== known);
}

/** The VMs grouped by a key, each group in the VMs' order. */
export function groupVms<K>(vms: readonly TopoVm[], keyOf: (vm: TopoVm) => K): Map<K, TopoVm[]> {
  const groups = new Map<K, TopoVm[]>();
  for (const vm of vms) appendTo(groups, keyOf(vm), vm);
  return groups;
}

/** Appends `value` to the list under `key`, starting the list when missing. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Removes `value` from the list under `key`, dropping the list once empty. */
export function removeFrom<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) return;
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}

/** Files under `into` (cleared first) each local site whose device address is a VNet's gateway VIP: VNet-to-VNet. */
export function fileSitesStandingForVnets(model: Pick<TopologyModel, 'vnets' | 'localSites'>, into: Map<string, TopoVnet>): void {
  into.clear();
  const vnetsByGatewayVip = new Map<number, TopoVnet>();
  for (const vnet of model.vnets) {
    if (vnet.gateway?.vip !== undefined) vnetsByGatewayVip.set(vnet.gateway.vip, vnet);
  }
  for (const site of model.localSites) {
    const vnet = site.vpnGatewayAddress === undefined ? undefined : vnetsByGatewayVip.get(site.vpnGatewayAddress);
    if (vnet !== undefined) into.set(site.name, vnet);
  }
}
