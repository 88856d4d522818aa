import { REFUSAL_CODES } from '../sim/index.js';
import { describeComputeRefusal } from './compute-errors.js';
import { platformErrors, type PlatformError } from './errors.js';

/** The request context a refusal is worded for (the VNet or site the URL named). */
export interface RefusalContext {
  vnet?: string | undefined;
  site?: string | undefined;
  affinityGroup?: string | undefined;
}

/**
 * Maps an engine refusal (stable code + the engine's message) to the platform's error. Codes with a recorded platform
 * wording get it (asm-recorded.md §7); other codes whose registry entry records the platform's answer get that
 * status and error code with the platform's words when the engine has them; the rest keep the engine's message,
 * which names the objects and the fix.
 */
export function mapRefusal(code: string, message: string, context: RefusalContext = {}, platformMessage?: string): PlatformError {
  switch (code) {
    case 'unknown-vnet':
      return platformErrors.unknownVnet(context.vnet ?? '');
    case 'gateway-exists':
      return platformErrors.gatewayExists(context.vnet ?? '');
    case 'gateway-not-provisioned':
      return platformErrors.gatewayNotProvisioned();
    case 'gateway-operation-in-progress':
      return platformErrors.gatewayBusy(context.vnet ?? '');
    case 'invalid-shared-key':
      return platformErrors.invalidSharedKey();
    case 'unknown-site':
      return platformErrors.unknownLocalSite(context.site ?? '');
    case 'affinity-group-exists':
      return platformErrors.affinityGroupExists();
    case 'unknown-affinity-group':
      return platformErrors.affinityGroupNameInvalid();
    case 'affinity-group-in-use':
      return { status: 400, code: 'BadRequest', message };
    default: {
      const platform = REFUSAL_CODES.get(code)?.platform;
      if (platform !== undefined) return { status: platform.httpStatus, code: platform.errorCode, message: platformMessage ?? message };
      // Compute refusals: a missing object is 404, a name or address taken 409, the rest 400 (compute-errors.ts).
      return describeComputeRefusal(code, message);
    }
  }
}
