import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckSarif } from '../../src/cli/check-format.js';
import { capDiagnosticsPerFile } from '../../src/common/index.js';
import { EXIT_PLAN_ERRORS, runCheck } from '../../src/cli/check.js';
import { InvalidArgumentError } from 'commander';
import { findFreePrefixes, parseSubnetLength, UNKNOWN_VNET_RULE } from '../../src/cli/free.js';
import { InputError } from '../../src/common/index.js';
import { formatPrefix, RULE_CATALOGUE } from '../../src/ipam/index.js';
import { parseNetworkPlan } from '../../src/input/network-load.js';

const HYBRID_YAML = 'scenarios/plan-hybrid-multisite.yaml';
const HYBRID_XML = 'scenarios/multi-site.netcfg.xml';
const MISTAKES_YAML = 'scenarios/plan-mistakes.yaml';
const GOLDEN_DIR = 'test/golden/check';
/** `UPDATE_GOLDEN=1 npx vitest run test/cli/check.test.ts` rewrites the goldens; review the diff by eye. */
const isUpdatingGoldens = process.env['UPDATE_GOLDEN'] === '1';

function expectGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}/${name}`;
  if (isUpdatingGoldens || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('vnetsim check: example plans against their golden outputs', () => {
  it.each([HYBRID_YAML, HYBRID_XML, MISTAKES_YAML])('%s (text)', async (file) => {
    const result = await runCheck([file], { format: 'text' });
    expectGolden(`${basename(file)}.txt`, result.output);
  });

  it('prints the mistakes plan as SARIF matching its golden', async () => {
    const result = await runCheck([MISTAKES_YAML], { format: 'sarif' });
    expectGolden('plan-mistakes.sarif.json', result.output);
  });

  it('finds the multi-site plan clean in both formats (exit 0, no diagnostics)', async () => {
    const result = await runCheck([HYBRID_YAML, HYBRID_XML], { format: 'text', era: '2014-05' });
    expect(result.exitCode).toBe(0);
    expect(result.diagnostics).toEqual([]);
    expect(result.output).toBe('0 errors, 0 warnings, 0 info in 2 files\n');
  });

  it('reads the YAML and the XML form of the multi-site plan into the same content', () => {
    const strip = (text: string, file: string) =>
      JSON.parse(
        JSON.stringify(parseNetworkPlan(text, file).plan, (key, value: unknown) =>
          key === 'at' || key === 'file' ? undefined : value,
        ),
      ) as unknown;
    expect(strip(readFileSync(HYBRID_YAML, 'utf8'), 'a')).toEqual(strip(readFileSync(HYBRID_XML, 'utf8'), 'b'));
  });

  it('trips almost every rule on the mistakes plan and exits 1', async () => {
    const result = await runCheck([MISTAKES_YAML], { format: 'text' });
    expect(result.exitCode).toBe(EXIT_PLAN_ERRORS);
    const tripped = new Set(result.diagnostics.map((d) => d.rule));
    const missed = RULE_CATALOGUE.map((r) => r.id).filter((id) => !tripped.has(id));
    expect(missed).toEqual([]);
    expect(result.output.trimEnd().split('\n').at(-1)).toMatch(/^\d+ errors, 1 warning, 2 info in 1 file$/);
  });

  it("lets --era override the file's own era", async () => {
    const public2014 = await runCheck([MISTAKES_YAML], { format: 'json', era: '2014' });
    const publicRange = public2014.diagnostics.filter((d) => d.rule === 'public-range');
    expect(publicRange.map((d) => d.severity)).toEqual(['warning']);
  });
});

describe('vnetsim check output formats', () => {
  it('prints { diagnostics } as JSON', async () => {
    const result = await runCheck([MISTAKES_YAML], { format: 'json' });
    const parsed = JSON.parse(result.output) as { diagnostics: unknown[] };
    expect(parsed.diagnostics).toEqual(result.diagnostics);
    expect(result.diagnostics[0]).toEqual({
      rule: 'duplicate-name',
      severity: 'error',
      message: 'DNS server "DNS1" is defined again (first at line 7); rename or remove one of them',
      file: MISTAKES_YAML,
      line: 8,
      column: 15,
      objects: ['dns:DNS1'],
    });
  });

  it('prints SARIF 2.1.0 with the rule catalogue and one located result per diagnostic', async () => {
    const result = await runCheck([MISTAKES_YAML], { format: 'sarif' });
    const sarif = JSON.parse(result.output) as {
      version: string;
      $schema: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
        }>;
      }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif-2.1.0');
    const [run] = sarif.runs;
    expect(run?.tool.driver.name).toBe('vnetsim');
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(RULE_CATALOGUE.map((r) => r.id));
    expect(run?.results).toHaveLength(result.diagnostics.length);
    run?.results.forEach((r, i) => {
      const d = result.diagnostics[i];
      expect(r.ruleId).toBe(d?.rule);
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.level).toBe(d?.severity === 'info' ? 'note' : d?.severity);
      expect(r.message.text).toBe(d?.message);
      expect(r.locations[0]?.physicalLocation).toEqual({
        artifactLocation: { uri: MISTAKES_YAML },
        region: { startLine: d?.line, startColumn: d?.column },
      });
    });
  });

  it('writes artifact URIs with forward slashes and percent-encoding', () => {
    const d = { rule: 'x', severity: 'error' as const, message: 'm', file: 'a dir\\plan.yaml', line: 1, column: 1, objects: [] };
    const sarif = JSON.parse(formatCheckSarif(capDiagnosticsPerFile([d]), [], [], '0')) as { runs: Array<{ results: Array<{ locations: unknown[] }> }> };
    expect(JSON.stringify(sarif.runs[0]?.results[0]?.locations)).toContain('"uri":"a%20dir/plan.yaml"');
  });
});

describe('vnetsim check on bad input', () => {
  it('reports every file: the refusals of unreadable ones among the findings of the others, exit 2', async () => {
    const result = await runCheck(['no/such/plan.yaml', MISTAKES_YAML, 'no/such/other.xml'], { format: 'text' });
    expect(result.exitCode).toBe(2);
    expect(result.files.map((f) => [f.file, f.isRefused])).toEqual([
      ['no/such/plan.yaml', true],
      [MISTAKES_YAML, false],
      ['no/such/other.xml', true],
    ]);
    const refusals = result.diagnostics.filter((d) => d.rule === 'unreadable-file').map((d) => [d.file, d.line, d.column]);
    expect(refusals).toEqual([
      ['no/such/other.xml', 1, 1],
      ['no/such/plan.yaml', 1, 1],
    ]);
    expect(result.diagnostics.some((d) => d.file === MISTAKES_YAML && d.rule === 'vnet-local-overlap')).toBe(true);
    expect(result.output.trimEnd().split('\n').at(-1)).toMatch(/in 3 files \(2 refused as input\)$/);
  });
});

describe('vnetsim free', () => {
  const { plan } = parseNetworkPlan(readFileSync(HYBRID_YAML, 'utf8'), HYBRID_YAML);

  it('lists the next free aligned blocks after the subnets, lowest first', () => {
    const free = findFreePrefixes(plan, { vnet: 'VNet1', length: 27, count: 3 }).map(formatPrefix);
    expect(free).toEqual(['10.20.2.32/27', '10.20.2.64/27', '10.20.2.96/27']);
    expect(findFreePrefixes(plan, { vnet: 'VNet1', length: 16, count: 2 }).map(formatPrefix)).toEqual(['10.21.0.0/16']);
  });

  it('refuses a VNet whose space or subnets hold a prefix that is not IPv4 CIDR, at each prefix', () => {
    const text =
      'network:\n  virtualNetworkSites:\n    - name: V\n      location: X\n' +
      '      addressSpace: [10.0.0.0/16, "fd00::/48"]\n' +
      '      subnets: [{ name: A, addressPrefix: 10.0.0.7/24 }, { name: B, addressPrefix: 10.0.1.0/33 }]\n';
    const bad = parseNetworkPlan(text, 'bad.yaml').plan;
    let error: unknown;
    try {
      findFreePrefixes(bad, { vnet: 'V', length: 24, count: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map((d) => [d.line, d.column, d.rule, d.message.split(':')[0]])).toEqual([
      [5, 35, 'cidr-invalid', 'VNet V address space'],
      [6, 43, 'cidr-host-bits', 'subnet V/A'],
      [6, 84, 'cidr-invalid', 'subnet V/B'],
    ]);
    expect((error as InputError).diagnostics[1]?.message).toContain('the network address is 10.0.0.0/24; fix it first');
  });

  it.each([
    ['27', 27],
    ['/29', 29],
    ['8', 8],
  ])('reads --size %s as /%s', (text, length) => {
    expect(parseSubnetLength(text)).toBe(length);
  });

  it.each(['30', '7', '0', '27.5', 'abc', '', '1e1'])('refuses --size %j: classic subnets are /8 to /29', (text) => {
    expect(() => parseSubnetLength(text)).toThrow(InvalidArgumentError);
    expect(() => parseSubnetLength(text)).toThrow('from 8 to 29');
  });

  it('refuses an unknown VNet with the list of VNet names', () => {
    let error: unknown;
    try {
      findFreePrefixes(plan, { vnet: 'vnet1', length: 27, count: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const [d] = (error as InputError).diagnostics;
    expect(d?.rule).toBe(UNKNOWN_VNET_RULE);
    expect(d?.message).toBe('no virtual network named "vnet1"; known VNets: VNet1');
  });
});

describe('the vnetsim process', () => {
  /** Each spawn transpiles the whole CLI through tsx; on a shared 2-core machine that takes seconds. */
  const SPAWN_TIMEOUT_MS = 120_000;

  /** Runs the real CLI entry point (through tsx, so no build step is needed). */
  function runCli(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  }

  it('exits 0 for a clean plan, 1 for plan errors, 2 for unreadable input, never with a stack trace', () => {
    const clean = runCli('check', HYBRID_XML);
    expect([clean.status, clean.stdout]).toEqual([0, '0 errors, 0 warnings, 0 info in 1 file\n']);

    const errors = runCli('check', MISTAKES_YAML, '--format', 'json');
    expect(errors.status).toBe(1);
    expect(JSON.parse(errors.stdout)).toHaveProperty('diagnostics');

    const bombFile = join(mkdtempSync(join(tmpdir(), 'vnetsim-check-')), 'bomb.xml');
    writeFileSync(bombFile, `<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<NetworkConfiguration>&a;</NetworkConfiguration>\n`);
    const bad = runCli('check', bombFile, HYBRID_XML);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain(`${bombFile}:1:1: error xml-syntax: <!DOCTYPE> declarations are refused`);
    expect(bad.stdout).toContain('1 error, 0 warnings, 0 info in 2 files (1 refused as input)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);

  it('exits 2 with the VNet list for free --vnet of an unknown network', () => {
    const result = runCli('free', HYBRID_YAML, '--vnet', 'Nope', '--size', '27');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('known VNets: VNet1');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);
});
