import type { Diagnostic, Severity } from '../../common/index.js';
import type { PlanIndex } from './plan-index.js';

/** The platform era a plan is checked against (azure-classic.md §0): 2012 allowed only RFC1918 VNet space. */
export type PlanEra = '2012' | '2014';

/** Options of a plan check. */
export interface CheckPlanOptions {
  /** Platform era; the default, 2014, accepts public VNet ranges with a warning. */
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
