import { DEFAULT_GATEWAY_PROFILE, type GatewayProfile } from '../gateway/index.js';
import { DEFAULT_COMPUTE_LIMITS, DEFAULT_COMPUTE_PROFILE, type ComputeLimits, type ComputeProfile } from '../vm/index.js';

/** Durations the simulation uses, compute and gateway side by side (their names do not collide); a scenario overrides any. */
export type SimProfile = ComputeProfile & GatewayProfile;

/** Limits the simulation enforces; a scenario overrides any of them. */
export type SimLimits = ComputeLimits;

/** Default durations (compute-lifecycle.md §3.7; gateway defaults from src/gateway). */
export const DEFAULT_SIM_PROFILE: Readonly<SimProfile> = { ...DEFAULT_COMPUTE_PROFILE, ...DEFAULT_GATEWAY_PROFILE };

/** Default limits (LIMITS-2015). */
export const DEFAULT_SIM_LIMITS: Readonly<SimLimits> = DEFAULT_COMPUTE_LIMITS;
