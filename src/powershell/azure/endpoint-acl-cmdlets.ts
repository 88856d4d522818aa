import type { AclRule } from '../../sim/index.js';
import type { CmdletCall } from '../cmdlet.js';
import { toNumber, toStr } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';
import { azureCmdlet, isSet, optionalString, requiredString } from './azure-cmdlet.js';
import { readRole } from './vm-objects.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

/** One rule of an endpoint ACL as the module kept it: the engine's rule plus the RuleId scripts use to edit it. */
interface IdentifiedRule extends AclRule {
  ruleId: number;
}

/**
 * The endpoint ACL object (NetworkAclObject, a list of NetworkAclRule): built by New-AzureAclConfig, edited in place
 * by Set-AzureAclConfig, applied by Add-/Set-AzureEndpoint -ACL. The console lists its rules.
 */
export class AzureAclConfig extends PsObject {
  readonly rules: IdentifiedRule[];

  constructor(rules: readonly AclRule[] = []) {
    super(`${MODEL}.NetworkAclObject`);
    this.rules = rules.map((rule, ruleId) => ({ ...rule, ruleId }));
    this.collectionItems = () => this.rules.map(describeRule);
    this.refresh();
  }

  /** Re-derives the visible Rules after an edit. */
  refresh(): void {
    this.set('Rules', this.rules.map(describeRule));
  }

  /** The rules as the engine's endpoint ACL. */
  toAcl(): AclRule[] {
    return this.rules.map(({ ruleId: _ruleId, ...rule }) => rule);
  }
}

function describeRule(rule: IdentifiedRule): PsObject {
  return new PsObject(`${MODEL}.NetworkAclRule`, {
    RuleId: rule.ruleId, Order: rule.order, Action: rule.action === 'permit' ? 'Permit' : 'Deny', RemoteSubnet: rule.remoteSubnet, Description: rule.description ?? null,
  });
}

/** The ACL behind `-ACL`; anything else is the module's cast error. */
export function readAcl(value: unknown): AzureAclConfig {
  if (value instanceof AzureAclConfig) return value;
  throw new RuntimeFailure(`Cannot bind parameter 'ACL'. Cannot convert the "${toStr(value)}" value of type "${value instanceof PsObject ? value.typeName : 'System.String'}" to type "${MODEL}.NetworkAclObject".`, 'InvalidArgument', 'CannotConvertArgumentNoMessage', 'ParameterBindingException');
}

function readAction(call: CmdletCall): AclRule['action'] {
  const action = requiredString(call, 'Action').toLowerCase();
  if (action !== 'permit' && action !== 'deny') {
    throw new RuntimeFailure(`Cannot validate argument on parameter 'Action'. The argument "${toStr(call.get('Action'))}" does not belong to the set "Permit,Deny".`, 'InvalidData', 'ParameterArgumentValidationError', 'ParameterBindingValidationException');
  }
  return action;
}

function findRule(call: CmdletCall, acl: AzureAclConfig): IdentifiedRule {
  const id = toNumber(call.get('RuleId'));
  const rule = acl.rules.find((r) => r.ruleId === id);
  if (rule === undefined) throw new RuntimeFailure(`A rule with RuleId ${id} was not found in the ACL.`, 'InvalidArgument', 'RuleNotFound', 'System.ArgumentException');
  return rule;
}

/** New-AzureAclConfig: an empty ACL (an endpoint without rules admits every address). */
const newAclConfig = azureCmdlet('New-AzureAclConfig', [], (call) => {
  call.output(new AzureAclConfig());
});

/**
 * Set-AzureAclConfig -ACL (-AddRule -Action -RemoteSubnet [-Order] [-Description] | -SetRule -RuleId … | -RemoveRule
 * -RuleId): edits the object in place and writes nothing; the platform checks the rules (unique orders, IPv4 prefixes,
 * at most 50 per endpoint — azure-classic.md §2.6 "Endpoint ACLs 50") when the endpoint is sent.
 */
const setAclConfig = azureCmdlet('Set-AzureAclConfig', [
  { name: 'ACL', mandatory: true }, { name: 'AddRule', isSwitch: true }, { name: 'SetRule', isSwitch: true }, { name: 'RemoveRule', isSwitch: true },
  { name: 'RuleId' }, { name: 'Action' }, { name: 'RemoteSubnet' }, { name: 'Order' }, { name: 'Description' },
], (call) => {
  const acl = readAcl(call.get('ACL'));
  if (isSet(call, 'AddRule')) {
    const order = call.has('Order') ? toNumber(call.get('Order')) : Math.max(0, ...acl.rules.map((r) => r.order + 1));
    const description = optionalString(call, 'Description');
    acl.rules.push({ ruleId: Math.max(-1, ...acl.rules.map((r) => r.ruleId)) + 1, order, action: readAction(call), remoteSubnet: requiredString(call, 'RemoteSubnet'), ...(description === undefined ? {} : { description }) });
  } else if (isSet(call, 'SetRule')) {
    const rule = findRule(call, acl);
    if (call.has('Action')) rule.action = readAction(call);
    if (call.has('RemoteSubnet')) rule.remoteSubnet = requiredString(call, 'RemoteSubnet');
    if (call.has('Order')) rule.order = toNumber(call.get('Order'));
    if (call.has('Description')) rule.description = requiredString(call, 'Description');
  } else if (isSet(call, 'RemoveRule')) {
    const rule = findRule(call, acl);
    acl.rules.splice(acl.rules.indexOf(rule), 1);
  } else {
    throw new RuntimeFailure('Parameter set cannot be resolved using the specified named parameters.', 'InvalidArgument', 'AmbiguousParameterSet', 'ParameterBindingException');
  }
  acl.refresh();
});

function findEndpoint(call: CmdletCall) {
  const name = requiredString(call, 'EndpointName');
  const endpoint = readRole(call.get('VM')).spec.endpoints.find((e) => e.name.toLowerCase() === name.toLowerCase());
  if (endpoint === undefined) throw new RuntimeFailure(`An endpoint named '${name}' cannot be found in the configuration of this VM.`, 'CloseError', 'EndpointNotFound', 'System.InvalidOperationException');
  return endpoint;
}

/** Get-AzureAclConfig -EndpointName -VM: a copy of the endpoint's ACL, to edit and send back with Set-AzureEndpoint -ACL. */
const getAclConfig = azureCmdlet('Get-AzureAclConfig', [{ name: 'EndpointName', position: 0, mandatory: true }, { name: 'VM', pipeline: 'value', mandatory: true }], (call) => {
  call.output(new AzureAclConfig(findEndpoint(call).acl));
});

/** Remove-AzureAclConfig -EndpointName -VM: the endpoint admits every address again (sent by Update-AzureVM). */
const removeAclConfig = azureCmdlet('Remove-AzureAclConfig', [{ name: 'EndpointName', position: 0, mandatory: true }, { name: 'VM', pipeline: 'value', mandatory: true }], (call) => {
  findEndpoint(call).acl = [];
  call.output(call.get('VM'));
});

/** The endpoint ACL cmdlets. */
export const ENDPOINT_ACL_CMDLETS = [newAclConfig, setAclConfig, getAclConfig, removeAclConfig];
