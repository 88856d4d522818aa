import { DEFAULT_SIM_PROFILE, type SimLimits, type SimProfile } from '../sim/index.js';
import { parseDuration } from './duration.js';
import { MS_SUFFIX, profileKeyOf } from './settings-schema.js';

/** The engine profile overrides a validated `profile:` section asks for (durations converted to ms). */
export function profileFromFile(section: Readonly<Record<string, string | number | undefined>> | undefined): Partial<SimProfile> {
  const overrides: Record<string, number> = {};
  if (section === undefined) return overrides;
  for (const field of Object.keys(DEFAULT_SIM_PROFILE)) {
    const value = section[profileKeyOf(field)];
    if (value === undefined) continue;
    overrides[field] = typeof value === 'number' || !field.endsWith(MS_SUFFIX) ? Number(value) : (parseDuration(value) ?? 0);
  }
  // Every key written above is a field of DEFAULT_SIM_PROFILE, so this is a partial profile.
  return overrides as Partial<SimProfile>;
}

/** The engine limit overrides a validated `limits:` section asks for. */
export function limitsFromFile(section: Readonly<Record<string, number | undefined>> | undefined): Partial<SimLimits> {
  const overrides: Record<string, number> = {};
  for (const [field, value] of Object.entries(section ?? {})) if (value !== undefined) overrides[field] = value;
  // The schema accepts exactly the fields of DEFAULT_SIM_LIMITS, so this is a partial set of limits.
  return overrides as Partial<SimLimits>;
}
