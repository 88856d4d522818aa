/**
 * `vnetsim check` end to end (runCheck: read file + parse with positions + all plan rules + sorted text output) on
 * generated plans of 10k and 100k subnets, in YAML and NetworkConfig.xml. Prints wall and CPU time (the machine is
 * shared: CPU time is the steadier figure), the 100k/10k ratio (the goal: ≤ 15, i.e. near n log n), the share spent
 * in the plain-subset YAML reader that check uses for such text, what the `yaml` library's parseDocument (the path for
 * text outside the subset) costs on the same text, and the ratio to two baselines measured in this same run on the
 * same sizes: JSON.parse of the same plan as JSON, and sorting as many random integers as there are subnets.
 * Run: `node --import tsx bench/check.bench.ts` (or `npm run bench -- check`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { runCheck } from '../src/cli/check.js';
import { NETCFG_NAMESPACE } from '../src/input/network-xml.js';
import { readPlainYaml } from '../src/input/plain-yaml-reader.js';

const SUBNETS_PER_VNET = 1_000;
const SIZES = [10_000, 100_000];
const RUNS = 5;

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

/** Wall and CPU milliseconds of one call. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** The median wall and median CPU time over `runs` calls (each median taken on its own). */
async function medianTiming(runs: number, work: () => unknown): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await work();
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

async function checkFile(file: string): Promise<void> {
  const result = await runCheck([file], { format: 'text' });
  if (result.exitCode !== 0) throw new Error(`generated plan is not clean: ${result.diagnostics[0]?.message ?? ''}`);
}

interface Row {
  size: number;
  format: string;
  check: Timing;
  /** Time of the plain-subset reader alone on the same text (YAML rows only). */
  reader: Timing | undefined;
  /** Time of the YAML library's parseDocument alone on the same text (YAML rows only). */
  library: Timing | undefined;
  json: Timing;
  sort: Timing;
}

const dir = mkdtempSync(join(tmpdir(), 'vnetsim-check-bench-'));
const rows: Row[] = [];
try {
  for (const size of SIZES) {
    const vnets = generateVnets(size);
    const jsonText = JSON.stringify(vnets);
    const json = await medianTiming(RUNS, () => JSON.parse(jsonText));
    const integers = Array.from({ length: size }, () => Math.floor(Math.random() * 2 ** 32));
    const sort = await medianTiming(RUNS, () => Float64Array.from(integers).sort());
    for (const [format, text] of [
      ['yaml', toYaml(vnets)],
      ['xml', toXml(vnets)],
    ] as const) {
      const file = join(dir, `plan-${size}.${format}`);
      writeFileSync(file, text);
      // the figures below are those of the fast path: make sure the generated text takes it
      if (format === 'yaml' && readPlainYaml(text) === undefined) throw new Error('generated YAML left the plain subset');
      await checkFile(file);
      const check = await medianTiming(RUNS, () => checkFile(file));
      const reader = format === 'yaml' ? await medianTiming(RUNS, () => readPlainYaml(text)) : undefined;
      const library = format === 'yaml' ? await medianTiming(RUNS, () => parseDocument(text)) : undefined;
      rows.push({ size, format, check, reader, library, json, sort });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
process.stdout.write(`check end to end (runCheck on a file: read, parse with positions, all rules, output), median of ${RUNS}\n`);
for (const row of rows) {
  const library =
    row.reader === undefined || row.library === undefined
      ? ''
      : `; plain-subset reader ${fmt(row.reader.cpuMs)} CPU (${((100 * row.reader.cpuMs) / row.check.cpuMs).toFixed(0)}%), ` +
        `yaml parseDocument on the same text ${fmt(row.library.cpuMs)} CPU`;
  process.stdout.write(
    `  ${row.format.padEnd(4)} ${String(row.size).padStart(7)} subnets: ${fmt(row.check.wallMs).padStart(8)} wall, ` +
      `${fmt(row.check.cpuMs).padStart(8)} CPU = ${(row.check.cpuMs / row.json.cpuMs).toFixed(0).padStart(3)}× JSON.parse ` +
      `of the same plan (${fmt(row.json.cpuMs)}), ${(row.check.cpuMs / row.sort.cpuMs).toFixed(0).padStart(4)}× sorting ` +
      `${row.size} integers (${row.sort.cpuMs.toFixed(1)} ms)${library}\n`,
  );
}
for (const format of ['yaml', 'xml']) {
  const small = rows.find((r) => r.format === format && r.size === SIZES[0]);
  const large = rows.find((r) => r.format === format && r.size === SIZES[1]);
  if (small !== undefined && large !== undefined) {
    process.stdout.write(
      `  ${format}: 100k/10k ratio ${(large.check.wallMs / small.check.wallMs).toFixed(1)} wall, ` +
        `${(large.check.cpuMs / small.check.cpuMs).toFixed(1)} CPU (goal ≤ 15); 100k in ${fmt(large.check.wallMs)} wall, ` +
        `${fmt(large.check.cpuMs)} CPU (goal < 5000 ms)\n`,
    );
  }
}
process.stdout.write(`  load average ${loadavg()[0]?.toFixed(1)} on this shared machine (wall figures scale with it)\n`);
