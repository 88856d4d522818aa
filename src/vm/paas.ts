import type { CreateDeployment, DeleteDeployment, SwapVip } from './commands.js';
import { accept, reject, type DecideContext, type Decision, type FollowUp, type FollowUpAction } from './context.js';
import { copyDipPool, createDipPool, findFreeDip, recordDip } from './dips.js';
import { formatPortKey } from './endpoints.js';
import { makeEvent, type ComputeEventBody } from './events.js';
import { planVmRemoval } from './lifecycle.js';
import { listServiceVms, type CloudService, type ComputeWorld, type RoleInstance, type Slot, type Vnet } from './model.js';
import { refuse, type Refusal } from './refusal.js';
import { checkServiceKind, checkSizeIsolation, checkSubnetChoice, checkVnetPlacement, lookUpService } from './service-rules.js';
import { DEFAULT_VM_SIZE } from './sizes.js';

/**
 * PaaS deployments: web/worker roles with stateless instances in a production or staging slot, each slot with its
 * own VIP, and VIP swap between them (ee460814, compute-lifecycle.md §2.2).
 */

/** Name of a role instance, as the fabric names them (`WebRole1_IN_0`). */
export function formatInstanceName(role: string, index: number): string {
  return `${role}_IN_${index}`;
}

function otherSlot(slot: Slot): Slot {
  return slot === 'production' ? 'staging' : 'production';
}

/** Decides New-AzureDeployment. */
export function decideCreateDeployment(world: ComputeWorld, c: CreateDeployment, ctx: DecideContext): Decision {
  const service = lookUpService(world, c.service);
  if ('code' in service) return reject(service);
  const objects = [`service:${c.service}`];
  const kindProblem = checkServiceKind(service, 'PaaS');
  if (kindProblem !== undefined) return reject(kindProblem);
  if (service.deployments[c.slot] !== null) {
    return reject(refuse('slot-occupied', `The ${c.slot} slot of cloud service '${c.service}' already holds deployment '${service.deployments[c.slot]?.name}'; delete it first or deploy to the other slot.`, objects));
  }
  const shapeProblem = checkRoles(c) ?? c.roles.map((r) => checkSizeIsolation(world, service, r.size ?? DEFAULT_VM_SIZE)).find((p) => p !== undefined);
  if (shapeProblem !== undefined) return reject(shapeProblem);
  const vnet = chooseVnet(world, service, c);
  if (vnet !== null && 'code' in vnet) return reject(vnet);
  const total = c.roles.reduce((n, r) => n + r.instances, 0);
  if (vnet !== null && vnet.instanceCount + total > ctx.limits.instancesPerVnet) {
    return reject(refuse('limit-vms-per-vnet', `Deployment of cloud service '${c.service}' needs ${total} role instances, but virtual network '${vnet.name}' has room for ${ctx.limits.instancesPerVnet - vnet.instanceCount} (limit ${ctx.limits.instancesPerVnet} VMs and role instances per VNet).`, [...objects, `vnet:${vnet.name}`]));
  }
  const portProblem = checkRolePorts(c, ctx.limits.endpointsPerService);
  if (portProblem !== undefined) return reject(portProblem);

  const name = c.name ?? `${c.service}-${c.slot}`;
  const fabricPrefix = vnet === null ? ctx.pickFabricPrefix() : null;
  const events: ComputeEventBody[] = [];
  if (service.kind === null) events.push(makeEvent('service.kindSet', { service: c.service, kind: 'PaaS' }));
  events.push(makeEvent('deployment.created', {
    service: c.service, slot: c.slot, name, kind: 'PaaS', status: 'Deploying',
    ...(vnet === null ? { fabricPrefix: fabricPrefix ?? '' } : { vnet: vnet.name }),
  }));
  if (service.vips[c.slot] === null) events.push(makeEvent('vip.assigned', { service: c.service, slot: c.slot, ip: ctx.pickPublicIp() }));
  const subnetPool = vnet?.subnets[c.subnet ?? '']?.allocations;
  const taken = subnetPool === undefined ? createDipPool(fabricPrefix) : copyDipPool(subnetPool);
  for (const role of c.roles) {
    const instances: RoleInstance[] = [];
    for (let i = 0; i < role.instances; i++) {
      const ip = findFreeDip(vnet === null ? fabricPrefix ?? '' : vnet.subnets[c.subnet ?? '']?.prefix ?? '', taken);
      if (ip === undefined) {
        return reject(refuse('subnet-full', `Subnet '${c.subnet ?? '(fabric range)'}' has no free address for instance ${i} of role '${role.name}' in cloud service '${c.service}'; use a larger subnet or fewer instances.`, objects));
      }
      recordDip(taken, ip, formatInstanceName(role.name, i));
      instances.push({ name: formatInstanceName(role.name, i), ip });
    }
    events.push(makeEvent('role.instancesChanged', {
      service: c.service, slot: c.slot, role: role.name, kind: role.kind, size: role.size ?? DEFAULT_VM_SIZE,
      ...(vnet === null ? {} : { subnet: c.subnet ?? '' }), instances, endpoints: role.endpoints ?? [],
    }));
  }
  const followUp: FollowUp = { delayMs: ctx.profile.paasDeployMs, action: { type: 'completeDeployment', service: c.service, slot: c.slot, name } };
  return accept(events, [followUp]);
}

function checkRoles(c: CreateDeployment): Refusal | undefined {
  const objects = [`service:${c.service}`];
  if (c.roles.length === 0) return refuse('roles-required', `Deployment to cloud service '${c.service}' has no roles; give at least one web or worker role.`, objects);
  const names = new Set<string>();
  for (const role of c.roles) {
    if (names.has(role.name)) return refuse('role-duplicate', `Deployment to cloud service '${c.service}' names role '${role.name}' twice; role names are unique in a deployment.`, objects);
    names.add(role.name);
    if (!Number.isInteger(role.instances) || role.instances < 1) {
      return refuse('role-instances-invalid', `Role '${role.name}' of cloud service '${c.service}' asks for ${role.instances} instances; give a whole number of at least 1.`, objects);
    }
  }
  return undefined;
}

function chooseVnet(world: ComputeWorld, service: CloudService, c: CreateDeployment): Vnet | null | Refusal {
  const objects = [`service:${c.service}`];
  const sibling = service.deployments[otherSlot(c.slot)];
  if (sibling !== null && (c.vnet ?? null) !== sibling.vnet) {
    return refuse('service-vnet-fixed', `Cloud service '${c.service}' is deployed ${sibling.vnet === null ? 'outside any virtual network' : `in virtual network '${sibling.vnet}'`} (its ${sibling.slot} slot); both slots share that placement and a service can never move. Use ${sibling.vnet === null ? 'no vnet' : `vnet '${sibling.vnet}'`} or a new cloud service.`, objects);
  }
  if (c.vnet === undefined) {
    return c.subnet === undefined ? null : refuse('subnet-needs-vnet', `Deployment to cloud service '${c.service}' names subnet '${c.subnet}' but no virtual network; give vnet too.`, objects);
  }
  const vnet = checkVnetPlacement(world, service, c.vnet);
  if ('code' in vnet) return vnet;
  return checkSubnetChoice(vnet, c.subnet, `Deployment to cloud service '${c.service}'`) ?? vnet;
}

function checkRolePorts(c: CreateDeployment, maxEndpoints: number): Refusal | undefined {
  const objects = [`service:${c.service}`];
  const endpoints = c.roles.flatMap((r) => (r.endpoints ?? []).map((e) => ({ role: r.name, e })));
  if (endpoints.length > maxEndpoints) {
    return refuse('limit-endpoints-per-service', `Deployment to cloud service '${c.service}' declares ${endpoints.length} input endpoints; the limit is ${maxEndpoints} per cloud service.`, objects);
  }
  const seen = new Map<string, string>();
  for (const { role, e } of endpoints) {
    const key = formatPortKey(e.protocol, e.publicPort);
    const holder = seen.get(key);
    if (holder !== undefined) {
      return refuse('public-port-in-use', `Public ${e.protocol} port ${e.publicPort} is declared by both role '${holder}' and role '${role}' of cloud service '${c.service}'; each public port appears once on a VIP.`, objects);
    }
    seen.set(key, role);
  }
  return undefined;
}

/** Decides Move-AzureDeployment (VIP swap): PaaS only, staging must exist, endpoint counts must match (ee460814). */
export function decideSwapVip(world: ComputeWorld, c: SwapVip): Decision {
  const service = lookUpService(world, c.service);
  if ('code' in service) return reject(service);
  const objects = [`service:${c.service}`];
  if (service.kind !== 'PaaS') {
    return reject(refuse('swap-needs-paas', `Cloud service '${c.service}' is ${service.kind ?? 'empty'}; VIP swap applies to PaaS deployments only — IaaS uses the production slot alone.`, objects));
  }
  const { production, staging } = service.deployments;
  if (staging === null) {
    return reject(refuse('swap-needs-staging', `Cloud service '${c.service}' has nothing in its staging slot to swap into production; deploy to staging first.`, objects));
  }
  if (production !== null && countEndpoints(production) !== countEndpoints(staging)) {
    return reject(refuse('swap-endpoint-mismatch', `Cannot swap cloud service '${c.service}': production '${production.name}' defines ${countEndpoints(production)} endpoints and staging '${staging.name}' defines ${countEndpoints(staging)}; a VIP swap needs the same number on both.`, objects));
  }
  const events: ComputeEventBody[] = [makeEvent('vip.swapped', { service: c.service, production: staging.name, staging: production?.name ?? null })];
  const stagingVip = service.vips.staging;
  // With production empty the staging VIP moves along with its deployment, leaving staging without one.
  if (production === null && stagingVip !== null) {
    events.push(makeEvent('vip.released', { service: c.service, slot: 'staging', ip: stagingVip }));
    if (service.vips.production === null) events.push(makeEvent('vip.assigned', { service: c.service, slot: 'production', ip: stagingVip }));
  }
  return accept(events);
}

function countEndpoints(d: { roles: Record<string, { endpoints: unknown[] }> }): number {
  return Object.values(d.roles).reduce((n, r) => n + r.endpoints.length, 0);
}

/** Decides Remove-AzureDeployment: IaaS deployments take their VMs with them (disks kept unless -DeleteVHD). */
export function decideDeleteDeployment(world: ComputeWorld, c: DeleteDeployment, ctx: DecideContext): Decision {
  const service = lookUpService(world, c.service);
  if ('code' in service) return reject(service);
  const deployment = service.deployments[c.slot];
  if (deployment === null) {
    return reject(refuse('unknown-deployment', `The ${c.slot} slot of cloud service '${c.service}' is empty; there is no deployment to delete.`, [`service:${c.service}`]));
  }
  const events: ComputeEventBody[] = [];
  const followUps: FollowUp[] = [];
  if (deployment.kind === 'IaaS') {
    for (const vm of listServiceVms(world, c.service)) {
      const removal = planVmRemoval(vm, c.deleteVhd === true, ctx);
      events.push(...removal.events);
      followUps.push(...removal.followUps);
    }
  }
  const vip = service.vips[c.slot];
  if (vip !== null) events.push(makeEvent('vip.released', { service: c.service, slot: c.slot, ip: vip }));
  events.push(makeEvent('deployment.deleted', { service: c.service, slot: c.slot, name: deployment.name }));
  if (service.deployments[otherSlot(c.slot)] === null) events.push(makeEvent('service.kindSet', { service: c.service, kind: null }));
  return accept(events, followUps);
}

/** Finishes a PaaS deployment (Deploying → Running) if it is still the one that was started. */
export function decideDeploymentCompletion(world: ComputeWorld, a: Extract<FollowUpAction, { type: 'completeDeployment' }>): ComputeEventBody[] {
  const deployments = world.services[a.service]?.deployments;
  // A VIP swap may have moved the deployment to the other slot while it was deploying.
  const d = [deployments?.production, deployments?.staging].find((x) => x?.name === a.name);
  if (d === undefined || d === null || d.status !== 'Deploying') return [];
  return [makeEvent('deployment.statusChanged', { service: a.service, slot: d.slot, from: 'Deploying', to: 'Running' })];
}
