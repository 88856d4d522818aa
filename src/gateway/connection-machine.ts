import { assign, setup } from 'xstate';
import type { ConnectionContext, ConnectionEvent, ConnectionInput } from './connection-contract.js';
import { CONNECTION_ASSIGNERS, resolveExchange, type Step } from './connection-assigners.js';
import { StepCache } from './step-cache.js';
import { isChildSaRefusal, type IkeExchange } from './negotiation.js';
import { retransmitWaitMs } from './profile.js';

/**
 * One site-to-site tunnel as Azure's side sees it: NotConnected → Connecting (IKE phases) → Connected (rekeys, DPD).
 * Azure initiates and owns retransmission (RFC 7296 §2.1); the far end's answers come from the `link`, so the
 * machine stays pure and tests can swap the peer. A refused child SA leaves the IKE SA up: the tunnel stays
 * Connecting and retries only the child (quick mode, or CREATE_CHILD_SA) until the IKE SA's lifetime runs out.
 */

function isAcceptedByPeer(context: ConnectionContext, step: Step, tunnelUp: boolean): boolean {
  return context.link.findSilence(tunnelUp) === undefined && context.link.findRefusal(resolveExchange(context, step)) === undefined;
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
    expireChildlessIkeSa: ({ context }) => {
      const exchange = context.ikeVersion === 1 ? 'MAIN_MODE' : 'IKE_SA_INIT';
      context.link.reportIke(exchange, 'IKE SA lifetime ended with no child SA; negotiating a new IKE SA');
    },
    countRetransmit: assign(CONNECTION_ASSIGNERS.countRetransmit),
    failWithRefusal: assign(CONNECTION_ASSIGNERS.failWithRefusal),
    refuseChild: assign(CONNECTION_ASSIGNERS.refuseChild),
    failWithSilence: assign(CONNECTION_ASSIGNERS.failWithSilence),
    failDpd: assign(CONNECTION_ASSIGNERS.failDpd),
    establishIkeSaAndClearTries: assign(CONNECTION_ASSIGNERS.establishIkeSaAndClearTries),
    establish: assign(CONNECTION_ASSIGNERS.establish),
    establishIkeSaAndChild: assign(CONNECTION_ASSIGNERS.establishIkeSaAndChild),
    completeRekey: assign(CONNECTION_ASSIGNERS.completeRekey),
    clearTries: assign(CONNECTION_ASSIGNERS.clearTries),
    resetAttempts: assign(CONNECTION_ASSIGNERS.resetAttempts),
    assignDisconnect: assign(CONNECTION_ASSIGNERS.assignDisconnect),
    assignPeerDeleted: assign(CONNECTION_ASSIGNERS.assignPeerDeleted),
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

let connectionStepCache: StepCache<typeof connectionMachine> | undefined;

/** The connection machine's learned steps, shared by every tunnel the process runs. */
export function connectionSteps(): StepCache<typeof connectionMachine> {
  connectionStepCache ??= new StepCache(connectionMachine, CONNECTION_ASSIGNERS);
  return connectionStepCache;
}
