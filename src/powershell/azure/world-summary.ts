import { roleKey, type ComputeRecords } from '../../asm/index.js';
import { listServiceVms, type Endpoint, type Vm, type World } from '../../sim/index.js';

/** The world a script left behind, as plain data (`--format json`) in the order the text shows it. */
export interface WorldSummary {
  affinityGroups: { name: string; region: string }[];
  vnets: { name: string; affinityGroup: string | null; region: string | null; addressSpace: string[]; subnets: { name: string; prefix: string }[] }[];
  services: {
    name: string; dnsName: string; vip: string | null; placement: string;
    /** The deployment's DNS servers (New-AzureVM -DnsSettings), as `name address`. */
    dnsServers: string[];
    /** The deployment's internal load balancer, as `name ip` (and `in vnet/subnet`). */
    internalLoadBalancer: string | null;
    vms: { name: string; state: string; size: string; dip: string | null; isStatic: boolean; subnet: string | null; endpoints: EndpointSummary[] }[];
  }[];
  gateways: { vnet: string; state: string; type: string | null; publicIp: string | null; connections: { site: string; state: string }[] }[];
  storageAccounts: string[];
  /** Reserved IPs, as `name ip location` and the service using it. */
  reservedIps: { name: string; ip: string; location: string; service: string | null }[];
}

/** One endpoint: its port mapping, load-balanced set and probe (`http:80/health`), ACL rules (`permit 10.0.0.0/8 #100`), internal load balancer. */
export interface EndpointSummary {
  name: string; protocol: string; publicPort: number; privatePort: number;
  loadBalancedSet: string | null; probe: string | null; acl: string[]; internalLoadBalancer: string | null;
}

function summarizeEndpoint(records: ComputeRecords, vm: Vm, e: Endpoint): EndpointSummary {
  const settings = records.roles[roleKey(vm.service, vm.name)]?.endpointSettings?.[e.name];
  const probe = settings?.probe;
  return {
    name: e.name, protocol: e.protocol, publicPort: e.publicPort, privatePort: e.privatePort, loadBalancedSet: e.loadBalancedSet,
    probe: probe === undefined ? null : `${probe.protocol}:${probe.port}${probe.path ?? ''}`,
    acl: [...e.acl].sort((a, b) => a.order - b.order).map((rule) => `${rule.action} ${rule.remoteSubnet} #${rule.order}`),
    internalLoadBalancer: settings?.internalLoadBalancerName ?? null,
  };
}

function describeEndpoint(e: EndpointSummary): string {
  const extras = [
    ...(e.internalLoadBalancer === null ? [] : [`ilb ${e.internalLoadBalancer}`]),
    ...(e.loadBalancedSet === null ? [] : [`lb ${e.loadBalancedSet}`]),
    ...(e.probe === null ? [] : [`probe ${e.probe}`]),
    ...(e.acl.length === 0 ? [] : [`acl ${e.acl.join(', ')}`]),
  ];
  return `${e.name} ${e.protocol} ${e.publicPort}->${e.privatePort}${extras.length === 0 ? '' : ` [${extras.join('; ')}]`}`;
}

function describeInternalLoadBalancer(world: World, service: string): string | null {
  const ilb = world.internalLoadBalancers[service];
  if (ilb === undefined) return null;
  return `${ilb.name} ${ilb.ip}${ilb.subnet === null ? '' : ` in ${ilb.vnet ?? ''}/${ilb.subnet}`}`;
}

/** Reads the summary from the world and the platform's records. */
export function summarizeWorld(world: World, records: ComputeRecords): WorldSummary {
  return {
    affinityGroups: Object.values(world.affinityGroups).map((g) => ({ name: g.name, region: g.region })),
    vnets: Object.values(world.vnets).map((v) => ({
      name: v.name, affinityGroup: v.affinityGroup, region: v.region, addressSpace: v.addressSpace, subnets: Object.values(v.subnets).map((s) => ({ name: s.name, prefix: s.prefix })),
    })),
    services: Object.values(world.services).map((s) => ({
      name: s.name, dnsName: s.dnsName, vip: s.vips.production, placement: s.affinityGroup === null ? s.region : `${s.affinityGroup} (${s.region})`,
      dnsServers: (records.deployments[s.name]?.dnsServers ?? []).map((d) => `${d.name} ${d.address}`),
      internalLoadBalancer: describeInternalLoadBalancer(world, s.name),
      vms: listServiceVms(world, s.name).map((vm) => ({
        name: vm.name, state: vm.state, size: vm.size, dip: vm.dip, isStatic: vm.isStatic, subnet: vm.subnet,
        endpoints: Object.values(vm.endpoints).map((e) => summarizeEndpoint(records, vm, e)),
      })),
    })),
    gateways: Object.values(world.gateway.gateways).filter((g) => g.state !== 'NotProvisioned' || Object.keys(g.connections).length > 0).map((g) => ({
      vnet: g.vnet, state: g.state, type: g.gatewayType ?? null, publicIp: g.publicIp ?? null,
      connections: Object.values(g.connections).map((c) => ({ site: c.LocalNetworkSiteName, state: c.ConnectivityState })),
    })),
    storageAccounts: Object.values(records.storageAccounts).map((a) => a.name),
    reservedIps: Object.values(world.reservedIps).map((r) => ({ name: r.name, ip: r.ip, location: r.location, service: r.service })),
  };
}

/** The summary as the text `vnetsim ps` prints after the script's output. */
export function formatWorldSummary(summary: WorldSummary, elapsedMs: number): string[] {
  const lines = [`World after the script (simulated time +${formatElapsed(elapsedMs)}):`];
  if (summary.affinityGroups.length > 0) lines.push(`  affinity groups: ${summary.affinityGroups.map((g) => `${g.name} (${g.region})`).join(', ')}`);
  for (const v of summary.vnets) {
    lines.push(`  vnet ${v.name} [${v.addressSpace.join(', ')}] in ${v.affinityGroup ?? v.region ?? '?'}`);
    for (const s of v.subnets) lines.push(`    subnet ${s.name} ${s.prefix}`);
  }
  for (const s of summary.services) {
    lines.push(`  service ${s.name} (${s.dnsName}) in ${s.placement}${s.vip === null ? '' : `, VIP ${s.vip}`}${s.dnsServers.length === 0 ? '' : `, DNS ${s.dnsServers.join(', ')}`}`);
    if (s.internalLoadBalancer !== null) lines.push(`    internal load balancer ${s.internalLoadBalancer}`);
    for (const vm of s.vms) {
      const address = vm.dip === null ? 'no DIP' : `${vm.dip}${vm.isStatic ? ' (static)' : ''}`;
      const endpoints = vm.endpoints.map(describeEndpoint).join(', ');
      lines.push(`    vm ${vm.name} ${vm.state} ${vm.size} ${address}${vm.subnet === null ? '' : ` in ${vm.subnet}`}${endpoints === '' ? '' : `; endpoints ${endpoints}`}`);
    }
  }
  for (const g of summary.gateways) {
    lines.push(`  gateway ${g.vnet} ${g.state}${g.type === null ? '' : ` ${g.type}`}${g.publicIp === null ? '' : ` ${g.publicIp}`}`);
    for (const c of g.connections) lines.push(`    connection ${c.site} ${c.state}`);
  }
  for (const r of summary.reservedIps) lines.push(`  reserved ip ${r.name} ${r.ip} in ${r.location}${r.service === null ? ', unused' : `, VIP of ${r.service}`}`);
  if (summary.storageAccounts.length > 0) lines.push(`  storage accounts: ${summary.storageAccounts.join(', ')}`);
  if (lines.length === 1) lines.push('  (empty subscription)');
  return lines;
}

function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}h` : ''}${m}m${String(s % 60).padStart(2, '0')}s`;
}

