import { createComputeRecords, describeComputeRefusal, type ComputeDecision, type ComputeRecords, type OperationOutcome, type PlatformError, type RoleSpec } from '../../src/asm/index.js';
import { Simulation } from '../../src/sim/index.js';
import { makePlan } from '../sim/helpers.js';

/** A subscription as the API layer holds it: the engine over a VNet with a GatewaySubnet, and the records. */
export interface Subscription {
  sim: Simulation;
  records: ComputeRecords;
}

/** A fresh subscription with affinity group CorpAG (West US) and VNet CorpNet in it. */
export function startSubscription(): Subscription {
  const network = makePlan([
    { name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.4.0.0/16'], subnets: { 'Subnet-1': '10.4.0.0/24', 'Subnet-2': '10.4.1.0/24', GatewaySubnet: '10.4.255.0/29' } },
  ]);
  const sim = Simulation.create({ seed: 7, era: '2014', network, verifyInvariants: true });
  const accepted = sim.execute({ type: 'createAffinityGroup', name: 'CorpAG', region: 'West US' });
  if (!accepted.ok) throw new Error(accepted.diagnostic.message);
  return { sim, records: createComputeRecords() };
}

/** What applying a decision gave: a refusal, an immediately failed operation, or a pending completion check. */
export type Applied =
  | { kind: 'refused'; error: PlatformError }
  | { kind: 'failed'; error: PlatformError }
  | { kind: 'accepted'; outcome: () => OperationOutcome | undefined };

/** Runs a decision's commands on the engine and applies its edit, as the API does. */
export function apply(sub: Subscription, decision: ComputeDecision): Applied {
  if (decision.kind === 'refuse') return { kind: 'refused', error: decision.error };
  if (decision.kind === 'failLater') return { kind: 'failed', error: decision.error };
  const result = sub.sim.executeAll(decision.commands);
  if (!result.ok) return { kind: 'refused', error: describeComputeRefusal(result.diagnostic.rule, result.diagnostic.message) };
  decision.edit?.(sub.records);
  return { kind: 'accepted', outcome: () => decision.completion(sub.sim.world, sub.sim.clock.now()) };
}

/** A Linux role from the gallery's Ubuntu 14.04 image, with overrides. */
export function linuxRole(name: string, extra: Partial<RoleSpec> = {}): RoleSpec {
  return {
    roleName: name,
    roleSize: 'Small',
    provisioning: { os: 'Linux', hostName: name, adminUser: 'azureuser', password: 'Pa55w.rd!', sshKey: undefined },
    endpoints: [],
    subnetNames: [],
    staticIp: undefined,
    sourceImageName: 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150706-en-us-30GB',
    osDiskName: undefined,
    osDiskMediaLink: undefined,
    osDiskHostCaching: undefined,
    availabilitySet: undefined,
    provisionGuestAgent: true,
    dataDisks: [],
    ...extra,
  };
}
