import { DEFAULT_COMPUTE_LIMITS, DEFAULT_COMPUTE_PROFILE, type ComputeLimits, type ComputeProfile } from '../vm/index.js';

/** Durations the simulation uses; a scenario overrides any of them. */
export type SimProfile = ComputeProfile;

/** Limits the simulation enforces; a scenario overrides any of them. */
export type SimLimits = ComputeLimits;

/** Default durations (compute-lifecycle.md §3.7). */
export const DEFAULT_SIM_PROFILE: Readonly<SimProfile> = DEFAULT_COMPUTE_PROFILE;

/** Default limits (LIMITS-2015). */
export const DEFAULT_SIM_LIMITS: Readonly<SimLimits> = DEFAULT_COMPUTE_LIMITS;
