import { z } from 'zod';

/**
 * The Connect event catalogue: facts in past tense, each payload declared once; composed into the engine's catalogue
 * in src/sim/events.ts beside the compute and gateway domains. The fold is apply-event.ts.
 */

/** Payload schema of every Connect event type, by type. */
export const CONNECT_EVENT_SCHEMAS = {
  /** The Connect agent was installed on a machine (an IaaS VM names its service and VM); not yet activated. */
  'connect.agentInstalled': z.strictObject({ endpoint: z.string(), iaasVm: z.strictObject({ service: z.string(), vm: z.string() }).exactOptional() }),
  /** The agent presented the activation token to the relay; the endpoint has its address on the Connect adapter. */
  'connect.agentActivated': z.strictObject({ endpoint: z.string(), address: z.string() }),
  /** The agent was uninstalled; the endpoint left its group. */
  'connect.agentRemoved': z.strictObject({ endpoint: z.string() }),
  /** A role's service configuration carries the Connect plug-in's activation token: its running instances are endpoints. */
  'connect.roleEnabled': z.strictObject({ service: z.string(), role: z.string() }),
  /** An endpoint group was created or edited: its members, the roles (`service/role`) and groups it links to. */
  'connect.groupSet': z.strictObject({
    group: z.string(), endpoints: z.array(z.string()), roles: z.array(z.string()), groups: z.array(z.string()), interconnected: z.boolean(),
  }),
  /** An endpoint group was deleted; its members are in no group and links to it are gone. */
  'connect.groupDeleted': z.strictObject({ group: z.string() }),
};

/** A Connect event type name. */
export type ConnectEventType = keyof typeof CONNECT_EVENT_SCHEMAS;

/** Payload of each Connect event type, inferred from its schema. */
export type ConnectEventPayloads = { [K in ConnectEventType]: z.infer<(typeof CONNECT_EVENT_SCHEMAS)[K]> };

/** One Connect event body (without the envelope). */
export type ConnectEventOf<K extends ConnectEventType> = { type: K } & ConnectEventPayloads[K];

/** Any Connect event body. */
export type ConnectEvent = { [K in ConnectEventType]: ConnectEventOf<K> }[ConnectEventType];

/** Builds a typed Connect event body with `type` first. */
export function makeConnectEvent<K extends ConnectEventType>(type: K, payload: ConnectEventPayloads[K]): ConnectEventOf<K> {
  return { type, ...payload } as ConnectEventOf<K>;
}

/** True when `type` is one of the Connect events. */
export function isConnectEventType(type: string): type is ConnectEventType {
  return Object.hasOwn(CONNECT_EVENT_SCHEMAS, type);
}
