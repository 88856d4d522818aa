import type { Diagnostic } from '../../common/index.js';
import type { NetworkPlan } from '../plan.js';
import { featureEraRule } from './era-rules.js';
import { duplicateNameRule, locationRequiredRule, unknownReferenceRule } from './name-rules.js';
import { indexPlan } from './plan-index.js';
import type { CheckPlanOptions, PlanRule, RuleInfo } from './rule.js';
import { localSiteOverlapRule, p2sPoolOverlapRule, vnetLocalOverlapRule, vpnAddressInsideSiteRule } from './site-rules.js';
import { publicRangeRule, reservedRangeRule, spaceOverlapRule, vnetOverlapRule } from './space-rules.js';
import {
  gatewaySubnetMissingRule,
  gatewaySubnetSmallRule,
  subnetOutsideSpaceRule,
  subnetOverlapRule,
  subnetSizeRule,
} from './subnet-rules.js';
import { addressInvalidRule, cidrHostBitsRule, cidrInvalidRule, ipv6UnsupportedRule } from './syntax-rules.js';

/** Every address-plan rule, in catalogue order (syntax first, then spaces, subnets, sites, names). */
export const PLAN_RULES: readonly PlanRule[] = [
  cidrInvalidRule,
  cidrHostBitsRule,
  addressInvalidRule,
  ipv6UnsupportedRule,
  spaceOverlapRule,
  reservedRangeRule,
  publicRangeRule,
  vnetOverlapRule,
  subnetOutsideSpaceRule,
  subnetOverlapRule,
  subnetSizeRule,
  gatewaySubnetMissingRule,
  gatewaySubnetSmallRule,
  localSiteOverlapRule,
  vnetLocalOverlapRule,
  vpnAddressInsideSiteRule,
  p2sPoolOverlapRule,
  unknownReferenceRule,
  duplicateNameRule,
  locationRequiredRule,
  featureEraRule,
];

/** The rule catalogue (id, default severity, one-line description) for the README and SARIF `rules[]`. */
export const RULE_CATALOGUE: readonly RuleInfo[] = PLAN_RULES.map(({ id, severity, description }) => ({
  id,
  severity,
  description,
}));

/** Runs every rule over one plan; diagnostics come sorted by file, line, column, then rule. */
export function checkPlan(plan: NetworkPlan, options: CheckPlanOptions = {}): Diagnostic[] {
  const index = indexPlan(plan);
  return sortDiagnostics(PLAN_RULES.flatMap((rule) => rule.check(index, options)));
}

/** Sorts diagnostics by file, line, column, rule, then message, so output is stable across runs. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
