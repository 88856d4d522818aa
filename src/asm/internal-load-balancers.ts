import type { World } from '../sim/index.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import type { ComputeRecords } from './compute-records.js';
import type { RoleSpec } from './compute-requests.js';
import type { PlatformError } from './errors.js';

/**
 * Internal load balancers (`…/deployments/<d>/loadbalancers`, May 2014): Add-, Get- and Remove-AzureInternalLoadBalancer,
 * New-AzureVM -InternalLoadBalancerConfig, and endpoints with -InternalLoadBalancerName. The private address is the
 * engine's (src/vm internal-load-balancers.ts: it takes a DIP of the subnet); which endpoints sit on it are the role
 * records' (endpoint-settings.ts).
 */

/** What Add-AzureInternalLoadBalancer and New-AzureInternalLoadBalancerConfig ask for. */
export interface InternalLoadBalancerRequest {
  name: string;
  subnet: string | undefined;
  staticIp: string | undefined;
}

/** An internal load balancer as Get-AzureInternalLoadBalancer showed it. */
export interface InternalLoadBalancerView {
  name: string;
  serviceName: string;
  deploymentName: string;
  subnetName: string | null;
  ipAddress: string;
}

/** The engine command adding a service's internal load balancer. */
export function makeAddInternalLoadBalancer(service: string, request: InternalLoadBalancerRequest): { type: 'addInternalLoadBalancer'; service: string; name: string; subnet?: string; staticIp?: string } {
  return {
    type: 'addInternalLoadBalancer', service, name: request.name,
    ...(request.subnet === undefined ? {} : { subnet: request.subnet }), ...(request.staticIp === undefined ? {} : { staticIp: request.staticIp }),
  };
}

/** Keeps the static address a request named, which the deployment's FrontendIpConfiguration shows back. */
export function rememberStaticIp(records: ComputeRecords, service: string, request: InternalLoadBalancerRequest): void {
  if (request.staticIp === undefined) delete records.internalLoadBalancerStaticIps[service];
  else records.internalLoadBalancerStaticIps[service] = request.staticIp;
}

/** POST …/loadbalancers: adds the deployment's internal load balancer (the engine refuses a second one, LBDUP). */
export function decideAddInternalLoadBalancer(service: string, request: InternalLoadBalancerRequest): ComputeDecision {
  return run([makeAddInternalLoadBalancer(service, request)], completesNow, (r) => rememberStaticIp(r, service, request));
}

/**
 * PUT …/loadbalancers/<name> (Update Load Balancer; `azure service internal-load-balancer set`): another subnet or static
 * address for the same load balancer. The engine has no in-place change, so the request removes and re-adds it as one
 * all-or-nothing request (Simulation.executeAll): a refused new address leaves the old one, and the endpoints on it keep
 * naming it.
 */
export function decideUpdateInternalLoadBalancer(service: string, request: InternalLoadBalancerRequest): ComputeDecision {
  return run([{ type: 'removeInternalLoadBalancer', service }, makeAddInternalLoadBalancer(service, request)], completesNow, (r) => rememberStaticIp(r, service, request));
}

/** The endpoints (VM/endpoint) the service's roles have on internal load balancer `name`, from the role records. */
function listEndpointsOn(records: ComputeRecords, service: string, name: string): string[] {
  return Object.entries(records.roles)
    .filter(([key]) => key.startsWith(`${service}/`))
    .flatMap(([key, role]) => Object.entries(role.endpointSettings ?? {}).filter(([, s]) => s.internalLoadBalancerName?.toLowerCase() === name.toLowerCase()).map(([endpoint]) => `${key.slice(service.length + 1)}/${endpoint}`));
}

/** DELETE …/loadbalancers/<name>: refused while endpoints use it [U: the platform's wording was not recorded]. */
export function decideRemoveInternalLoadBalancer(world: World, records: ComputeRecords, service: string): ComputeDecision {
  const ilb = world.internalLoadBalancers[service];
  if (ilb !== undefined) {
    const users = listEndpointsOn(records, service, ilb.name);
    if (users.length > 0) {
      return refuse({ status: 400, code: 'BadRequest', message: `The internal load balancer ${ilb.name} is used by endpoints ${users.join(', ')}; remove those endpoints first.` });
    }
  }
  return run([{ type: 'removeInternalLoadBalancer', service }], completesNow, (r) => {
    delete r.internalLoadBalancerStaticIps[service];
  });
}

/** Get-AzureInternalLoadBalancer: the service's internal load balancer, if it has one. */
export function findInternalLoadBalancer(world: World, service: string): InternalLoadBalancerView | undefined {
  const ilb = world.internalLoadBalancers[service];
  return ilb === undefined ? undefined : { name: ilb.name, serviceName: service, deploymentName: ilb.deployment, subnetName: ilb.subnet, ipAddress: ilb.ip };
}

/**
 * Endpoints may name only the deployment's internal load balancer (the one it has, or the one the same request
 * creates) [U: the platform's wording was not recorded].
 */
export function checkEndpointLoadBalancers(roles: readonly RoleSpec[], available: string | undefined): PlatformError | undefined {
  for (const role of roles) {
    for (const e of role.endpoints) {
      const wanted = e.internalLoadBalancerName;
      if (wanted === undefined || wanted.toLowerCase() === available?.toLowerCase()) continue;
      return { status: 400, code: 'BadRequest', message: `Endpoint ${e.name} of role ${role.roleName} names internal load balancer ${wanted}, which the deployment does not have${available === undefined ? '' : ` (it has ${available})`}.` };
    }
  }
  return undefined;
}
