import { assign, setup } from 'xstate';
import type { ConnectionContext, ConnectionEvent, ConnectionInput } from './connection-contract.js';
import { formatWireNotify, isChildSaRefusal, type IkeExchange } from './negotiation.js';
import { retransmitWaitMs } from './profile.js';
import type { FailureReason } from './reasons.js';

/**
 * One site-to-site tunnel as Azure's side sees it: NotConnected → Connecting (IKE phases) → Connected (rekeys, DPD).
 * Azure initiates and owns retransmission (RFC 7296 §2.1); the far end's answers come from the `link`, so the
 * machine stays pure and tests can swap the peer. A refused child SA leaves the IKE SA up: the tunnel stays
 * Connecting and retries only the child (quick mode, or CREATE_CHILD_SA) until the IKE SA's lifetime runs out.
 */

type SaKind = 'ike' | 'child';

function rekeyExchange(ikeVersion: 1 | 2, sa: SaKind): IkeExchange {
  // IKEv2 rekeys both SAs with CREATE_CHILD_SA; IKEv1 re-authenticates with main mode and rekeys with quick mode.
  if (ikeVersion === 2) return 'CREATE_CHILD_SA';
  return sa === 'ike' ? 'MAIN_MODE' : 'QUICK_MODE';
}

/** An exchange named directly, or a rekey whose exchange depends on the IKE version. */
type Step = IkeExchange | 'rekey-ike' | 'rekey-child';

function resolveExchange(context: ConnectionContext, step: Step): IkeExchange {
  if (step === 'rekey-ike') return rekeyExchange(context.ikeVersion, 'ike');
  if (step === 'rekey-child') return rekeyExchange(context.ikeVersion, 'child');
  return step;
}

function computeRetryDelayMs(context: ConnectionContext, failures: number): number {
  const { retryBaseMs, retryMaxMs, retryJitterMs } = context.profile;
  const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, failures - 1));
  return backoff + context.link.random.nextInt(retryJitterMs + 1);
}

function isAcceptedByPeer(context: ConnectionContext, step: Step, tunnelUp: boolean): boolean {
  return context.link.findSilence(tunnelUp) === undefined && context.link.findRefusal(resolveExchange(context, step)) === undefined;
}

// Every failed attempt clears the retransmit count, records why, and backs off one step further before the next.
function countFailure(context: ConnectionContext, reason: FailureReason) {
  const failures = context.failures + 1;
  return { tries: 0, reason, failures, retryDelayMs: computeRetryDelayMs(context, failures) };
}

/** The connection statechart; create actors with `createActor(connectionMachine, { clock, input })`. */
export const connectionMachine = setup({
  types: {
    context: {} as ConnectionContext,
    input: {} as ConnectionInput,
    events: {} as ConnectionEvent,
  },
  delays: {
    // A response arrives after one round trip; silence means waiting out the next retransmission timeout.
    EXCHANGE_WAIT: ({ context }) =>
      context.link.findSilence(false) === undefined ? context.profile.roundTripMs : retransmitWaitMs(context.profile, context.tries),
    EXCHANGE_WAIT_UP: ({ context }) =>
      context.link.findSilence(true) === undefined ? context.profile.roundTripMs : retransmitWaitMs(context.profile, context.tries),
    REKEY_DUE: ({ context }) => Math.max(0, Math.min(context.ikeRekeyAtMs, context.childRekeyAtMs) - context.link.now()),
    RETRY_DELAY: ({ context }) => context.retryDelayMs,
    IKE_SA_EXPIRY: ({ context }) => Math.max(0, context.ikeRekeyAtMs - context.link.now()),
    DPD_DELAY: ({ context }) => context.profile.dpdDelayMs,
  },
  guards: {
    isIkeV1: ({ context }) => context.ikeVersion === 1,
    // The start event carries the input (as in the device machine); no later event does, so boot is left at once.
    connectsAtStart: ({ context, event }, params: { ikeVersion: 1 | 2 }) =>
      context.ikeVersion === params.ikeVersion && (event as { input?: ConnectionInput }).input?.connectsAtStart === true,
    canRetransmit: ({ context }) => context.tries < context.profile.retransmitTries,
    isIkeRekeyDue: ({ context }) => context.ikeRekeyAtMs <= context.childRekeyAtMs,
    isPeerSilentWhenUp: ({ context }) => context.link.findSilence(true) !== undefined,
    isPeerAnsweringWhenUp: ({ context }) => context.link.findSilence(true) === undefined,
    needsDpd: ({ context }) => context.dpdEnabled && context.link.findSilence(true) !== undefined,
    // The answer that completes the child SA, from a peer that goes silent once the tunnel is up (see Connected).
    peerAcceptsIntoDpd: ({ context }, params: { step: Step }) =>
      context.dpdEnabled && context.link.findSilence(true) !== undefined && isAcceptedByPeer(context, params.step, false),
    peerAccepts: ({ context }, params: { step: Step; tunnelUp: boolean }) => isAcceptedByPeer(context, params.step, params.tunnelUp),
    peerAcceptsFirstTry: ({ context }, params: { step: Step; tunnelUp: boolean }) =>
      context.tries === 0 && isAcceptedByPeer(context, params.step, params.tunnelUp),
    peerAcceptsRetransmitted: ({ context }, params: { step: Step; tunnelUp: boolean }) =>
      context.tries > 0 && isAcceptedByPeer(context, params.step, params.tunnelUp),
    peerRefuses: ({ context }, params: { step: Step; tunnelUp: boolean }) =>
      context.link.findSilence(params.tunnelUp) === undefined
      && context.link.findRefusal(resolveExchange(context, params.step)) !== undefined,
    peerRefusesChildOnly: ({ context }, params: { step: Step; tunnelUp: boolean }) => {
      // CREATE_CHILD_SA also rekeys the IKE SA (RFC 7296 §1.3.2); a refused IKE SA rekey is not a child refusal.
      if (params.step === 'rekey-ike' || context.link.findSilence(params.tunnelUp) !== undefined) return false;
      const exchange = resolveExchange(context, params.step);
      const reason = context.link.findRefusal(exchange);
      return reason !== undefined && isChildSaRefusal(exchange, reason);
    },
  },
  actions: {
    reportNotConnected: ({ context }) => context.link.reportState('NotConnected', context.reason),
    // The last failure reason stays until the tunnel is Connected: Get-AzureVNetConnection kept showing the last event.
    reportConnecting: ({ context }) => context.link.reportState('Connecting', context.reason),
    reportConnected: ({ context }) => context.link.reportState('Connected', undefined),
    reportStep: ({ context }, params: { exchange: IkeExchange; detail: string }) =>
      context.link.reportIke(params.exchange, params.detail),
    countRetransmit: assign(({ context }, params: { step: Step }) => {
      // One event for the first retransmission only: a log line per retransmit tick would flood the event log.
      if (context.tries === 0) {
        const exchange = resolveExchange(context, params.step);
        context.link.reportIke(exchange, `no response from the peer; retransmitting ${exchange}`);
      }
      return { tries: context.tries + 1 };
    }),
    failWithRefusal: assign(({ context }, params: { step: Step }) => {
      const exchange = resolveExchange(context, params.step);
      const reason = context.link.findRefusal(exchange) ?? 'NO_PROPOSAL_CHOSEN';
      context.link.reportIke(exchange, `peer answered ${exchange} with notify ${formatWireNotify(exchange, reason)}`);
      return countFailure(context, reason);
    }),
    refuseChild: assign(({ context }, params: { step: Step }) => {
      const exchange = resolveExchange(context, params.step);
      const reason = context.link.findRefusal(exchange) ?? 'TS_UNACCEPTABLE';
      const notify = formatWireNotify(exchange, reason);
      context.link.reportIke(exchange, `peer answered ${exchange} with notify ${notify}; the IKE SA stays up without a child SA`);
      // RFC 7296 §1.2: IKE_AUTH authenticated the peer even though its child was refused, so the IKE SA starts its life now.
      const ikeSa = exchange === 'IKE_AUTH' ? { ikeRekeyAtMs: context.link.now() + context.ikeSaLifetimeMs } : {};
      return { ...ikeSa, ...countFailure(context, reason) };
    }),
    expireChildlessIkeSa: ({ context }) => {
      const exchange = context.ikeVersion === 1 ? 'MAIN_MODE' : 'IKE_SA_INIT';
      context.link.reportIke(exchange, 'IKE SA lifetime ended with no child SA; negotiating a new IKE SA');
    },
    failWithSilence: assign(({ context }, params: { step: Step; tunnelUp: boolean }) => {
      const exchange = resolveExchange(context, params.step);
      const reason = context.link.findSilence(params.tunnelUp) ?? 'PEER_UNREACHABLE';
      context.link.reportIke(exchange, `gave up ${exchange} after ${context.tries} retransmissions (${reason})`);
      return countFailure(context, reason);
    }),
    failDpd: assign(({ context }) => {
      // A device IP inside the site is the root cause of the silence; name it rather than the symptom.
      const silence = context.link.findSilence(true);
      const reason: FailureReason = silence === 'DEVICE_IP_INSIDE_SITE' ? silence : 'DPD_TIMEOUT';
      context.link.reportIke('INFORMATIONAL', `dead-peer detection: no answer after ${context.tries} retransmissions (${reason})`);
      return countFailure(context, reason);
    }),
    // One assign for both: XState clones the snapshot once per assign action.
    establishIkeSaAndClearTries: assign(({ context }) => ({ tries: 0, ikeRekeyAtMs: context.link.now() + context.ikeSaLifetimeMs })),
    // The IKE SA may be older than the child (a child retried after a refusal), so only the child's lifetime starts here.
    establish: assign(({ context }) => ({
      tries: 0, failures: 0, reason: undefined, childRekeyAtMs: context.link.now() + context.childSaLifetimeMs,
    })),
    // IKE_AUTH sets up the IKE SA and its first child at once: both lifetimes start, in one assign (one snapshot clone).
    establishIkeSaAndChild: assign(({ context }) => {
      const now = context.link.now();
      return { tries: 0, failures: 0, reason: undefined, ikeRekeyAtMs: now + context.ikeSaLifetimeMs, childRekeyAtMs: now + context.childSaLifetimeMs };
    }),
    completeRekey: assign(({ context }, params: { sa: SaKind }) => {
      const now = context.link.now();
      const exchange = rekeyExchange(context.ikeVersion, params.sa);
      context.link.reportIke(exchange, params.sa === 'ike' ? 'IKE SA rekeyed' : 'IPsec SA rekeyed');
      // IKEv1 re-authentication builds a new phase 1 and with it fresh phase 2 SAs.
      if (params.sa === 'ike' && context.ikeVersion === 1) {
        return { tries: 0, ikeRekeyAtMs: now + context.ikeSaLifetimeMs, childRekeyAtMs: now + context.childSaLifetimeMs };
      }
      return params.sa === 'ike' ? { tries: 0, ikeRekeyAtMs: now + context.ikeSaLifetimeMs } : { tries: 0, childRekeyAtMs: now + context.childSaLifetimeMs };
    }),
    clearTries: assign({ tries: 0 }),
    resetAttempts: assign({ tries: 0, failures: 0 }),
    assignDisconnect: assign(({ event }) => ({ tries: 0, reason: event.type === 'DISCONNECT' ? event.reason : undefined })),
    assignPeerDeleted: assign(({ context }) => ({
      tries: 0, reason: 'PEER_DELETED' as const, failures: 0, retryDelayMs: computeRetryDelayMs(context, 0),
    })),
  },
}).createMachine({
  id: 'connection',
  context: ({ input }) => ({
    ikeVersion: input.ikeVersion, dpdEnabled: input.dpdEnabled, ikeSaLifetimeMs: input.ikeSaLifetimeMs,
    childSaLifetimeMs: input.childSaLifetimeMs, profile: input.profile, link: input.link,
    tries: 0, failures: 0, retryDelayMs: 0, ikeRekeyAtMs: 0, childRekeyAtMs: 0, reason: undefined,
  }),
  initial: 'boot',
  on: {
    // Re-entering NotConnected re-reports it, so a new reason (reset, deletion) replaces an older failure reason.
    DISCONNECT: { target: '.NotConnected.idle', reenter: true, actions: 'assignDisconnect' },
  },
  states: {
    boot: {
      always: [
        { guard: { type: 'connectsAtStart', params: { ikeVersion: 1 } }, target: '#connection.Connecting.mainMode' },
        { guard: { type: 'connectsAtStart', params: { ikeVersion: 2 } }, target: '#connection.Connecting.ikeSaInit' },
        { target: 'NotConnected' },
      ],
    },
    NotConnected: {
      entry: 'reportNotConnected',
      initial: 'idle',
      states: {
        idle: { on: { CONNECT: connectingBranches({}) } },
        waiting: {
          after: { RETRY_DELAY: connectingBranches({}) },
          on: {
            CONNECT: connectingBranches({}),
            // A device that restarts initiates itself; Azure answers rather than waiting out its backoff.
            PEER_RESET: connectingBranches({}),
            RECONFIGURE: connectingBranches({ actions: 'resetAttempts' }),
          },
        },
      },
    },
    Connecting: {
      entry: 'reportConnecting',
      initial: 'start',
      on: {
        PEER_RESET: connectingBranches({ reenter: true, actions: 'clearTries' }),
        RECONFIGURE: connectingBranches({ reenter: true, actions: 'resetAttempts' }),
      },
      states: {
        // Only the expiry of a childless IKE SA comes through here (see connectingBranches for every other way in).
        start: { always: [{ guard: 'isIkeV1', target: 'mainMode' }, { target: 'ikeSaInit' }] },
        ikeSaInit: exchangeState('IKE_SA_INIT', 'ikeSaInit', 'ikeAuth', 'IKE SA negotiated'),
        ikeAuth: childExchangeState('IKE_AUTH', 'ikeAuth', 'peer authenticated; child SA installed', 'establishIkeSaAndChild'),
        mainMode: exchangeState('MAIN_MODE', 'mainMode', 'quickMode', 'phase 1 SA established', true),
        quickMode: childExchangeState('QUICK_MODE', 'quickMode', 'phase 2 SAs installed', 'establish'),
        // IKE SA up, child refused (RFC 7296 §1.2; strongSwan's "IKE_SA kept on failed child SA establishment").
        // vpn-xstate.md §6 leaves open whether Azure showed this as Connected; no traffic flows, so, as its §5.3
        // proposes, it is Connecting. A childless IKE SA is not rekeyed: at the end of its life phase 1 starts over.
        childRefused: {
          entry: 'reportConnecting',
          after: {
            RETRY_DELAY: [{ guard: 'isIkeV1', target: 'quickMode' }, { target: 'creatingChild' }],
            IKE_SA_EXPIRY: { target: '#connection.Connecting', reenter: true, actions: 'expireChildlessIkeSa' },
          },
        },
        creatingChild: childExchangeState('CREATE_CHILD_SA', 'creatingChild', 'child SA installed', 'establish'),
      },
    },
    // Entered only by the exchange that installs a child SA, which picks the substate (see childExchangeState):
    // a device IP inside the site goes silent as soon as the tunnel is up, and DPD (route-based) notices.
    Connected: {
      entry: 'reportConnected',
      initial: 'established',
      on: {
        PEER_RESET: { target: '#connection.NotConnected.waiting', actions: 'assignPeerDeleted' },
        RECONFIGURE: connectingBranches({ actions: 'resetAttempts' }),
      },
      states: {
        established: {
          after: {
            REKEY_DUE: [{ guard: 'isIkeRekeyDue', target: 'rekeyingIke' }, { target: 'rekeyingChild' }],
          },
          on: { PEER_CHANGED: { guard: 'needsDpd', target: 'dpdQuiet' } },
        },
        rekeyingIke: rekeyState('rekey-ike', 'rekeyingIke'),
        rekeyingChild: rekeyState('rekey-child', 'rekeyingChild'),
        dpdQuiet: {
          after: {
            DPD_DELAY: [
              {
                guard: 'isPeerSilentWhenUp',
                target: 'dpdProbing',
                actions: { type: 'reportStep', params: { exchange: 'INFORMATIONAL', detail: 'peer quiet; dead-peer detection probe sent' } },
              },
              { target: 'established' },
            ],
          },
          on: { PEER_CHANGED: { guard: 'isPeerAnsweringWhenUp', target: 'established' } },
        },
        dpdProbing: {
          after: {
            EXCHANGE_WAIT_UP: [
              { guard: 'isPeerAnsweringWhenUp', target: 'established', actions: 'clearTries' },
              { guard: 'canRetransmit', target: 'dpdProbing', reenter: true, actions: { type: 'countRetransmit', params: { step: 'INFORMATIONAL' } } },
              { target: '#connection.NotConnected.waiting', actions: 'failDpd' },
            ],
          },
        },
      },
    },
  },
});

/**
 * A transition into Connecting straight to its first exchange, chosen by IKE version, rather than through the eventless
 * `start` state: one microstep fewer per attempt. `reenter` (from inside Connecting) exits and re-enters Connecting as a
 * transition to Connecting itself did, so its entry reports again. The expiry of a childless IKE SA keeps targeting
 * Connecting: from its child state `childRefused` a descendant target would not leave Connecting, so it goes by `start`.
 */
function connectingBranches<const A extends { reenter?: true; actions?: 'clearTries' | 'resetAttempts' }>(options: A) {
  return [
    { guard: 'isIkeV1', target: '#connection.Connecting.mainMode', ...options },
    { target: '#connection.Connecting.ikeSaInit', ...options },
  ] as const;
}

// Builders for the repeated "send, await the answer, retransmit or fail" shape; plain config objects, not new logic.
function exchangeState(exchange: IkeExchange, self: string, next: string, detail: string, establishesIkeSa = false) {
  const report = { type: 'reportStep', params: { exchange, detail } } as const;
  const params = { step: exchange, tunnelUp: false };
  // An answer to the first try has no retransmit count to clear: that common case skips the assign (a snapshot clone).
  const accepted = establishesIkeSa
    ? [{ guard: { type: 'peerAccepts', params } as const, target: next, actions: [{ type: 'establishIkeSaAndClearTries' } as const, report] }]
    : [
      { guard: { type: 'peerAcceptsFirstTry', params } as const, target: next, actions: [report] },
      { guard: { type: 'peerAcceptsRetransmitted', params } as const, target: next, actions: [{ type: 'clearTries' } as const, report] },
    ];
  return { after: { EXCHANGE_WAIT: [...accepted, ...failureBranches(exchange, self, false)] } } as const;
}

/**
 * An exchange whose answer installs a child SA and so connects the tunnel. The assign that starts the SA lifetimes rides
 * on the transition and the substate is chosen by guard, rather than by Connected's entry and an eventless `checking`
 * state: one snapshot clone and one microstep fewer per connection, with the same order of effects.
 */
function childExchangeState(exchange: IkeExchange, self: string, detail: string, establishAction: 'establish' | 'establishIkeSaAndChild') {
  const actions = [{ type: establishAction } as const, { type: 'reportStep', params: { exchange, detail } } as const];
  return {
    after: {
      EXCHANGE_WAIT: [
        { guard: { type: 'peerAcceptsIntoDpd', params: { step: exchange } }, target: '#connection.Connected.dpdQuiet', actions },
        { guard: { type: 'peerAccepts', params: { step: exchange, tunnelUp: false } }, target: '#connection.Connected.established', actions },
        ...failureBranches(exchange, self, false),
      ],
    },
  } as const;
}

function rekeyState(step: 'rekey-ike' | 'rekey-child', self: string) {
  return {
    after: {
      EXCHANGE_WAIT_UP: [
        {
          guard: { type: 'peerAccepts', params: { step, tunnelUp: true } },
          target: 'established',
          actions: { type: 'completeRekey', params: { sa: step === 'rekey-ike' ? 'ike' : 'child' } },
        },
        ...failureBranches(step, self, true),
      ],
    },
  } as const;
}

function failureBranches(step: Step, self: string, tunnelUp: boolean) {
  return [
    {
      guard: { type: 'peerRefusesChildOnly', params: { step, tunnelUp } },
      target: '#connection.Connecting.childRefused',
      actions: { type: 'refuseChild', params: { step } },
    },
    {
      guard: { type: 'peerRefuses', params: { step, tunnelUp } },
      target: '#connection.NotConnected.waiting',
      actions: { type: 'failWithRefusal', params: { step } },
    },
    { guard: 'canRetransmit', target: self, reenter: true, actions: { type: 'countRetransmit', params: { step } } },
    { target: '#connection.NotConnected.waiting', actions: { type: 'failWithSilence', params: { step, tunnelUp } } },
  ] as const;
}
