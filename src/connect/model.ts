/*
 * Windows Azure Connect (compute-lifecycle.md §1) as plain JSON-able records: a policy overlay of machines, not a
 * network. There is no address space, subnet, gateway or route here; only endpoints, the roles whose instances are
 * endpoints, and endpoint groups whose links say who may talk to whom. Only the fold (apply-event.ts) mutates these.
 */

/**
 * A local endpoint: a machine running the Connect agent — an on-premises computer (the agent came from the portal's
 * install link, which carries the activation token) or an IaaS VM whose image carries the agent ("Connect VM Install
 * package", Godinho's PDC10 review [S]). Windows only, so every endpoint here runs Windows.
 */
export interface LocalEndpoint {
  /** The machine name the portal lists it under. */
  name: string;
  /** For an IaaS VM, the cloud service and VM it is; null for an on-premises machine. */
  vm: { service: string; vm: string } | null;
  /** True once the agent presented the activation token to the relay; only then does it count in the policy. */
  activated: boolean;
  /** The address on its virtual Connect adapter, set on activation (address.ts; synthetic, an assumption). */
  address: string | null;
  /** Its endpoint group: at most one ("Each local endpoint can be a member of only one endpoint group", gg432959 [V]). */
  group: string | null;
}

/**
 * A web or worker role whose service configuration carries the Connect plug-in's
 * `Microsoft.WindowsAzure.Plugins.Connect.ActivationToken` setting: each of its running instances is an endpoint,
 * joining as it starts and leaving when it is deleted ("Windows Azure Connect will track this", amitjpr [S]).
 */
export interface ConnectRole {
  service: string;
  role: string;
}

/** An endpoint group: its local members are the endpoints whose `group` names it; its links are the policy. */
export interface EndpointGroup {
  name: string;
  /** Roles it is connected to, as `service/role` keys. */
  roles: string[];
  /** Groups it is connected to; a link works both ways (the group–group direction is unverified [U]). */
  groups: string[];
  /** The portal's "Allow connections between endpoints in group" [U]: members reach each other. */
  interconnected: boolean;
}

/** The Connect state of a subscription. */
export interface ConnectWorld {
  endpoints: Record<string, LocalEndpoint>;
  /** Connect-enabled roles by `service/role` key. */
  roles: Record<string, ConnectRole>;
  groups: Record<string, EndpointGroup>;
}

/** An empty Connect world: no agent, no enabled role, no group. */
export function createConnectWorld(): ConnectWorld {
  return { endpoints: {}, roles: {}, groups: {} };
}

/** The key of a role, `service/role`, as groups link to it. */
export function roleKey(service: string, role: string): string {
  return `${service}/${role}`;
}

/** The local endpoints that are members of a group, by name. */
export function membersOf(world: ConnectWorld, group: string): string[] {
  return Object.values(world.endpoints).filter((e) => e.group === group).map((e) => e.name).sort();
}

/** Whether two groups are linked, in either direction (a link is symmetric). */
export function areGroupsLinked(world: ConnectWorld, a: string, b: string): boolean {
  return (world.groups[a]?.groups.includes(b) ?? false) || (world.groups[b]?.groups.includes(a) ?? false);
}
