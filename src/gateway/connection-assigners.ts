import type { ConnectionContext, ConnectionEvent } from './connection-contract.js';
import { formatWireNotify, type IkeExchange } from './negotiation.js';
import type { FailureReason } from './reasons.js';

// The connection machine's assign actions as plain functions, and the helpers they share with its guards. Named here
// (the machine wraps each in XState's assign) because the gateway host replays recorded steps with them (StepCache).

/** Which SA a rekey renews. */
export type SaKind = 'ike' | 'child';

/** The exchange that rekeys an SA under an IKE version. */
export function rekeyExchange(ikeVersion: 1 | 2, sa: SaKind): IkeExchange {
  // IKEv2 rekeys both SAs with CREATE_CHILD_SA; IKEv1 re-authenticates with main mode and rekeys with quick mode.
  if (ikeVersion === 2) return 'CREATE_CHILD_SA';
  return sa === 'ike' ? 'MAIN_MODE' : 'QUICK_MODE';
}

/** An exchange named directly, or a rekey whose exchange depends on the IKE version. */
export type Step = IkeExchange | 'rekey-ike' | 'rekey-child';

/** The exchange a step sends. */
export function resolveExchange(context: ConnectionContext, step: Step): IkeExchange {
  if (step === 'rekey-ike') return rekeyExchange(context.ikeVersion, 'ike');
  if (step === 'rekey-child') return rekeyExchange(context.ikeVersion, 'child');
  return step;
}

/** The backoff before the next attempt after `failures` failed ones, with the seeded jitter. */
export function computeRetryDelayMs(context: ConnectionContext, failures: number): number {
  const { retryBaseMs, retryMaxMs, retryJitterMs } = context.profile;
  const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, failures - 1));
  return backoff + context.link.random.nextInt(retryJitterMs + 1);
}

// Every failed attempt clears the retransmit count, records why, and backs off one step further before the next.
function countFailure(context: ConnectionContext, reason: FailureReason) {
  const failures = context.failures + 1;
  return { tries: 0, reason, failures, retryDelayMs: computeRetryDelayMs(context, failures) };
}

interface AssignArgs {
  context: ConnectionContext;
  event: ConnectionEvent;
}

/** The context changes of the connection machine's assign actions, by action name. */
export const CONNECTION_ASSIGNERS = {
  countRetransmit: ({ context }: AssignArgs, params: { step: Step }) => {
    // One event for the first retransmission only: a log line per retransmit tick would flood the event log.
    if (context.tries === 0) {
      const exchange = resolveExchange(context, params.step);
      context.link.reportIke(exchange, `no response from the peer; retransmitting ${exchange}`);
    }
    return { tries: context.tries + 1 };
  },
  failWithRefusal: ({ context }: AssignArgs, params: { step: Step }) => {
    const exchange = resolveExchange(context, params.step);
    const reason = context.link.findRefusal(exchange) ?? 'NO_PROPOSAL_CHOSEN';
    context.link.reportIke(exchange, `peer answered ${exchange} with notify ${formatWireNotify(exchange, reason)}`);
    return countFailure(context, reason);
  },
  refuseChild: ({ context }: AssignArgs, params: { step: Step }) => {
    const exchange = resolveExchange(context, params.step);
    const reason = context.link.findRefusal(exchange) ?? 'TS_UNACCEPTABLE';
    const notify = formatWireNotify(exchange, reason);
    context.link.reportIke(exchange, `peer answered ${exchange} with notify ${notify}; the IKE SA stays up without a child SA`);
    // RFC 7296 §1.2: IKE_AUTH authenticated the peer even though its child was refused, so the IKE SA starts its life now.
    const ikeSa = exchange === 'IKE_AUTH' ? { ikeRekeyAtMs: context.link.now() + context.ikeSaLifetimeMs } : {};
    return { ...ikeSa, ...countFailure(context, reason) };
  },
  failWithSilence: ({ context }: AssignArgs, params: { step: Step; tunnelUp: boolean }) => {
    const exchange = resolveExchange(context, params.step);
    const reason = context.link.findSilence(params.tunnelUp) ?? 'PEER_UNREACHABLE';
    context.link.reportIke(exchange, `gave up ${exchange} after ${context.tries} retransmissions (${reason})`);
    return countFailure(context, reason);
  },
  failDpd: ({ context }: AssignArgs) => {
    // A device IP inside the site is the root cause of the silence; name it rather than the symptom.
    const silence = context.link.findSilence(true);
    const reason: FailureReason = silence === 'DEVICE_IP_INSIDE_SITE' ? silence : 'DPD_TIMEOUT';
    context.link.reportIke('INFORMATIONAL', `dead-peer detection: no answer after ${context.tries} retransmissions (${reason})`);
    return countFailure(context, reason);
  },
  // One assign for both: XState clones the snapshot once per assign action.
  establishIkeSaAndClearTries: ({ context }: AssignArgs) => ({ tries: 0, ikeRekeyAtMs: context.link.now() + context.ikeSaLifetimeMs }),
  // The IKE SA may be older than the child (a child retried after a refusal), so only the child's lifetime starts here.
  establish: ({ context }: AssignArgs) => ({
    tries: 0, failures: 0, reason: undefined, childRekeyAtMs: context.link.now() + context.childSaLifetimeMs,
  }),
  // IKE_AUTH sets up the IKE SA and its first child at once: both lifetimes start, in one assign (one snapshot clone).
  establishIkeSaAndChild: ({ context }: AssignArgs) => {
    const now = context.link.now();
    return { tries: 0, failures: 0, reason: undefined, ikeRekeyAtMs: now + context.ikeSaLifetimeMs, childRekeyAtMs: now + context.childSaLifetimeMs };
  },
  completeRekey: ({ context }: AssignArgs, params: { sa: SaKind }) => {
    const now = context.link.now();
    const exchange = rekeyExchange(context.ikeVersion, params.sa);
    context.link.reportIke(exchange, params.sa === 'ike' ? 'IKE SA rekeyed' : 'IPsec SA rekeyed');
    // IKEv1 re-authentication builds a new phase 1 and with it fresh phase 2 SAs.
    if (params.sa === 'ike' && context.ikeVersion === 1) {
      return { tries: 0, ikeRekeyAtMs: now + context.ikeSaLifetimeMs, childRekeyAtMs: now + context.childSaLifetimeMs };
    }
    return params.sa === 'ike' ? { tries: 0, ikeRekeyAtMs: now + context.ikeSaLifetimeMs } : { tries: 0, childRekeyAtMs: now + context.childSaLifetimeMs };
  },
  clearTries: () => ({ tries: 0 }),
  resetAttempts: () => ({ tries: 0, failures: 0 }),
  assignDisconnect: ({ event }: AssignArgs) => ({ tries: 0, reason: event.type === 'DISCONNECT' ? event.reason : undefined }),
  assignPeerDeleted: ({ context }: AssignArgs) => ({
    tries: 0, reason: 'PEER_DELETED' as const, failures: 0, retryDelayMs: computeRetryDelayMs(context, 0),
  }),
};
