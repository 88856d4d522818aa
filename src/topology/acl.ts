import { containsAddress4 } from '../ipam/index.js';
import type { TopoAclRule } from './model.js';

/** The outcome of an endpoint ACL for one remote address, with the rule that decided it (if one matched). */
export interface AclDecision {
  permitted: boolean;
  rule: TopoAclRule | undefined;
  reason: 'no-rules' | 'matched' | 'implicit-deny' | 'implicit-permit';
}

/**
 * Evaluates a classic endpoint ACL: rules in ascending order, first match wins. Unmatched addresses are denied as
 * soon as any permit rule exists (a permit list), and permitted when the ACL holds only deny rules (a block list);
 * an empty ACL permits everyone (Set-AzureAclConfig semantics).
 */
export function evaluateAcl(acl: readonly TopoAclRule[], remote: number): AclDecision {
  if (acl.length === 0) return { permitted: true, rule: undefined, reason: 'no-rules' };
  let matched: TopoAclRule | undefined;
  let hasPermit = false;
  for (const rule of acl) {
    if (rule.action === 'permit') hasPermit = true;
    if (containsAddress4(rule.remoteSubnet, remote) && (matched === undefined || rule.order < matched.order)) {
      matched = rule;
    }
  }
  if (matched !== undefined) return { permitted: matched.action === 'permit', rule: matched, reason: 'matched' };
  return hasPermit
    ? { permitted: false, rule: undefined, reason: 'implicit-deny' }
    : { permitted: true, rule: undefined, reason: 'implicit-permit' };
}

/** Whether {@link evaluateAcl} permits `remote`, decided without building the decision (verdict-only flows). */
export function isAclPermitted(acl: readonly TopoAclRule[], remote: number): boolean {
  let matched: TopoAclRule | undefined;
  let hasPermit = false;
  for (const rule of acl) {
    if (rule.action === 'permit') hasPermit = true;
    if (containsAddress4(rule.remoteSubnet, remote) && (matched === undefined || rule.order < matched.order)) matched = rule;
  }
  return matched === undefined ? !hasPermit : matched.action === 'permit';
}
