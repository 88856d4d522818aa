import { fixedDurationRange, isDurationRange } from '../common/index.js';
import { DEFAULT_SIM_PROFILE, type SimLimits, type SimProfile } from '../sim/index.js';
import { parseDuration } from '../input/index.js';
import { profileKeyOf } from './settings-schema.js';

/** The engine profile overrides a validated `profile:` section asks for (durations converted to ms). */
export function profileFromFile(section: Readonly<Record<string, unknown>> | undefined): Partial<SimProfile> {
  // Every key written is a field of DEFAULT_SIM_PROFILE (the schema is built from it), so this is a partial profile.
  return section === undefined ? {} : (overridesOf(DEFAULT_SIM_PROFILE, section) as Partial<SimProfile>);
}

/** Walks the defaults, taking each field the section sets; a nested object keeps the defaults it does not set. */
function overridesOf(defaults: object, section: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const [field, fallback] of Object.entries(defaults) as [string, unknown][]) {
    const value = section[profileKeyOf(field)];
    if (value === undefined) continue;
    if (isDurationRange(fallback) && typeof value === 'string') {
      overrides[field] = fixedDurationRange(parseDuration(value) ?? 0);
    } else if (fallback !== null && typeof fallback === 'object' && typeof value === 'object' && value !== null) {
      overrides[field] = { ...fallback, ...overridesOf(fallback, value as Record<string, unknown>) };
    } else {
      overrides[field] = typeof value === 'string' ? (parseDuration(value) ?? 0) : value;
    }
  }
  return overrides;
}

/** The engine limit overrides a validated `limits:` section asks for. */
export function limitsFromFile(section: Readonly<Record<string, number | undefined>> | undefined): Partial<SimLimits> {
  const overrides: Record<string, number> = {};
  for (const [field, value] of Object.entries(section ?? {})) if (value !== undefined) overrides[field] = value;
  // The schema accepts exactly the fields of DEFAULT_SIM_LIMITS, so this is a partial set of limits.
  return overrides as Partial<SimLimits>;
}
