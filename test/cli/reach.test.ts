import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parsePort, runReach } from '../../src/cli/reach.js';
import { DISPOSITIONS } from '../../src/topology/index.js';

/*
 * Golden answers of `vnetsim reach`, one per disposition a scenario can produce, on the fixtures in
 * test/fixtures/reach/. Review a change by reading the diff; regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run --project unit test/cli/reach.test.ts`.
 */

const FIXTURES = join('test', 'fixtures', 'reach');
const GOLDEN_DIR = join('test', 'golden', 'reach');
const isUpdating = process.env['UPDATE_GOLDEN'] === '1';
const ONE_VNET = join(FIXTURES, 'one-vnet.yaml');
const MINUTE_MS = 60_000;

interface GoldenCase {
  disposition: string;
  file: string;
  from: string;
  to: string;
  port?: string;
  minutes: number;
}

const CASES: GoldenCase[] = [
  { disposition: 'delivered', file: ONE_VNET, from: 'web1', to: 'sql1', port: 'tcp/1433', minutes: 20 },
  { disposition: 'unknown-address', file: ONE_VNET, from: 'web1', to: '10.1.9.9', minutes: 20 },
  { disposition: 'vm-not-running', file: ONE_VNET, from: 'web1', to: 'sql1', minutes: 150 },
  { disposition: 'no-shared-network', file: ONE_VNET, from: 'etl1', to: '10.1.2.4', minutes: 20 },
  { disposition: 'gateway-not-provisioned', file: ONE_VNET, from: 'web1', to: '192.168.1.10', minutes: 10 },
  { disposition: 'gateway-type-unsupported', file: join(FIXTURES, 'two-vnets.yaml'), from: 'web1', to: 'app1', minutes: 20 },
  { disposition: 'tunnel-not-connected', file: ONE_VNET, from: 'web1', to: '192.168.1.10', port: 'tcp/3389', minutes: 30 },
  { disposition: 'prefix-not-in-local-site', file: ONE_VNET, from: 'web1', to: '172.16.0.5', minutes: 30 },
  { disposition: 'routing-loop', file: join(FIXTURES, 'vnet-loop.yaml'), from: 'web1', to: '192.168.1.10', minutes: 20 },
  { disposition: 'no-vip', file: ONE_VNET, from: 'etl1', to: 'shop:WebRole1_IN_0', port: 'tcp/80', minutes: 20 },
  { disposition: 'no-endpoint', file: ONE_VNET, from: 'etl1', to: 'sql1', port: 'tcp/8080', minutes: 20 },
  { disposition: 'acl-denied', file: ONE_VNET, from: 'etl1', to: 'data:sql1', port: 'tcp/1433', minutes: 20 },
];

/**
 * The engine refuses to deploy a service into a VNet of another affinity group or region, so no scenario world holds
 * one; the engine still explains such imported worlds (test/topology/reach-dispositions.test.ts covers them).
 */
const NOT_FROM_SCENARIOS = ['different-affinity-group', 'different-region'];

describe('vnetsim reach golden answers', () => {
  it('covers every disposition a scenario can produce', () => {
    expect([...CASES.map((c) => c.disposition), ...NOT_FROM_SCENARIOS].sort()).toEqual([...DISPOSITIONS].sort());
  });

  it.each(CASES)('$disposition: $from → $to', async (c) => {
    const query = c.port === undefined ? undefined : parsePort(c.port);
    const run = await runReach(c.file, c.from, c.to, { query, atMs: c.minutes * MINUTE_MS, format: 'text' });
    const goldenPath = join(GOLDEN_DIR, `${c.disposition}.txt`);
    if (isUpdating || !existsSync(goldenPath)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath, run.stdout);
    }
    expect(run.stdout).toBe(readFileSync(goldenPath, 'utf8'));
    expect(run.stdout.split('\n')[2]).toMatch(new RegExp(`^ {2}forward .*: (un)?reachable \\(${c.disposition}\\)$`));
    expect(run.exitCode).toBe(c.disposition === 'delivered' ? 0 : 1);
    expect(run.stderr).toBe('');
  });
});

describe('vnetsim reach answers', () => {
  it('names the scenario line that decided each hop and each blocker', async () => {
    const run = await runReach(ONE_VNET, 'web1', '192.168.1.10', { atMs: 30 * MINUTE_MS, format: 'text' });
    expect(run.stdout).toMatch(/✗ {7}tunnel +connection:CorpVNet->Branch +tunnel to local site Branch \(192\.168\.0\.0\/16\) is NotConnected {2}\(test\/fixtures\/reach\/one-vnet\.yaml:66\)/);
    expect(run.stdout).toContain('✗ tunnel-not-connected  connection:CorpVNet->Branch  (forward leg, test/fixtures/reach/one-vnet.yaml:66)');
    expect(run.stdout).toContain('fix: check the shared key');
  });

  it('lists every blocker, on both legs, not only the first', async () => {
    const run = await runReach(ONE_VNET, 'sql1', '192.168.1.10', { atMs: 150 * MINUTE_MS, format: 'json' });
    const answer = JSON.parse(run.stdout) as { disposition: string; blockers: { code: string; leg: string }[] };
    expect(answer.disposition).toBe('vm-not-running');
    expect(answer.blockers.map((b) => `${b.code} ${b.leg}`)).toEqual(['vm-not-running forward', 'tunnel-not-connected forward']);
  });

  it('prints the full answer as JSON: the question, both directions, hops with sources', async () => {
    const run = await runReach(ONE_VNET, 'etl1', 'data:sql1', { query: { protocol: 'tcp', port: 1433 }, atMs: 20 * MINUTE_MS, format: 'json' });
    const answer = JSON.parse(run.stdout) as Record<string, unknown> & { reverse: { disposition: string }; hops: { source?: { line: number } }[] };
    expect(answer).toMatchObject({ scenario: 'reach-one-vnet', at: '00:20:00', question: { from: 'etl1', to: 'data:sql1', port: 'tcp/1433' }, from: 'partner/etl1', to: 'data/sql1', port: 1433, disposition: 'acl-denied', path: 'public-endpoint' });
    expect(answer.reverse.disposition).toBe('no-endpoint');
    expect(answer.hops.every((h) => h.source !== undefined)).toBe(true);
    expect(run.exitCode).toBe(1);
  });

  it('answers on any port when none is asked: the first public endpoint that gets through', async () => {
    const run = await runReach(ONE_VNET, 'etl1', 'web1', { atMs: 20 * MINUTE_MS, format: 'json' });
    expect(JSON.parse(run.stdout)).toMatchObject({ question: { port: 'tcp/22' }, port: 22, verdict: 'reachable', path: 'public-endpoint' });
  });

  it.each([
    ['an unknown VM with a near name', 'wbe1', 'did you mean: web1'],
    ['an unknown VM with no near name', 'mainframe', 'VMs at that time: data:sql1, partner:etl1, shop:WebRole1_IN_0, web:web1'],
    ['a VIP without a port', '138.91.141.143', 'error vip-needs-port: 138.91.141.143 is the VIP of service partner'],
    ['a local site named without site:', 'Branch', "Branch is a local network site; write it as site:Branch\n  did you mean: site:Branch"],
    ['a local site named in another case', 'lab', 'Lab is a local network site; write it as site:Lab\n  did you mean: site:Lab'],
    ['a misspelt site:NAME', 'site:Brnach', 'did you mean: site:Branch'],
  ])('exits 2 for %s and says what exists', async (_name, to, hint) => {
    const run = await runReach(ONE_VNET, 'web1', to, { atMs: 20 * MINUTE_MS, format: 'text' });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(hint);
  });

  it.each([['tcp/3389', 'tcp', 3389], ['udp/500', 'udp', 500], ['443', 'tcp', 443], ['TCP/80', 'tcp', 80]])('reads --port %s', (text, protocol, port) => {
    expect(parsePort(text)).toEqual({ protocol, port });
  });

  it.each(['tcp/0', 'tcp/65536', 'icmp/1', 'tcp:80', ''])('refuses --port %j', (text) => {
    expect(() => parsePort(text)).toThrow('write a port as tcp/3389 or udp/500');
  });
});

const execute = promisify(execFile);

/** Runs the real CLI in a child process, as a user would. */
async function vnetsim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('vnetsim reach exit codes', () => {
  it.each([
    ['0 when delivered', ['web1', 'sql1', '--at', '20m'], 0],
    ['1 when not delivered', ['web1', 'sql1', '--at', '2h30m'], 1],
    ['2 for an unknown name', ['web1', 'sqll', '--at', '20m'], 2],
    ['2 for a bad --port', ['web1', 'sql1', '--port', 'tcp/99999'], 2],
    ['2 for a bad --at', ['web1', 'sql1', '--at', '20'], 2],
    ['2 for a bad --format', ['web1', 'sql1', '--format', 'yaml'], 2],
  ])('exits %s, without a stack trace', async (_name, args, code) => {
    const outcome = await vnetsim('reach', ONE_VNET, ...args);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits 2 for a scenario that does not exist, with file:line:column', async () => {
    const outcome = await vnetsim('reach', join(FIXTURES, 'missing.yaml'), 'a', 'b');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('missing.yaml:1:1: error unreadable-file');
  }, 60_000);
});
