import type { EndpointProtocol } from './commands.js';
import { findVm, type ComputeWorld, type Deployment, type Endpoint } from './model.js';

/**
 * What the VMs of an IaaS deployment hold on the VIP they share: how many input endpoints use each public port (per
 * protocol) and how many endpoints there are in all (limit 150 per service). New-AzureVM asks both for every VM, and
 * rebuilding them from every peer's endpoints cost O(service size) per VM.
 *
 * The index lives beside the deployment record, never in it: the record stays plain JSON (snapshots, structuredClone
 * of a trial run, `status --format json`), and a record without an index — a copy, or one built by hand — gets one
 * from its VMs on first use. The fold keeps an existing index in step (it is the only writer of endpoints and VMs).
 */
export interface VipPorts {
  /** Endpoints per public port; the key is {@link formatPortNumberKey}. Load-balanced sets share a port, hence counts. */
  readonly holders: Map<number, number>;
  /** Input endpoints of the deployment's VMs. */
  endpointCount: number;
}

const indexes = new WeakMap<Deployment, VipPorts>();

/** Offset that keeps UDP ports apart from TCP ports in one numeric key space. */
const UDP_KEY_OFFSET = 65_536;

/** Numeric key of a public port on a VIP: TCP ports as they are, UDP ports above every TCP port. */
export function formatPortNumberKey(protocol: EndpointProtocol, port: number): number {
  return protocol === 'tcp' ? port : port + UDP_KEY_OFFSET;
}

/** The port index of `serviceName`'s IaaS deployment, built from its VMs when missing. */
export function vipPortsOf(world: ComputeWorld, serviceName: string, deployment: Deployment): VipPorts {
  const known = indexes.get(deployment);
  if (known !== undefined) return known;
  const built: VipPorts = { holders: new Map(), endpointCount: 0 };
  for (const name of deployment.vms) {
    const vm = findVm(world, serviceName, name);
    if (vm === undefined) continue;
    for (const endpointName in vm.endpoints) addHolder(built, vm.endpoints[endpointName]!);
  }
  indexes.set(deployment, built);
  return built;
}

/** True when some endpoint of the deployment's VMs uses this public port. */
export function isPublicPortTaken(ports: VipPorts, protocol: EndpointProtocol, port: number): boolean {
  return ports.holders.has(formatPortNumberKey(protocol, port));
}

/** Fold hook: an endpoint was added to a VM of `deployment` (nothing to do while no index was asked for). */
export function noteEndpointAdded(deployment: Deployment, endpoint: Endpoint): void {
  const ports = indexes.get(deployment);
  if (ports !== undefined) addHolder(ports, endpoint);
}

/** Fold hook: an endpoint of a VM of `deployment` went (with the VM, or alone). */
export function noteEndpointRemoved(deployment: Deployment, endpoint: Endpoint): void {
  const ports = indexes.get(deployment);
  if (ports === undefined) return;
  const key = formatPortNumberKey(endpoint.protocol, endpoint.publicPort);
  const count = ports.holders.get(key) ?? 0;
  if (count <= 1) ports.holders.delete(key);
  else ports.holders.set(key, count - 1);
  ports.endpointCount--;
}

function addHolder(ports: VipPorts, endpoint: Endpoint): void {
  const key = formatPortNumberKey(endpoint.protocol, endpoint.publicPort);
  ports.holders.set(key, (ports.holders.get(key) ?? 0) + 1);
  ports.endpointCount++;
}
