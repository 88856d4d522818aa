export { checkPlan, sortDiagnostics, PLAN_RULES, RULE_CATALOGUE } from './check-plan.js';
export type { CheckPlanOptions, PlanEra, PlanRule, RuleInfo } from './rule.js';
export { RESERVED_BLOCKS, PRIVATE_BLOCKS } from './space-rules.js';
export {
  SMALLEST_SUBNET_LENGTH,
  LARGEST_SUBNET_LENGTH,
  GATEWAY_SUBNET_NAME,
  RECOMMENDED_GATEWAY_SUBNET_LENGTH,
} from './subnet-rules.js';
export { inferPlanEra } from './era-rules.js';
