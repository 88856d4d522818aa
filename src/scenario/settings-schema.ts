import { z } from 'zod';
import { DEFAULT_SIM_LIMITS, DEFAULT_SIM_PROFILE } from '../sim/index.js';
import { formatDuration } from './duration.js';
import { ikeProposalSchema, ikeVersionSchema, ipv4AddressSchema, ipv4PrefixSchema } from './command-schemas.js';
import { durationSchema } from './entry-schema.js';

/** An on-premises VPN device at a local network site (what the gateway negotiates with). */
export const deviceSchema = z.strictObject({
  site: z.string().min(1),
  sharedKey: z.string(),
  publicIp: ipv4AddressSchema,
  ikeVersions: z.array(ikeVersionSchema).min(1),
  routing: z.enum(['PolicyBased', 'RouteBased']),
  trafficSelectors: z.array(ipv4PrefixSchema).optional(),
  proposals: z.array(ikeProposalSchema).optional(),
  gatewayAddress: ipv4AddressSchema.optional(),
  // A device is usually powered and reachable; scenarios break it with setDevicePower / setLinkFault.
  up: z.boolean().optional(),
  reachable: z.boolean().optional(),
});

/** Suffix of the engine's millisecond fields; the YAML key drops it and takes a duration (`windowsProvision: 10m`). */
export const MS_SUFFIX = 'Ms';

/** The YAML key of an engine profile field: `windowsProvisionMs` → `windowsProvision`. */
export function profileKeyOf(field: string): string {
  return field.endsWith(MS_SUFFIX) ? field.slice(0, -MS_SUFFIX.length) : field;
}

/**
 * The YAML schema of one profile object, built from the engine's defaults so every setting the engine has is
 * overridable and no key it lacks is accepted: `…Ms` fields take a duration, other numbers a number, nested objects
 * (SA lifetimes per gateway type) recurse. Each key's description gives the default.
 */
function profileObjectSchema(defaults: object): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(defaults).map(([field, value]: [string, unknown]) => [profileKeyOf(field), profileValueSchema(field, value)]),
  );
  return z.strictObject(shape);
}

function profileValueSchema(field: string, value: unknown): z.ZodType {
  if (value !== null && typeof value === 'object') return profileObjectSchema(value).optional();
  const shown = typeof value === 'number' && field.endsWith(MS_SUFFIX) ? formatDuration(value) : String(value ?? 'none');
  const schema = field.endsWith(MS_SUFFIX) ? durationSchema : z.number().min(0);
  return schema.optional().describe(`default ${shown}`);
}

/** `profile:` durations of platform operations, e.g. `{ windowsProvision: 10m, provisionDuration: 20m }`. */
export const profileSchema = profileObjectSchema(DEFAULT_SIM_PROFILE);

const limitsShape = Object.fromEntries(
  Object.entries(DEFAULT_SIM_LIMITS).map(([field, value]) => [
    field,
    z.number().int().min(0).optional().describe(`default ${String(value)}`),
  ]),
);

/** `limits:` subscription and service limits, e.g. `{ vmsPerService: 2 }`. */
export const limitsSchema = z.strictObject(limitsShape);
