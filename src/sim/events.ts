import type { ComputeEventBody } from '../vm/index.js';

/**
 * The event catalogue. Every event is a fact in past tense, plain JSON, logged as one line `{seq, time, type, …}`.
 *
 * Engine events (this file):
 * - `world.started` {scenario, seed, era}: first event of every log; the era decides affinity-group vs regional VNets.
 * - `localSite.defined` {site, addressPrefixes[], vpnGatewayAddress?}: an on-premises network from the plan.
 * - `command.refused` {command, code, message, at?}: a refused command, for the timeline; the fold ignores it.
 *
 * Compute events (src/vm/events.ts, `ComputeEventPayloads`): `affinityGroup.created`, `vnet.defined`,
 * `service.created`/`deleted`/`kindSet`, `deployment.created`/`statusChanged`/`deleted`, `vip.assigned`/`released`/
 * `swapped`, `publicIp.allocated`, `image.added`, `disk.added`/`leased`/`released`/`deleted`, `vm.created`/
 * `macAssigned`/`stateChanged`/`deleted`, `dip.allocated`/`released`, `endpoint.added`/`removed`/`aclChanged`,
 * `role.instancesChanged`.
 *
 * Gateway events (`gateway.*`, `connection.*`) come from src/gateway's host and are folded by its own reducer.
 */

/** One logged event: the envelope (`seq` from 1, `time` = simulated ms since start) and its payload. */
export interface SimEvent {
  seq: number;
  time: number;
  type: string;
  [key: string]: unknown;
}

/** Payloads of the engine's own events. */
export interface EngineEventPayloads {
  'world.started': { scenario: string; seed: string; era: Era };
  'localSite.defined': { site: string; addressPrefixes: string[]; vpnGatewayAddress?: string };
  'command.refused': { command: string; code: string; message: string; at?: string };
}

/** An engine event body (without the envelope). */
export type EngineEventBody = { [K in keyof EngineEventPayloads]: { type: K } & EngineEventPayloads[K] }[keyof EngineEventPayloads];

/** Any event body the engine records: its own, the compute model's, or the gateway's (open shape). */
export type EventBody = EngineEventBody | ComputeEventBody | { type: string; [key: string]: unknown };

/** Which platform generation a scenario plays: 2012 (affinity-group VNets) or 2014 (regional VNets). */
export type Era = '2012' | '2014';

/** Builds an engine event body with `type` first. */
export function makeEngineEvent<K extends keyof EngineEventPayloads>(type: K, payload: EngineEventPayloads[K]): EngineEventBody {
  return { type, ...payload } as EngineEventBody;
}
