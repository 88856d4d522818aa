import type { Diagnostic, SourceRef } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import type { Command, DeviceSpec, SimLimits, SimProfile } from '../sim/index.js';
import type { BoundExpectation } from './expectations/expectation-kind.js';
import type { Era } from '../input/index.js';

/** A command to execute at a simulated time, with the place in the file that asked for it. */
export interface ScheduledCommand {
  atMs: number;
  command: Command;
  at: SourceRef;
  /** `compute` for the declarative section's sugar (applied at 0s), `timeline` for an explicit entry. */
  origin: 'compute' | 'timeline';
}

/** An expectation to check at a simulated time, after everything due at that time has happened. */
export interface ScheduledExpectation {
  atMs: number;
  /** The registered kind's key, e.g. `vmState`. */
  kind: string;
  expectation: BoundExpectation;
  at: SourceRef;
}

/** A loaded, validated scenario: everything the pure runner needs, nothing read from disk any more. */
export interface Scenario {
  file: string;
  name: string;
  description: string | undefined;
  seed: number;
  /** The world the engine plays: affinity-group VNets only (2012) or regional VNets too (2014). */
  era: Era;
  /** The month the scenario is judged by (`era:` 2012 → 2012-06, 2014 → 2014-12, or the month it names). */
  eraMonth: string;
  plan: NetworkPlan;
  devices: DeviceSpec[];
  profile: Partial<SimProfile>;
  limits: Partial<SimLimits>;
  /** The scenario's own end time, if it sets one; otherwise the run ends at the last timed entry. */
  untilMs: number | undefined;
  /** Compute sugar first (at 0s, dependency order), then the timeline; stable-sorted by time. */
  commands: ScheduledCommand[];
  expectations: ScheduledExpectation[];
  /** Plan findings below error severity, kept for the report. */
  warnings: Diagnostic[];
}
