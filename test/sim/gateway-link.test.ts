import { describe, expect, it } from 'vitest';
import { checkInvariants, findService, formatEventLine, replayEvents, serializeWorld, Simulation } from '../../src/sim/index.js';
import { windowsVm } from './fixtures.js';
import { makePlan, mustExecute } from './helpers.js';

const PLAN = makePlan(
  [{ name: 'HubNet', region: 'West US', addressSpace: ['10.10.0.0/16'], subnets: { Apps: '10.10.1.0/24', GatewaySubnet: '10.10.255.0/29' } }],
  [{ name: 'Branch', prefixes: ['192.168.0.0/24'], vpn: '203.0.113.10' }],
);
PLAN.vnets[0]!.gateway = { connections: [{ site: { value: 'Branch', at: { file: 'plan.yaml', line: 1, column: 1 } }, type: 'IPsec', at: { file: 'plan.yaml', line: 1, column: 1 } }], vpnClientAddressPool: [], at: { file: 'plan.yaml', line: 1, column: 1 } };

const HOUR_MS = 3_600_000;

function runHybrid(seed: number): Simulation {
  const sim = Simulation.create({ seed, era: '2014', network: PLAN, verifyInvariants: true });
  mustExecute(
    sim,
    { type: 'createService', name: 'app', region: 'West US' },
    { type: 'addImage', name: 'win2012', os: 'Windows' },
    windowsVm('app', 'web1', { vnet: 'HubNet', subnet: 'Apps' }),
    { type: 'createGateway', vnet: 'HubNet', gatewayType: 'DynamicRouting' },
  );
  sim.advanceTo(HOUR_MS);
  return sim;
}

describe('the gateway host inside the engine', () => {
  it('provisions the gateway on the shared clock, with a public IP from the VIP pool, and connects the site', () => {
    const sim = runHybrid(3);
    const gateway = sim.world.gateway.gateways.HubNet;
    expect(gateway?.state).toBe('Provisioned');
    const ip = gateway?.publicIp ?? '';
    expect(sim.world.publicIps[ip]).toBe('gateway:HubNet');
    expect(ip).not.toBe(findService(sim.world, 'app')?.vips.production);
    expect([...sim.events].some((e) => e.type === 'publicIp.allocated' && e.ip === ip)).toBe(true);
    expect(sim.connectedSites()).toEqual([{ vnet: 'HubNet', site: 'Branch' }]);
    expect(checkInvariants(sim.world)).toEqual([]);
  });

  it('replays gateway and connection events into the same world, and repeats the log for the same seed', () => {
    const sim = runHybrid(11);
    expect([...sim.events].some((e) => e.type.startsWith('connection.'))).toBe(true);
    expect(serializeWorld(replayEvents(sim.events))).toBe(serializeWorld(sim.world));
    expect([...runHybrid(11).events].map(formatEventLine)).toEqual([...sim.events].map(formatEventLine));
  });

  it('turns a gateway refusal into a diagnostic at the command, logged as command.refused', () => {
    const sim = Simulation.create({ seed: 1, era: '2014', network: PLAN });
    const result = sim.execute({ type: 'deleteGateway', vnet: 'HubNet' }, { file: 's.yaml', line: 4, column: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic).toMatchObject({ file: 's.yaml', line: 4, column: 3, severity: 'error' });
    expect(result.diagnostic.rule).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(sim.events.at(-1)).toMatchObject({ type: 'command.refused', command: 'deleteGateway', code: result.diagnostic.rule });
  });

  it('gives the gateway IP back to the pool when the gateway is deleted', () => {
    const sim = runHybrid(5);
    const ip = sim.world.gateway.gateways.HubNet?.publicIp ?? '';
    mustExecute(sim, { type: 'deleteGateway', vnet: 'HubNet' });
    sim.advanceTo(2 * HOUR_MS);
    expect(sim.world.gateway.gateways.HubNet?.state).toBe('NotProvisioned');
    expect(sim.world.publicIps[ip]).toBeUndefined();
  });
});
