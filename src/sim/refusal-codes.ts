import { CONNECT_REFUSAL_CODES } from '../connect/index.js';
import { GATEWAY_REFUSAL_CODES, type PlatformAnswer } from '../gateway/index.js';
import { COMPUTE_REFUSAL_CODES } from '../vm/index.js';

/** One refusal code of the engine: what it means, and for gateway codes how the platform answered. */
export interface RefusalCodeEntry {
  code: string;
  summary: string;
  /** The platform's HTTP status and error code for the same request, where the registry of the model records one. */
  platform?: PlatformAnswer;
}

/**
 * The registry of refusal codes: every code the engine refuses a command with (src/vm's, src/gateway's and
 * src/connect's registries), sorted by code. A code both models use (`unknown-vnet`) appears once, with the gateway's platform answer.
 */
export const REFUSAL_CODES: ReadonlyMap<string, RefusalCodeEntry> = new Map(
  [
    ...Object.entries(COMPUTE_REFUSAL_CODES).map(([code, summary]): RefusalCodeEntry => ({ code, summary })),
    ...Object.entries(CONNECT_REFUSAL_CODES).map(([code, summary]): RefusalCodeEntry => ({ code, summary })),
    ...Object.entries(GATEWAY_REFUSAL_CODES).map(([code, info]): RefusalCodeEntry => ({ code, summary: info.summary, platform: info.platform })),
  ]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((entry) => [entry.code, entry]),
);
