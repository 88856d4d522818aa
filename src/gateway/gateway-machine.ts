import { assign, setup, type StateValue } from 'xstate';
import { StepCache } from './step-cache.js';
import type { GatewayProfile } from './profile.js';
import type { GatewaySku, GatewayState, GatewayType } from './types.js';

/**
 * A VNet's gateway: NotProvisioned → Provisioning → Provisioned → Deprovisioning → NotProvisioned, the provisioning
 * states the classic API reported (GatewayProvisioningEventStates). Inside Provisioned, the active/standby instance
 * pair: a reset fails over, a second reset during the failover reboots both.
 */

/** Hooks the host implements: it emits events and starts or stops the tunnels. */
export interface GatewayLink {
  enterState(state: GatewayState): void;
  startFailover(bothInstances: boolean): void;
  completeFailover(): void;
  completeResize(sku: GatewaySku): void;
  failProvisioning(): void;
}

/** Settings fixed for the life of one gateway actor. */
export interface GatewayInput {
  profile: GatewayProfile;
  link: GatewayLink;
}

interface GatewayContext extends GatewayInput {
  gatewayType: GatewayType | undefined;
  sku: GatewaySku;
  pendingSku: GatewaySku;
  /** The create operation fails when provisioning ends (an injected platform fault). */
  provisionFails: boolean;
  /** How long the running create, delete or resize takes; drawn by the host from the profile's range. */
  operationMs: number;
}

/** Events a gateway accepts; the host validates commands before sending them. */
export type GatewayMachineEvent =
  | { type: 'CREATE'; gatewayType: GatewayType; sku: GatewaySku; fails?: boolean; provisionMs: number }
  | { type: 'DELETE'; deprovisionMs: number }
  | { type: 'RESET' }
  | { type: 'RESIZE'; sku: GatewaySku; resizeMs: number };

interface AssignArgs {
  context: GatewayContext;
  event: GatewayMachineEvent;
}

/** The context changes of the gateway machine's assign actions, by name (the host replays recorded steps with them). */
export const GATEWAY_ASSIGNERS = {
  assignCreate: ({ event }: AssignArgs) =>
    (event.type === 'CREATE'
      ? { gatewayType: event.gatewayType, sku: event.sku, provisionFails: event.fails === true, operationMs: event.provisionMs }
      : {}),
  assignPendingSku: ({ event }: AssignArgs) => (event.type === 'RESIZE' ? { pendingSku: event.sku, operationMs: event.resizeMs } : {}),
  assignDeprovision: ({ event }: AssignArgs) => (event.type === 'DELETE' ? { operationMs: event.deprovisionMs } : {}),
  applyResize: ({ context }: AssignArgs) => ({ sku: context.pendingSku }),
  clearType: () => ({ gatewayType: undefined }),
};

/** The gateway statechart; create actors with `createActor(gatewayMachine, { clock, input })`. */
export const gatewayMachine = setup({
  types: {
    context: {} as GatewayContext,
    input: {} as GatewayInput,
    events: {} as GatewayMachineEvent,
  },
  delays: {
    PROVISION: ({ context }) => context.operationMs,
    DEPROVISION: ({ context }) => context.operationMs,
    FAILOVER: ({ context }) => context.profile.resetFailoverMs,
    DOUBLE_REBOOT: ({ context }) => context.profile.doubleResetMs,
    RESIZE: ({ context }) => context.operationMs,
  },
  actions: {
    assignCreate: assign(GATEWAY_ASSIGNERS.assignCreate),
    assignPendingSku: assign(GATEWAY_ASSIGNERS.assignPendingSku),
    assignDeprovision: assign(GATEWAY_ASSIGNERS.assignDeprovision),
    applyResize: assign(GATEWAY_ASSIGNERS.applyResize),
    reportResize: ({ context }) => context.link.completeResize(context.sku),
    clearType: assign(GATEWAY_ASSIGNERS.clearType),
    enterNotProvisioned: ({ context }) => context.link.enterState('NotProvisioned'),
    enterProvisioning: ({ context }) => context.link.enterState('Provisioning'),
    enterProvisioned: ({ context }) => context.link.enterState('Provisioned'),
    enterDeprovisioning: ({ context }) => context.link.enterState('Deprovisioning'),
    startFailover: ({ context }) => context.link.startFailover(false),
    startDoubleReboot: ({ context }) => context.link.startFailover(true),
    completeFailover: ({ context }) => context.link.completeFailover(),
    failProvisioning: ({ context }) => context.link.failProvisioning(),
  },
  guards: {
    isProvisionFailing: ({ context }) => context.provisionFails,
  },
}).createMachine({
  id: 'gateway',
  context: ({ input }) => ({ ...input, gatewayType: undefined, sku: 'Default', pendingSku: 'Default', provisionFails: false, operationMs: 0 }),
  initial: 'NotProvisioned',
  states: {
    NotProvisioned: {
      // The host reports the initial state itself; only a return from Deprovisioning is a change.
      on: { CREATE: { target: 'Provisioning', actions: 'assignCreate' } },
    },
    Provisioning: {
      entry: 'enterProvisioning',
      // The classic API has no failed state: a failed create leaves no gateway and reports the operation Failed.
      after: {
        PROVISION: [{ guard: 'isProvisionFailing', target: 'NotProvisioned', actions: ['clearType', 'failProvisioning'] }, { target: 'Provisioned' }],
      },
    },
    Provisioned: {
      entry: 'enterProvisioned',
      initial: 'active',
      on: { DELETE: { target: 'Deprovisioning', actions: 'assignDeprovision' } },
      states: {
        active: {
          on: {
            RESET: { target: 'failingOver', actions: 'startFailover' },
            RESIZE: { target: 'resizing', actions: 'assignPendingSku' },
          },
        },
        failingOver: {
          after: { FAILOVER: { target: 'active', actions: 'completeFailover' } },
          on: { RESET: { target: 'rebootingBoth', actions: 'startDoubleReboot' } },
        },
        // Reset doc: two back-to-back resets reboot both instances, "up to 2 to 4 minutes".
        rebootingBoth: { after: { DOUBLE_REBOOT: { target: 'active', actions: 'completeFailover' } } },
        resizing: { after: { RESIZE: { target: 'active', actions: ['applyResize', 'reportResize'] } } },
      },
    },
    Deprovisioning: {
      entry: 'enterDeprovisioning',
      after: { DEPROVISION: { target: 'NotProvisioned', actions: ['clearType', 'enterNotProvisioned'] } },
    },
  },
});

/** Where a gateway's instance pair is inside Provisioned; undefined outside it. */
export type GatewayPhase = 'active' | 'failingOver' | 'rebootingBoth' | 'resizing';

/** Reads the phase of a gateway from its statechart's state value. */
export function readGatewayPhase(gateway: { readonly stateValue: StateValue }): GatewayPhase | undefined {
  const value = gateway.stateValue;
  return typeof value === 'object' && 'Provisioned' in value ? (value.Provisioned as GatewayPhase) : undefined;
}

let gatewayStepCache: StepCache<typeof gatewayMachine> | undefined;

/** The gateway machine's learned steps, shared by every gateway the process runs. */
export function gatewaySteps(): StepCache<typeof gatewayMachine> {
  gatewayStepCache ??= new StepCache(gatewayMachine, GATEWAY_ASSIGNERS);
  return gatewayStepCache;
}
