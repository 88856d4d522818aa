/**
 * `vnetsim check` end to end (read file + parse with positions + all plan rules) on generated plans of 10k and 100k
 * subnets, in YAML and NetworkConfig.xml. Prints each time, the 100k/10k ratio (the goal: ≤ 15, i.e. near n log n)
 * and the ratio to two baselines measured in this same run on the same sizes: JSON.parse of the same plan as JSON,
 * and sorting as many random integers as there are subnets.
 * Run: `node --import tsx bench/check.bench.ts` (or `npm run bench -- check`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkPlan } from '../src/ipam/index.js';
import { loadNetworkPlan } from '../src/scenario/network-load.js';
import { NETCFG_NAMESPACE } from '../src/scenario/network-xml.js';

const SUBNETS_PER_VNET = 1_000;
const SIZES = [10_000, 100_000];
const RUNS = 3;

interface GeneratedVnet {
  name: string;
  space: string;
  subnets: Array<{ name: string; prefix: string }>;
  site: { name: string; space: string; vpn: string };
}

/** VNet v owns 10.v.0.0/16 cut into 1,000 /28 subnets (the first is its GatewaySubnet) and connects to site v. */
function generateVnets(subnetCount: number): GeneratedVnet[] {
  const vnets: GeneratedVnet[] = [];
  for (let v = 0; v * SUBNETS_PER_VNET < subnetCount; v++) {
    const subnets: Array<{ name: string; prefix: string }> = [{ name: 'GatewaySubnet', prefix: `10.${v}.0.0/28` }];
    const count = Math.min(SUBNETS_PER_VNET, subnetCount - v * SUBNETS_PER_VNET);
    for (let s = 1; s < count; s++) subnets.push({ name: `S${s}`, prefix: `10.${v}.${s >> 4}.${(s & 15) * 16}/28` });
    vnets.push({
      name: `VNet${v}`,
      space: `10.${v}.0.0/16`,
      subnets,
      site: { name: `Site${v}`, space: `192.168.${v}.0/24`, vpn: `131.107.${v}.1` },
    });
  }
  return vnets;
}

function toYaml(vnets: readonly GeneratedVnet[]): string {
  const lines = ['name: bench', 'network:', '  localNetworkSites:'];
  for (const v of vnets) {
    lines.push(`    - { name: ${v.site.name}, addressSpace: [${v.site.space}], vpnGatewayAddress: ${v.site.vpn} }`);
  }
  lines.push('  virtualNetworkSites:');
  for (const v of vnets) {
    lines.push(`    - name: ${v.name}`, '      location: West US', `      addressSpace: [${v.space}]`, '      subnets:');
    for (const s of v.subnets) lines.push(`        - { name: ${s.name}, addressPrefix: ${s.prefix} }`);
    lines.push(`      gateway: { connectionsToLocalNetwork: [${v.site.name}] }`);
  }
  return `${lines.join('\n')}\n`;
}

function toXml(vnets: readonly GeneratedVnet[]): string {
  const out = [`<NetworkConfiguration xmlns="${NETCFG_NAMESPACE}"><VirtualNetworkConfiguration><LocalNetworkSites>`];
  for (const v of vnets) {
    out.push(
      `<LocalNetworkSite name="${v.site.name}"><AddressSpace><AddressPrefix>${v.site.space}</AddressPrefix></AddressSpace>` +
        `<VPNGatewayAddress>${v.site.vpn}</VPNGatewayAddress></LocalNetworkSite>`,
    );
  }
  out.push('</LocalNetworkSites><VirtualNetworkSites>');
  for (const v of vnets) {
    out.push(`<VirtualNetworkSite name="${v.name}" Location="West US">`);
    out.push(`<AddressSpace><AddressPrefix>${v.space}</AddressPrefix></AddressSpace><Subnets>`);
    for (const s of v.subnets) out.push(`<Subnet name="${s.name}"><AddressPrefix>${s.prefix}</AddressPrefix></Subnet>`);
    out.push(`</Subnets><Gateway><ConnectionsToLocalNetwork><LocalNetworkSiteRef name="${v.site.name}">`);
    out.push('<Connection type="IPsec"/></LocalNetworkSiteRef></ConnectionsToLocalNetwork></Gateway></VirtualNetworkSite>');
  }
  out.push('</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>');
  return out.join('\n');
}

function medianMs(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function medianAsyncMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function checkFile(file: string): Promise<number> {
  const { plan, era } = await loadNetworkPlan(file);
  const found = checkPlan(plan, { era });
  const errors = found.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated plan is not clean: ${errors[0]?.message ?? ''}`);
  return found.length;
}

const dir = mkdtempSync(join(tmpdir(), 'vnetsim-check-bench-'));
const rows: Array<{ size: number; format: string; ms: number; jsonMs: number; sortMs: number }> = [];
try {
  for (const size of SIZES) {
    const vnets = generateVnets(size);
    const json = JSON.stringify(vnets);
    const jsonMs = medianMs(RUNS, () => JSON.parse(json));
    const integers = Array.from({ length: size }, () => Math.floor(Math.random() * 2 ** 32));
    const sortMs = medianMs(RUNS, () => Float64Array.from(integers).sort());
    for (const [format, text] of [
      ['yaml', toYaml(vnets)],
      ['xml', toXml(vnets)],
    ] as const) {
      const file = join(dir, `plan-${size}.${format}`);
      writeFileSync(file, text);
      await checkFile(file);
      const ms = await medianAsyncMs(RUNS, () => checkFile(file));
      rows.push({ size, format, ms, jsonMs, sortMs });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
process.stdout.write(`check end to end (read + parse with positions + all rules), median of ${RUNS}\n`);
for (const row of rows) {
  process.stdout.write(
    `  ${row.format.padEnd(4)} ${String(row.size).padStart(7)} subnets: ${fmt(row.ms).padStart(11)}` +
      `  = ${(row.ms / row.jsonMs).toFixed(0).padStart(4)}× JSON.parse of the same plan (${fmt(row.jsonMs)})` +
      `  = ${(row.ms / row.sortMs).toFixed(0).padStart(5)}× sorting ${row.size} integers (${fmt(row.sortMs)})\n`,
  );
}
for (const format of ['yaml', 'xml']) {
  const small = rows.find((r) => r.format === format && r.size === SIZES[0]);
  const large = rows.find((r) => r.format === format && r.size === SIZES[1]);
  if (small !== undefined && large !== undefined) {
    process.stdout.write(
      `  ${format}: 100k/10k time ratio ${(large.ms / small.ms).toFixed(1)} (goal ≤ 15); 100k in ${fmt(large.ms)} (goal < 5000 ms)\n`,
    );
  }
}
