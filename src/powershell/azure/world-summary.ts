import type { ComputeRecords } from '../../asm/index.js';
import { listServiceVms, type World } from '../../sim/index.js';

/** The world a script left behind, as plain data (`--format json`) in the order the text shows it. */
export interface WorldSummary {
  affinityGroups: { name: string; region: string }[];
  vnets: { name: string; affinityGroup: string | null; region: string | null; addressSpace: string[]; subnets: { name: string; prefix: string }[] }[];
  services: {
    name: string; dnsName: string; vip: string | null; placement: string;
    vms: { name: string; state: string; size: string; dip: string | null; isStatic: boolean; subnet: string | null; endpoints: { name: string; protocol: string; publicPort: number; privatePort: number }[] }[];
  }[];
  gateways: { vnet: string; state: string; type: string | null; publicIp: string | null; connections: { site: string; state: string }[] }[];
  storageAccounts: string[];
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
      vms: listServiceVms(world, s.name).map((vm) => ({
        name: vm.name, state: vm.state, size: vm.size, dip: vm.dip, isStatic: vm.isStatic, subnet: vm.subnet,
        endpoints: Object.values(vm.endpoints).map((e) => ({ name: e.name, protocol: e.protocol, publicPort: e.publicPort, privatePort: e.privatePort })),
      })),
    })),
    gateways: Object.values(world.gateway.gateways).filter((g) => g.state !== 'NotProvisioned' || Object.keys(g.connections).length > 0).map((g) => ({
      vnet: g.vnet, state: g.state, type: g.gatewayType ?? null, publicIp: g.publicIp ?? null,
      connections: Object.values(g.connections).map((c) => ({ site: c.LocalNetworkSiteName, state: c.ConnectivityState })),
    })),
    storageAccounts: Object.values(records.storageAccounts).map((a) => a.name),
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
    lines.push(`  service ${s.name} (${s.dnsName}) in ${s.placement}${s.vip === null ? '' : `, VIP ${s.vip}`}`);
    for (const vm of s.vms) {
      const address = vm.dip === null ? 'no DIP' : `${vm.dip}${vm.isStatic ? ' (static)' : ''}`;
      const endpoints = vm.endpoints.map((e) => `${e.name} ${e.protocol} ${e.publicPort}->${e.privatePort}`).join(', ');
      lines.push(`    vm ${vm.name} ${vm.state} ${vm.size} ${address}${vm.subnet === null ? '' : ` in ${vm.subnet}`}${endpoints === '' ? '' : `; endpoints ${endpoints}`}`);
    }
  }
  for (const g of summary.gateways) {
    lines.push(`  gateway ${g.vnet} ${g.state}${g.type === null ? '' : ` ${g.type}`}${g.publicIp === null ? '' : ` ${g.publicIp}`}`);
    for (const c of g.connections) lines.push(`    connection ${c.site} ${c.state}`);
  }
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

