import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readScenarioGatewayStatus } from '../../src/cli/status.js';
import { formatGatewayStatus } from '../../src/cli/status-format.js';
import { InputError } from '../../src/common/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';

const SHARED_KEY_STORY = 'scenarios/05-site-to-site-shared-key.yaml';
const HYBRID_STORY = 'scenarios/reach-hybrid.yaml';

describe('vnetsim status (Get-AzureVNetGateway / Get-AzureVNetConnection at a moment)', () => {
  it.each([
    ['before the gateway exists', 0, 'NotProvisioned', undefined],
    ['while it provisions', 10 * 60_000, 'Provisioning', undefined],
    ['once provisioned, with the key mismatch as the reason', 30 * 60_000, 'Provisioned', 'AUTHENTICATION_FAILED'],
  ])('reads the gateway %s', async (_when, atMs, state, reason) => {
    const report = readScenarioGatewayStatus(await loadScenarioFile(SHARED_KEY_STORY), atMs);
    const [gateway] = report.gateways;
    expect(report.atMs).toBe(atMs);
    expect(gateway?.state).toBe(state);
    expect(gateway?.connections['HQ']?.reason).toBe(reason);
  });

  it('lists a failed connection with the platform field names and the reason', async () => {
    const [gateway] = readScenarioGatewayStatus(await loadScenarioFile(SHARED_KEY_STORY), 30 * 60_000).gateways;
    const text = formatGatewayStatus(gateway!).join('\n');
    expect(text).toContain('Get-AzureVNetGateway -VNetName CorpVNet');
    expect(text).toMatch(/^GatewayType +: StaticRouting$/m);
    expect(text).toMatch(/^ConnectivityState +: NotConnected$/m);
    expect(text).toMatch(/^LastEventMessage +: The connectivity state for the local network site 'HQ' changed from Connecting to Not Connected\./m);
    expect(text).toMatch(/^Reason +: AUTHENTICATION_FAILED$/m);
    expect(text).toMatch(/^LastConnectionEstablished +:$/m);
  });

  it('counts bytes since the tunnel last connected, brought forward to the moment asked', async () => {
    const scenario = await loadScenarioFile(HYBRID_STORY);
    const early = readScenarioGatewayStatus(scenario, 30 * 60_000, 'CorpVNet').gateways[0]?.connections['HQ'];
    const later = readScenarioGatewayStatus(scenario, 60 * 60_000, 'CorpVNet').gateways[0]?.connections['HQ'];
    expect(early?.ConnectivityState).toBe('Connected');
    expect(early?.LastConnectionEstablished).toBeGreaterThanOrEqual(16 * 60_000);
    expect(later?.IngressBytesTransferred).toBeGreaterThan(early?.IngressBytesTransferred ?? Infinity);
    expect(later?.EgressBytesTransferred).toBeGreaterThan(early?.EgressBytesTransferred ?? Infinity);
  });

  it('refuses a VNet the scenario does not define and names the known ones', async () => {
    const scenario = await loadScenarioFile(HYBRID_STORY);
    expect(() => readScenarioGatewayStatus(scenario, undefined, 'Nope')).toThrow(InputError);
    expect(() => readScenarioGatewayStatus(scenario, undefined, 'Nope')).toThrow(/no virtual network named "Nope"; known VNets: CorpVNet/);
  });
});

describe('vnetsim status on the command line', () => {
  it('prints the cmdlet view at --at and exits 0; an unknown --vnet exits 2 without a stack trace', async () => {
    const run = promisify(execFile);
    const cli = ['--import', 'tsx', 'src/cli/main.ts', 'status'];
    const { stdout } = await run(process.execPath, [...cli, SHARED_KEY_STORY, '--at', '30m']);
    expect(stdout.split('\n')[0]).toBe('scenario site-to-site-shared-key at 00:30:00');
    expect(stdout).toMatch(/^Reason +: AUTHENTICATION_FAILED$/m);
    const failed = await run(process.execPath, [...cli, SHARED_KEY_STORY, '--vnet', 'Nope']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('unknown-vnet: no virtual network named "Nope"');
    expect((failed as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
