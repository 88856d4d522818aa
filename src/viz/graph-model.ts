import {
  describeGateway, describeRefusal, describeSite, describeTunnel, gatewayFacts, siteFacts, tunnelCondition, tunnelLabel, type TunnelCondition,
} from './graph-status.js';
import { connectGraph } from './connect-graph.js';
import { compareNatural } from './natural-order.js';
import { gatewayOf, type RefusalView, type View } from './view-model.js';

/** What a topology node stands for; ids are `kind:name` like the diagnostics' object names (`subnet:Hub/FrontEnd`). */
export type NodeKind = 'region' | 'affinityGroup' | 'vnet' | 'subnet' | 'gateway' | 'site' | 'service' | 'vm' | 'relay' | 'endpointGroup' | 'endpoint';

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
  /** What the caption adds after the label (prefixes; a gateway's type, SKU, state and VIP); `\n` starts a line. */
  facts: string;
  /** The tooltip: facts in words (DIP, size, VIPs; a gateway's last operation; a refused command). */
  detail: string;
  /** The last command refused that named this object, marked on it. */
  refusal: RefusalView | null;
}

/**
 * A containment edge of the tree, a site-to-site tunnel coloured by its connectivity state, a Connect endpoint's link
 * to the relay, or a Connect policy link (group ↔ group, group ↔ role).
 */
export interface GraphLink {
  id: string;
  kind: 'contains' | 'tunnel' | 'relay' | 'policy';
  source: string;
  target: string;
  state: string | null;
  /** A tunnel's condition, which picks its stroke (`null` for containment). */
  condition: TunnelCondition | null;
  /** Words drawn beside the tunnel's site (state or failure reason); empty for containment and for extra tunnels to a site. */
  label: string;
  /** A tunnel's tooltip: state and reason since when, the last message. */
  detail: string;
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
  // A deleted gateway (NotProvisioned) disappears again.
  const gateways = Object.keys(view.vnets).flatMap((vnet) => gatewayOf(view, vnet) ?? []);
  for (const vnet of Object.values(view.vnets)) {
    const space = vnet.addressSpace.join(', ');
    add({ ...node('vnet', vnet.name, vnet.name, placeOf(vnet.affinityGroup, vnet.region), space), facts: space });
    for (const subnet of vnet.subnets) {
      add({ ...node('subnet', `${vnet.name}/${subnet.name}`, subnet.name, `vnet:${vnet.name}`, subnet.prefix), facts: subnet.prefix });
    }
  }
  for (const gateway of gateways) {
    add({ ...node('gateway', gateway.vnet, 'gateway', `vnet:${gateway.vnet}`, describeGateway(gateway)), facts: gatewayFacts(gateway), state: gateway.state });
  }
  const tunnels = gateways.flatMap((g) => Object.values(g.connections).map((connection) => ({ vnet: g.vnet, connection })));
  const siteOf = (t: (typeof tunnels)[number]): string => t.connection.LocalNetworkSiteName;
  for (const site of Object.values(view.sites)) {
    // A site sits behind the first gateway that has a tunnel to it; further tunnels are drawn as extra links.
    const first = tunnels.filter((t) => siteOf(t) === site.name).map((t) => t.vnet).sort(compareNatural)[0];
    add({ ...node('site', site.name, site.name, first === undefined ? null : `gateway:${first}`, describeSite(site)), facts: siteFacts(site) });
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

  const connect = connectGraph(view.connect, view.vms, view.refusals);
  for (const n of connect.nodes) add({ ...n, group: null });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) if (n.parent !== null && !byId.has(n.parent)) n.parent = null;
  markRefusals(view, byId);
  nodes.sort((a, b) => compareNatural(a.id, b.id));

  // A site's tree edge is drawn as its tunnel, coloured by state, so it gets no plain containment edge.
  const links: GraphLink[] = nodes.flatMap((n) => n.parent === null || n.kind === 'site' ? [] : [{
    id: `${n.parent}>${n.id}`, kind: 'contains' as const, source: n.parent, target: n.id, state: null, condition: null, label: '', detail: '',
  }]);
  for (const { vnet, connection } of tunnels) {
    const site = byId.get(`site:${siteOf({ vnet, connection })}`);
    if (site === undefined) continue;
    links.push({
      id: `tunnel:${vnet}/${connection.LocalNetworkSiteName}`, kind: 'tunnel', source: `gateway:${vnet}`, target: site.id,
      state: connection.ConnectivityState, condition: tunnelCondition(connection),
      // Only the tunnel the site sits behind has room for words beside it; the others say theirs in the tooltip.
      label: site.parent === `gateway:${vnet}` ? tunnelLabel(connection) : '', detail: describeTunnel(vnet, connection),
    });
  }
  for (const l of connect.links) if (byId.has(l.source) && byId.has(l.target)) links.push({ ...l, state: null, condition: null, label: '' });
  links.sort((a, b) => compareNatural(a.id, b.id));
  return { nodes, links };
}

function node(kind: NodeKind, name: string, label: string, parent: string | null, detail: string): GraphNode {
  return { id: `${kind}:${name}`, kind, label, parent, state: null, group: null, facts: '', detail, refusal: null };
}

/**
 * Marks each refused command on the nodes it named, and adds it to their tooltips; a command naming a gateway that
 * does not exist (a key set before the gateway was created) is marked on the gateway's VNet instead.
 */
function markRefusals(view: View, byId: ReadonlyMap<string, GraphNode>): void {
  for (const [id, refusal] of Object.entries(view.refusals)) {
    const target = byId.get(id) ?? (id.startsWith('gateway:') ? byId.get(`vnet:${id.slice('gateway:'.length)}`) : undefined);
    if (target === undefined || (target.refusal !== null && target.refusal.seq >= refusal.seq)) continue;
    target.refusal = refusal;
    target.detail = `${target.detail}\n${describeRefusal(refusal)}`;
  }
}
