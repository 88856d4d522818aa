import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVnetsim as vnetsim } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vnetsim-run-'));
const STORY = 'scenarios/03-service-becomes-paas.yaml';

describe('vnetsim run', () => {
  it('prints the timeline and the verdicts, and exits 0 when every expectation holds', async () => {
    const { code, stdout } = await vnetsim('run', STORY);
    expect(code).toBe(0);
    expect(stdout).toContain('00:20:00  command createVm        refused service-kind-mismatch:');
    expect(stdout).toMatch(/✓ 00:01:00 {2}service shop is PaaS {2}\(scenarios\/03-service-becomes-paas\.yaml:\d+\)/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('PASS: 10 expectations, 10 held, 0 failed; 0 warnings');
  }, 60_000);

  it('exits 1 when an expectation fails, showing expected vs actual and its line', async () => {
    const file = join(dir, 'fails.yaml');
    writeFileSync(file, readFileSync(STORY, 'utf8').replace('serviceKind: { service: shop, is: PaaS }', 'serviceKind: { service: shop, is: IaaS }'));
    const { code, stdout } = await vnetsim('run', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`✗ 00:01:00  service shop is IaaS: expected IaaS, actual PaaS  (${file}:38)`);
  }, 60_000);

  it.each([
    ['a bad duration', 'timeline:\n  - at: 15\n    stopVm: { service: web, name: vm1 }\n', '5:9: error invalid-value: timeline.0.at: a duration needs a unit'],
    ['an undeclared VM', 'timeline:\n  - at: 15m\n    stopVm: { service: web, name: vm1 }\n', '6:35: error undefined-reference: vm "web/vm1" is not declared'],
  ])('exits 2 on %s with file:line:column and applies nothing', async (_name, body, where) => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `name: bad\nseed: 1\nera: 2014\n${body}`);
    const { code, stdout, stderr } = await vnetsim('run', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:${where}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits 2 for a file that does not exist', async () => {
    const { code, stderr } = await vnetsim('run', join(dir, 'missing.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('missing.yaml:1:1: error unreadable-file: cannot read the scenario');
  }, 60_000);

  it('writes a byte-identical JSON-lines log on every run with the same seed, and honours --until and --seed', async () => {
    const [first, second, reseeded] = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), join(dir, 'c.jsonl')];
    await vnetsim('run', STORY, '--log', first);
    await vnetsim('run', STORY, '--log', second);
    const { code, stdout } = await vnetsim('run', STORY, '--log', reseeded, '--seed', '77', '--until', '25m');
    const log = readFileSync(first, 'utf8');
    expect(readFileSync(second, 'utf8')).toBe(log);
    expect(log.split('\n')[0]).toBe('{"seq":1,"time":0,"type":"world.started","scenario":"service-becomes-paas","seed":"3","era":"2014"}');
    expect(code).toBe(0);
    expect(stdout).toContain('– 00:35:00  service shop is empty: not reached, the run ended first');
    expect(readFileSync(reseeded, 'utf8')).toContain('"seed":"77"');
  }, 60_000);

  it('exits 2 before running when the --log file cannot be written, without a stack trace', async () => {
    const log = join(dir, 'no-such-dir', 'events.jsonl');
    const { code, stdout, stderr } = await vnetsim('run', STORY, '--log', log);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${log}:1:1: error unwritable-log: cannot write the event log (--log): ENOENT`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('prints the report as JSON with --format json', async () => {
    const { code, stdout } = await vnetsim('run', STORY, '--format', 'json');
    const report = JSON.parse(stdout) as { scenario: string; expectations: { status: string }[]; events: unknown[] };
    expect(code).toBe(0);
    expect(report.scenario).toBe('service-becomes-paas');
    expect(report.expectations.map((e) => e.status)).toEqual(Array(10).fill('held'));
    expect(report.events.length).toBeGreaterThan(10);
  }, 60_000);

  it('refuses a malformed --until', async () => {
    const { code, stderr } = await vnetsim('run', STORY, '--until', '15');
    expect(code).toBe(2);
    expect(stderr).toContain('not a duration');
  }, 60_000);
});

describe('vnetsim schema', () => {
  it('prints the committed JSON Schema', async () => {
    const { code, stdout } = await vnetsim('schema');
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync('schema/scenario.schema.json', 'utf8'));
  }, 60_000);
});
