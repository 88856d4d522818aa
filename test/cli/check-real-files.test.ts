import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.js';
import { MAX_DIAGNOSTICS_PER_FILE, MAX_MESSAGE_CHARS } from '../../src/common/index.js';
import { checkPlan } from '../../src/ipam/index.js';
import { plan, resetLines, vnet } from '../ipam/rules/plan-builder.js';

/*
 * What `vnetsim check` got wrong on real NetworkConfig.xml files (issue #11) and on fuzzed ones (issue #14 items 6, 7,
 * 9), one table or case per item.
 */

const SEVEN = 'test/fixtures/netcfg/seven-identical-vnets.netcfg.xml';
const CLEAN = 'scenarios/multi-site.netcfg.xml';
const NETCFG_NS = 'http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration';

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vnetsim-check-real-')), name);
  writeFileSync(path, text);
  return path;
}

describe('item 2: a refused file hides nothing else; item 3: JSON and SARIF still come out', () => {
  const broken = writeTemp('broken.xml', `<NetworkConfiguration xmlns="${NETCFG_NS}">\n  <VirtualNetworkConfiguration>\n`);

  it.each(['text', 'json', 'sarif'] as const)('%s: findings of the good files and the refusal of the broken one, exit 2', async (format) => {
    const result = await runCheck([SEVEN, broken, CLEAN], { format });
    expect(result.exitCode).toBe(2);
    expect(result.files.map((f) => f.isRefused)).toEqual([false, true, false]);
    expect(result.output).toContain('xml-syntax');
    expect(result.output).toContain('vnet-overlap');
    if (format === 'json') {
      const json = JSON.parse(result.output) as { files: Array<{ file: string; status: string }> };
      expect(json.files.map((f) => f.status)).toEqual(['checked', 'refused', 'checked']);
    }
    if (format === 'sarif') {
      const sarif = JSON.parse(result.output) as {
        runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ locations: unknown[] }> }> }>;
      };
      const invocation = sarif.runs[0]?.invocations[0];
      expect(invocation?.executionSuccessful).toBe(false);
      expect(JSON.stringify(invocation?.toolExecutionNotifications[0]?.locations)).toContain('broken.xml');
    }
  });
});

describe('item 4 and #14 item 7: a group of overlapping VNets is reported once', () => {
  it('seven identical VNets give one vnet-overlap line naming all seven, not 21', async () => {
    const result = await runCheck([SEVEN], { format: 'text' });
    const overlaps = result.diagnostics.filter((d) => d.rule === 'vnet-overlap');
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.objects).toHaveLength(7);
    expect(overlaps[0]?.message).toMatch(/^VNet Branch1-VNet 10\.10\.0\.0\/8 and 6 others overlap: VNet Branch2-VNet 10\.10\.0\.0\/8 \(line 18\)/);
  });

  it.each([600, 5_000, 20_000])('%i VNets sharing 10.0.0.0/16 give one diagnostic that counts the rest', (count) => {
    resetLines();
    const vnets = Array.from({ length: count }, (_, i) => vnet(`V${i}`, { space: ['10.0.0.0/16'] }));
    const found = checkPlan(plan({ vnets })).filter((d) => d.rule === 'vnet-overlap');
    expect(found).toHaveLength(1);
    expect(found[0]?.objects).toHaveLength(count);
    expect(found[0]?.message).toContain(`and ${count - 1} others overlap`);
    expect(found[0]?.message).toContain(`, and ${count - 11} more;`);
    expect(found[0]?.related).toHaveLength(100);
  });
});

describe('item 5: the other object of a conflict has a location in JSON and SARIF', () => {
  it('carries the earlier VNet as a related location', async () => {
    const json = JSON.parse((await runCheck(['scenarios/plan-mistakes.yaml'], { format: 'json' })).output) as {
      diagnostics: Array<{ rule: string; related?: Array<{ file: string; line: number; column: number; message: string }> }>;
    };
    const overlap = json.diagnostics.find((d) => d.rule === 'vnet-overlap' && d.related?.[0]?.message.startsWith('VNet Lab ') === true);
    expect(overlap?.related).toEqual([{ file: 'scenarios/plan-mistakes.yaml', line: 54, column: 22, message: 'VNet Lab 172.16.0.0/16' }]);
    const sarif = (await runCheck(['scenarios/plan-mistakes.yaml'], { format: 'sarif' })).output;
    expect(sarif).toContain('"relatedLocations"');
  });
});

describe('#14 item 9: diagnostics are capped per file and per line', () => {
  it('prints the first 100 diagnostics of a file and counts the rest', async () => {
    const subnets = Array.from({ length: 300 }, (_, i) => `<Subnet name="S${i}"><AddressPrefix>10.0.${i % 256}.0/30</AddressPrefix></Subnet>`);
    const text =
      `<NetworkConfiguration xmlns="${NETCFG_NS}"><VirtualNetworkConfiguration><VirtualNetworkSites>` +
      `<VirtualNetworkSite name="V" Location="West US"><AddressSpace><AddressPrefix>10.0.0.0/8</AddressPrefix></AddressSpace>` +
      `<Subnets>${subnets.join('\n')}</Subnets></VirtualNetworkSite></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
    const file = writeTemp('many.xml', text);
    const result = await runCheck([file], { format: 'text' });
    const lines = result.output.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith(`${file}:`) && / (error|warning|info) /.test(l))).toHaveLength(MAX_DIAGNOSTICS_PER_FILE);
    const total = result.diagnostics.length;
    expect(lines).toContain(`${file}: … and ${total - MAX_DIAGNOSTICS_PER_FILE} more (only the first 100 of a file are printed)`);
    expect(lines.at(-1)).toMatch(new RegExp(`^${result.diagnostics.filter((d) => d.severity === 'error').length} errors`));
    const json = JSON.parse((await runCheck([file], { format: 'json' })).output) as { diagnostics: unknown[]; files: Array<{ omittedDiagnostics: number }> };
    expect(json.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE);
    expect(json.files[0]?.omittedDiagnostics).toBe(total - MAX_DIAGNOSTICS_PER_FILE);
  });

  it('cuts a huge message (deep unclosed XML) to a bounded line', async () => {
    const file = writeTemp('unclosed.xml', `<NetworkConfiguration xmlns="${NETCFG_NS}">${'<VirtualNetworkConfiguration>'.repeat(20_000)}`);
    const result = await runCheck([file], { format: 'text' });
    expect(result.exitCode).toBe(2);
    for (const line of result.output.split('\n')) expect(line.length).toBeLessThan(MAX_MESSAGE_CHARS + 200);
  });
});
