import { describe, expect, it } from 'vitest';
import { runReach } from '../../src/cli/reach.js';

const STORY = 'scenarios/15-azure-connect-2012.yaml';

describe('vnetsim reach explains Connect paths beside the network paths', () => {
  it('answers ends only Connect knows with the relay path and the contrast', async () => {
    const run = await runReach(STORY, 'dev-laptop', 'work/WorkerRole1_IN_0', { atMs: 40 * 60_000, format: 'text' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('connect: dev-laptop → work/WorkerRole1_IN_0 over IPv6 through the relay: allowed');
    expect(run.stdout).toMatch(/✓ relay {4}Connect relay/);
    expect(run.stdout).toContain('no non-overlapping address spaces and no VPN device, but every machine needs the Connect agent');
  });

  it('lists every blocker with its fix and exits 1', async () => {
    const run = await runReach(STORY, 'dc1', 'work/WorkerRole1_IN_0', { atMs: 26 * 60_000, format: 'text' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('✗ connect-not-activated  dc1');
    expect(run.stdout).toContain('fix: activateConnectAgent { machine: dc1 }');
  });

  it('puts the Connect answer beside the network answer when both know the ends, in JSON too', async () => {
    const run = await runReach(STORY, 'work:WorkerRole1_IN_0', 'legacy:lnx1', { atMs: 40 * 60_000, format: 'json' });
    const answer = JSON.parse(run.stdout) as { verdict: string; connect: { allowed: boolean; blockers: Array<{ code: string }> } };
    expect(answer.verdict).toBeDefined();
    expect(answer.connect.allowed).toBe(false);
    expect(answer.connect.blockers.map((b) => b.code)).toEqual(['connect-linux']);
  });
});
