import { compareNatural } from './natural-order.js';
import type { View } from './view-model.js';

/** What a topology node stands for; ids are `kind:name` like the diagnostics' object names (`subnet:Hub/FrontEnd`). */
export type NodeKind = 'region' | 'affinityGroup' | 'vnet' | 'subnet' | 'gateway' | 'site' | 'service' | 'vm';

/** One node of the topology graph, placed in the containment tree by `parent`. */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Containing node in the tree region → affinity group → VNet → subnet → VM; `null` for a top-level node. */
  parent: string | null;
  /** Lifecycle state to colour by (VM power state, gateway provisioning state), `null` when it has none. */
  state: string | null;
  /** Cloud service a VM belongs to: services group VMs across subnets. */
  group: string | null;
  /** One line of facts for the tooltip (DIP, size, VIPs …). */
  detail: string;
}

/** A containment edge of the tree, or a site-to-site tunnel coloured by its connectivity state. */
export interface GraphLink {
  id: string;
  kind: 'contains' | 'tunnel';
  source: string;
  target: string;
  state: string | null;
}

/** The drawable topology derived from a view. */
export interface Graph {
  nodes: GraphNode[];
  links: GraphLink[];
}

/** Derives the topology graph from a view; deterministic order (ids in natural order: vm4 before vm12) so keyed joins stay stable. */
export function buildGraph(view: View): Graph {
  const nodes: GraphNode[] = [];
  const add = (node: GraphNode): void => {
    nodes.push(node);
  };
  const placeOf = (affinityGroup: string | null, region: string | null): string | null => {
    if (affinityGroup !== null && view.affinityGroups[affinityGroup] !== undefined) return `affinityGroup:${affinityGroup}`;
    return region === null ? null : `region:${region}`;
  };

  for (const region of view.regions) add(node('region', region, region, null, `region ${region}`));
  for (const ag of Object.values(view.affinityGroups)) {
    add(node('affinityGroup', ag.name, ag.name, `region:${ag.region}`, `affinity group in ${ag.region}`));
  }
  for (const vnet of Object.values(view.vnets)) {
    add(node('vnet', vnet.name, vnet.name, placeOf(vnet.affinityGroup, vnet.region), vnet.addressSpace.join(', ')));
    for (const subnet of vnet.subnets) {
      add(node('subnet', `${vnet.name}/${subnet.name}`, subnet.name, `vnet:${vnet.name}`, subnet.prefix));
    }
    if (vnet.gateway !== null) {
      add({
        ...node('gateway', vnet.name, 'gateway', `vnet:${vnet.name}`, `VIP ${vnet.gateway.publicIp ?? 'none yet'}`),
        state: vnet.gateway.state,
      });
    }
  }
  const tunnels = Object.values(view.connections).filter((c) => view.vnets[c.vnet]?.gateway != null);
  for (const site of Object.values(view.sites)) {
    // A site sits behind the first gateway that has a tunnel to it; further tunnels are drawn as extra links.
    const first = tunnels.filter((c) => c.site === site.name).map((c) => c.vnet).sort(compareNatural)[0];
    add(node('site', site.name, site.name, first === undefined ? null : `gateway:${first}`,
      `${site.addressPrefixes.join(', ')} via ${site.vpnGatewayAddress ?? '?'}`));
  }
  for (const service of Object.values(view.services)) {
    const facts = [service.kind ?? 'empty', ...service.vips.map((vip) => `VIP ${vip}`)];
    add(node('service', service.name, service.name, placeOf(service.affinityGroup, service.region), facts.join(', ')));
  }
  for (const vm of Object.values(view.vms)) {
    const inSubnet = vm.vnet !== null && vm.subnet !== null && view.vnets[vm.vnet] !== undefined;
    add({
      ...node('vm', `${vm.service}/${vm.name}`, vm.name, inSubnet ? `subnet:${vm.vnet}/${vm.subnet}` : `service:${vm.service}`,
        [vm.ip === null ? 'no DIP' : `${vm.ip}${vm.isStaticIp ? ' (static)' : ''}`, vm.size, vm.os].filter(Boolean).join(', ')),
      state: vm.state,
      group: vm.service,
    });
  }

  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) if (n.parent !== null && !ids.has(n.parent)) n.parent = null;
  nodes.sort((a, b) => compareNatural(a.id, b.id));

  // A site's tree edge is drawn as its tunnel, coloured by state, so it gets no plain containment edge.
  const links: GraphLink[] = nodes.flatMap((n) =>
    n.parent === null || n.kind === 'site' ? [] : [{ id: `${n.parent}>${n.id}`, kind: 'contains' as const, source: n.parent, target: n.id, state: null }]);
  for (const c of tunnels) {
    if (!ids.has(`site:${c.site}`)) continue;
    links.push({ id: `tunnel:${c.vnet}/${c.site}`, kind: 'tunnel', source: `gateway:${c.vnet}`, target: `site:${c.site}`, state: c.state });
  }
  links.sort((a, b) => compareNatural(a.id, b.id));
  return { nodes, links };
}

function node(kind: NodeKind, name: string, label: string, parent: string | null, detail: string): GraphNode {
  return { id: `${kind}:${name}`, kind, label, parent, state: null, group: null, detail };
}
