import type { NetworkPlan } from '../../src/ipam/index.js';
import { Simulation, type SimulationOptions } from '../../src/sim/index.js';

const AT = { file: 'plan.yaml', line: 1, column: 1 };

/** A one-file network plan from compact VNet and site descriptions. */
export function makePlan(
  vnets: { name: string; affinityGroup?: string; region?: string; addressSpace: string[]; subnets: Record<string, string> }[],
  sites: { name: string; prefixes: string[]; vpn: string }[] = [],
): NetworkPlan {
  return {
    file: 'plan.yaml',
    dnsServers: [],
    localSites: sites.map((s) => ({ name: s.name, addressSpace: s.prefixes.map((value) => ({ value, at: AT })), vpnGatewayAddress: { value: s.vpn, at: AT }, at: AT })),
    vnets: vnets.map((v) => ({
      name: v.name,
      affinityGroup: v.affinityGroup === undefined ? undefined : { value: v.affinityGroup, at: AT },
      location: v.region === undefined ? undefined : { value: v.region, at: AT },
      addressSpace: v.addressSpace.map((value) => ({ value, at: AT })),
      subnets: Object.entries(v.subnets).map(([name, value]) => ({ name, addressPrefix: { value, at: AT }, at: AT })),
      dnsServerRefs: [],
      gateway: undefined,
      at: AT,
    })),
  };
}

/** The plan most tests use: an affinity-group VNet (2012 style) and a regional one (2014 style). */
export const STANDARD_PLAN = makePlan([
  { name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.1.0.0/16'], subnets: { FrontEnd: '10.1.1.0/24', BackEnd: '10.1.2.0/29', GatewaySubnet: '10.1.255.0/29' } },
  { name: 'RegionNet', region: 'West Europe', addressSpace: ['10.2.0.0/16'], subnets: { Apps: '10.2.1.0/24' } },
]);

/** A simulation over the standard plan that checks invariants after every event. */
export function startSimulation(options: Partial<SimulationOptions> = {}): Simulation {
  return Simulation.create({ seed: 42, era: '2014', network: STANDARD_PLAN, verifyInvariants: true, ...options });
}

/** Executes commands that must all be accepted; fails loudly with the diagnostic otherwise. */
export function mustExecute(sim: Simulation, ...commands: Parameters<Simulation['execute']>[0][]): void {
  for (const command of commands) {
    const result = sim.execute(command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.diagnostic.rule}: ${result.diagnostic.message}`);
  }
}
