import type { NetworkPlan } from '../ipam/index.js';
import type { Command, SimLimits, SimProfile, World } from '../sim/index.js';
import type { PlatformResult } from './errors.js';
import type { CompletionRule } from './compute-outcome.js';
import type { ComputeRecords } from './compute-records.js';
import type { OperationBook, OperationPattern } from './operations.js';

/** What the platform kept about an affinity group beyond the engine's name and region. */
export interface AffinityGroupDetails {
  label: string;
  description: string | undefined;
  createdMs: number;
}

/**
 * One subscription as the operations see it: the engine's folded world at the current simulated time, plus what the
 * platform stored around it (the network configuration document, affinity-group labels, async operations).
 */
export interface AsmState {
  subscriptionId: string;
  world: World;
  /** Current simulated time in ms. */
  nowMs: number;
  /** The stored network configuration document; `undefined` until the first upload (GET media is then 404). */
  network: NetworkPlan | undefined;
  affinityGroups: Map<string, AffinityGroupDetails>;
  /** DefaultSites of each DynamicRouting gateway (forced tunnelling), by VNet. */
  defaultSites: Map<string, string[]>;
  operations: OperationBook<World>;
  /** The platform's records of hosted services, deployments, roles, disks and storage accounts (compute-records.ts). */
  compute: ComputeRecords;
  /** The pre-shared key of a VNet's tunnel to a site, if one is set or generated. */
  sharedKey(vnet: string, site: string): string | undefined;
  /** The engine's durations (defaults with a scenario's overrides), for operations the engine does not time itself. */
  profile: Readonly<SimProfile>;
  /** The engine's limits (defaults with a scenario's overrides): the quotas Get Subscription reports. */
  limits: Readonly<SimLimits>;
  /** Injected randomness: `length` alphanumeric characters (reset shared key). */
  randomAlphanumeric(length: number): string;
}

/** The asynchronous operation a mutation opens, settled by its completion rule on the simulated clock. */
export interface OperationSpec {
  pattern: OperationPattern;
  /** GatewayOperation OperationName, or a pattern-A name used to detect concurrent updates. */
  name: string;
  rule: CompletionRule<World>;
}

/**
 * What an accepted mutating request does: engine commands to run at the current simulated time, the platform-side
 * records to keep once the engine accepted them, and the async operation it opens.
 */
export interface Mutation {
  commands: Command[];
  remember?: ((state: AsmState) => void) | undefined;
  operation?: OperationSpec | undefined;
  /**
   * Whether an engine refusal fails the operation (202, then Failed with the error) rather than the request; the
   * platform validated network configuration uploads asynchronously (asm-recorded.md §9.12).
   */
  refusalFailsOperation?: boolean | undefined;
}

/** A read operation: the world and a typed request to a value, or a platform error. */
export type QueryFunction<R, T> = (state: AsmState, request: R) => PlatformResult<T>;

/** A write operation: the world and a typed request to engine commands, or a platform error. */
export type OperationFunction<R> = (state: AsmState, request: R) => PlatformResult<Mutation>;
