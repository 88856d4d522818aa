import { z } from 'zod';
import { isDurationRange } from '../common/index.js';
import { DEFAULT_SIM_LIMITS, DEFAULT_SIM_PROFILE } from '../sim/index.js';
import { formatDuration, parseDuration } from '../input/index.js';
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

/**
 * Profile durations drive timers that re-arm (rekeys, retries, probes): at 0s they would fire at one instant for ever,
 * so every one is at least a second — the finest a scenario duration can say — and the re-arming ones at least what
 * the era's devices accepted (Cisco IOS: IKE SA lifetime 60–86,400 s, IPsec SA 120–86,400 s, keepalive 10–3,600 s),
 * which keeps a 400-day run to hundreds of thousands of rekeys per tunnel, not tens of millions.
 */
const MIN_PROFILE_DURATION_MS: Readonly<Record<string, number>> = { ikeSaLifetimeMs: 60_000, childSaLifetimeMs: 120_000, dpdDelayMs: 10_000 };

function profileDurationSchema(field: string): z.ZodType<string> {
  const minMs = MIN_PROFILE_DURATION_MS[field] ?? 1000;
  return durationSchema.refine((text) => (parseDuration(text) ?? 0) >= minMs, {
    error: `at least ${formatDuration(minMs)}: a timer that re-arms itself faster would flood the log (or, at 0s, fire for ever at one instant)`,
  });
}

/** Bounds of the profile's plain numbers, where a value outside would make a loop run away (issue #14, item 3). */
const PROFILE_NUMBER_SCHEMAS: Readonly<Record<string, z.ZodNumber>> = {
  // Each retransmission waits base^attempt times the first timeout; below 1 the waits shrink to nothing.
  retransmitBase: z.number().min(1).max(10),
  retransmitTries: z.number().int().min(0).max(100),
  childSaLifetimeKb: z.number().min(1),
};

function profileValueSchema(field: string, value: unknown): z.ZodType {
  // A recorded range (`{ min, median, max }`) may also be pinned to one duration: `windowsProvision: 10m`.
  if (isDurationRange(value)) {
    const shown = `${formatDuration(value.minMs)} / ${formatDuration(value.medianMs)} / ${formatDuration(value.maxMs)}`;
    return z.union([profileDurationSchema(field), profileObjectSchema(value)]).optional()
      .describe(`default min / median / max ${shown}, each operation drawn within it; one duration pins it`);
  }
  if (value !== null && typeof value === 'object') return profileObjectSchema(value).optional();
  const shown = typeof value === 'number' && field.endsWith(MS_SUFFIX) ? formatDuration(value) : String(value ?? 'none');
  const schema = field.endsWith(MS_SUFFIX) ? profileDurationSchema(field) : (PROFILE_NUMBER_SCHEMAS[field] ?? z.number().min(0).max(1e12));
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
