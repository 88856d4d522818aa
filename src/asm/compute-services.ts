import type { Command, World } from '../sim/index.js';
import { computeErrors } from './compute-errors.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import type { ComputeRecords } from './compute-records.js';
import type { CreateHostedServiceRequest } from './compute-requests.js';

/**
 * Hosted (cloud) services (asm-recorded.md §3.1): create is synchronous (201), delete is synchronous (200) unless
 * `?comp=media` asks to take the deployment and its disks along (202, asynchronous).
 */

/**
 * A DNS label the platform accepted as a service name: letters, digits and hyphens, starting with a letter and not
 * ending with a hyphen, at most 63 characters (`<name>.cloudapp.net` is a host name).
 */
export function isValidServiceName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/.test(name);
}

/** POST /services/hostedservices. */
export function decideCreateHostedService(world: World, request: CreateHostedServiceRequest, nowMs: number): ComputeDecision {
  if (!isValidServiceName(request.serviceName)) return refuse(computeErrors.hostedServiceNameInvalid());
  if (world.services[request.serviceName] !== undefined) return refuse(computeErrors.hostedServiceExists(request.serviceName));
  const placement = request.affinityGroup !== null ? { affinityGroup: request.affinityGroup } : request.location !== null ? { region: request.location } : {};
  const command: Command = { type: 'createService', name: request.serviceName, ...placement };
  return run([command], completesNow, (r) => {
    r.services[request.serviceName] = {
      label: request.label,
      description: request.description,
      createdMs: nowMs,
      modifiedMs: nowMs,
      extendedProperties: request.extendedProperties,
    };
  });
}

/** DELETE /services/hostedservices/<svc>[?comp=media]. */
export function decideDeleteHostedService(world: World, records: ComputeRecords, name: string, withMedia: boolean): ComputeDecision {
  if (!isValidServiceName(name)) return refuse(computeErrors.hostedServiceNameInvalid());
  const service = world.services[name];
  if (service === undefined) return refuse(computeErrors.hostedServiceNotFound());
  const hasDeployment = service.deployments.production !== null || service.deployments.staging !== null;
  if (hasDeployment && !withMedia) return refuse(computeErrors.hostedServiceHasDeployments(name));
  const commands: Command[] = [];
  if (service.deployments.production !== null) commands.push({ type: 'deleteDeployment', service: name, slot: 'production', deleteVhd: true });
  if (service.deployments.staging !== null) commands.push({ type: 'deleteDeployment', service: name, slot: 'staging' });
  commands.push({ type: 'deleteService', name });
  const roleKeys = Object.keys(records.roles).filter((key) => key.startsWith(`${name}/`));
  return run(commands, completesNow, (r) => {
    delete r.services[name];
    delete r.deployments[name];
    for (const key of roleKeys) delete r.roles[key];
  });
}
