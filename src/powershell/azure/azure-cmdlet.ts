import type { PlatformError } from '../../asm/index.js';
import type { Cmdlet, CmdletCall, CmdletParameter } from '../cmdlet.js';
import { toStr } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import type { AzureSession, OperationResult } from './azure-session.js';
import { makeOperationContext } from './vm-objects.js';

/** An Azure cmdlet's body: the call and the subscription it acts on. */
export type AzureCmdletBody = (call: CmdletCall, session: AzureSession) => void;

/** Defines a cmdlet of the Azure (ServiceManagement) module over a session; it runs per input object when it takes pipeline input. */
export function azureCmdlet(name: string, parameters: readonly CmdletParameter[], body: AzureCmdletBody): (session: AzureSession) => Cmdlet {
  const perItem = parameters.some((p) => p.pipeline !== undefined);
  return (session) => ({ name, parameters, perItem, invoke: (call) => body(call, session) });
}

/**
 * A platform error as the module wrote it: a non-terminating error `Code: Message` (ServiceManagementBaseCmdlet's
 * WriteExceptionError), category CloseError, id the cmdlet class — so `-ErrorAction` and `$?` work as scripts expect.
 */
export function writePlatformError(call: CmdletCall, error: PlatformError): void {
  call.writeError(new RuntimeFailure(`${error.code}: ${error.message}`, 'CloseError', `Microsoft.WindowsAzure.Commands.ServiceManagement.${call.name.replace(/-/g, '')}Command`, 'Microsoft.WindowsAzure.CloudException'), ':');
}

/** Outputs the operation row on success, or writes the platform error. */
export function reportOperation(call: CmdletCall, result: OperationResult, description = call.name): boolean {
  if (!result.ok) {
    writePlatformError(call, result.error);
    return false;
  }
  call.output(makeOperationContext(description, result.operationId));
  return true;
}

/** A string parameter's value, or undefined when not given. */
export function optionalString(call: CmdletCall, parameter: string): string | undefined {
  return call.has(parameter) ? toStr(call.get(parameter)) : undefined;
}

/** A required string parameter (the module's Mandatory parameters). */
export function requiredString(call: CmdletCall, parameter: string): string {
  if (!call.has(parameter)) throw new RuntimeFailure(`Cannot process command because of one or more missing mandatory parameters: ${parameter}.`, 'InvalidArgument', 'MissingMandatoryParameter', 'ParameterBindingException');
  return toStr(call.get(parameter));
}

/** True when a switch was given (and not `-Switch:$false`). */
export function isSet(call: CmdletCall, parameter: string): boolean {
  return call.has(parameter) && call.get(parameter) !== false;
}
