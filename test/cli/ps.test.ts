import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVnetsim as vnetsim } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vnetsim-ps-'));
const CORPUS = 'test/powershell/corpus';

describe('vnetsim ps', { timeout: 60_000 }, () => {
  it('runs a corpus script: the console, then the world; exit 0; --log and --format json', async () => {
    const log = join(dir, 'run.jsonl');
    const out = await vnetsim('ps', `${CORPUS}/01-gallery-vm-in-vnet/script.ps1`, '--answers', `${CORPUS}/01-gallery-vm-in-vnet/answers.yaml`, '--log', log);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('app01 is ReadyRole at 10.20.1.4');
    expect(out.stdout).toContain('    vm app01 ReadyRole Small 10.20.1.4 in AppSubnet');
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(5);
    const json = await vnetsim('ps', `${CORPUS}/07-mistyped-cmdlet/script.ps1`, '--format', 'json');
    const parsed = JSON.parse(json.stdout) as { exitCode: number; console: string[]; world: { services: { name: string }[] } };
    expect(parsed.exitCode).toBe(0);
    expect(parsed.console.some((line) => /^New-AzureMConfig : The term 'New-AzureMConfig' is not recognized/.test(line))).toBe(true);
    expect(parsed.world.services.map((s) => s.name)).toEqual(['typo-svc']);
  });

  it('exits 1 when the script stops on a terminating error, naming file:line:col', async () => {
    const script = join(dir, 'stop.ps1');
    writeFileSync(script, 'New-AzureService -ServiceName ok-svc -Location "West US"\nthrow "stop here"\n"never"\n');
    const out = await vnetsim('ps', script);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`${script}:2:1: stopped: stop here\n`);
    expect(out.stdout).not.toContain('never');
    expect(out.stdout).toContain('service ok-svc');
  });

  it('exits 2 on an unmapped placeholder, before anything runs', async () => {
    const script = join(dir, 'placeholder.ps1');
    writeFileSync(script, 'New-AzureService -ServiceName ok-svc -Location "West US"\nNew-AzureService -ServiceName <Proposed cloud service name>\n');
    const out = await vnetsim('ps', script);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`${script}:2:31: parse error: The '<' operator is reserved for future use.\n`);
    expect(out.stdout).toContain('(empty subscription)');
  });

  it('exits 2 naming an unsupported construct at its position', async () => {
    const script = join(dir, 'gci.ps1');
    writeFileSync(script, '$x = 1\nGet-ChildItem C:\\vhds\n');
    const out = await vnetsim('ps', script);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^${script.replace(/[.\\]/g, '\\$&')}:2:1: unsupported: Get-ChildItem walks the file system`));
  });
});
