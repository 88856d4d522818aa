import type { Diagnostic, Severity } from '../../common/index.js';
import type { PlanIndex } from './plan-index.js';

/**
 * The platform era a plan is checked against: `2012`, `2014` or a month `YYYY-MM` (see platform-timeline.ts); each
 * feature the plan uses must have existed by then.
 */
export type PlanEra = string;

/** Options of a plan check. */
export interface CheckPlanOptions {
  /** Platform era; the default, the end of 2014, has every classic VNet feature (public VNet ranges with a warning). */
  era?: PlanEra | undefined;
}

/** One address-plan rule: a stable id, its default severity, a one-line description and the check itself. */
export interface PlanRule {
  /** Stable id, part of the public contract (e.g. `subnet-overlap`). */
  id: string;
  /** The severity the rule usually reports; a few rules raise or lower it by context (era, connectivity). */
  severity: Severity;
  /** One line for the README and SARIF rule list. */
  description: string;
  /** Returns every finding of this rule in the plan. */
  check(index: PlanIndex, options: CheckPlanOptions): Diagnostic[];
}

/** A rule's catalogue entry (what README and SARIF list). */
export type RuleInfo = Pick<PlanRule, 'id' | 'severity' | 'description'>;
