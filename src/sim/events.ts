import { z } from 'zod';
import { CONNECT_EVENT_SCHEMAS, type ConnectEvent, type ConnectEventType } from '../connect/index.js';
import { GATEWAY_EVENT_SCHEMAS, type GatewayEvent, type GatewayEventType } from '../gateway/index.js';
import { COMPUTE_EVENT_SCHEMAS, type ComputeEventBody, type ComputeEventType } from '../vm/index.js';

/**
 * The event catalogue: the one contract between the engine and every reader (fold, replay, view, narrator, status,
 * diff). Every event is a fact in past tense, plain JSON, logged as one line `{seq, time, type, …payload}`; each
 * type's payload is declared once as a zod schema, grouped by domain:
 * - engine events (below): `world.started`, `localSite.defined`, `command.refused`, `vnet.removed`, `localSite.removed`;
 * - compute events: src/vm/events.ts (`COMPUTE_EVENT_SCHEMAS`);
 * - gateway events (`gateway.*`, `connection.*`): src/gateway/events.ts (`GATEWAY_EVENT_SCHEMAS`);
 * - Windows Azure Connect events (`connect.*`): src/connect/events.ts (`CONNECT_EVENT_SCHEMAS`).
 * The TypeScript types are inferred from the schemas; a log read from disk is checked against them (log-check.ts).
 */

const ERA = z.enum(['2012', '2014']);

/** Payload schema of every engine event type, by type. */
export const ENGINE_EVENT_SCHEMAS = {
  /** First event of every log; the era decides affinity-group vs regional VNets. */
  'world.started': z.strictObject({ scenario: z.string(), seed: z.string(), era: ERA }),
  /** An on-premises network from the plan. */
  'localSite.defined': z.strictObject({
    site: z.string(), addressPrefixes: z.array(z.string()), vpnGatewayAddress: z.string().exactOptional(),
  }),
  /**
   * A refused command, so a log tells the whole story; it changes nothing and the fold ignores it. `objects` are the
   * objects the refusal names (`vm:web/web1`), `at` the file:line:column that issued the command.
   */
  'command.refused': z.strictObject({
    command: z.string(), code: z.string(), message: z.string(), objects: z.array(z.string()).exactOptional(), at: z.string().exactOptional(),
  }),
  /** A VNet left the network configuration (setNetworkConfig); it was not in use. */
  'vnet.removed': z.strictObject({ vnet: z.string() }),
  /** A local network site left the network configuration; no gateway was connected to it. */
  'localSite.removed': z.strictObject({ site: z.string() }),
};

/** Every event type's payload schema: the engine's, the compute model's, the gateway's and Connect's. */
export const EVENT_SCHEMAS = { ...ENGINE_EVENT_SCHEMAS, ...COMPUTE_EVENT_SCHEMAS, ...GATEWAY_EVENT_SCHEMAS, ...CONNECT_EVENT_SCHEMAS };

/** Which platform generation a scenario plays: 2012 (affinity-group VNets) or 2014 (regional VNets). */
export type Era = z.infer<typeof ERA>;

/** An engine event type name. */
export type EngineEventType = keyof typeof ENGINE_EVENT_SCHEMAS;

/** Any event type name of the catalogue. */
export type EventType = keyof typeof EVENT_SCHEMAS;

/** Payload of each event type, inferred from its schema. */
export type EventPayloads = { [K in EventType]: z.infer<(typeof EVENT_SCHEMAS)[K]> };

/** Payloads of the engine's own events. */
export type EngineEventPayloads = Pick<EventPayloads, EngineEventType>;

/** One event body of type `K` (without the envelope). */
export type EventBodyOf<K extends EventType> = { type: K } & EventPayloads[K];

/** An engine event body (without the envelope). */
export type EngineEventBody = { [K in EngineEventType]: EventBodyOf<K> }[EngineEventType];

/** Any event body the engine records: its own, the compute model's, the gateway's or Connect's. */
export type EventBody = EngineEventBody | ComputeEventBody | GatewayEvent | ConnectEvent;

/** One logged event of type `K`: the envelope (`seq` from 1, `time` = simulated ms since start) and its payload. */
export type SimEventOf<K extends EventType> = { seq: number; time: number; type: K } & EventPayloads[K];

/** One logged event: a discriminated union over the catalogue, narrowed by `type`. */
export type SimEvent = { [K in EventType]: SimEventOf<K> }[EventType];

/** A logged compute event. */
export type ComputeSimEvent = Extract<SimEvent, { type: ComputeEventType }>;

/** A logged gateway event. */
export type GatewaySimEvent = Extract<SimEvent, { type: GatewayEventType }>;

/** A logged Connect event. */
export type ConnectSimEvent = Extract<SimEvent, { type: ConnectEventType }>;

/** Makes a fresh payload literal an engine event body by giving it its `type` (no copy; see the compute makeEvent). */
export function makeEngineEvent<K extends EngineEventType>(type: K, payload: EngineEventPayloads[K]): EventBodyOf<K> {
  const body = payload as EventBodyOf<K>;
  body.type = type;
  return body;
}

/** True when `type` names an event of the catalogue. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}
