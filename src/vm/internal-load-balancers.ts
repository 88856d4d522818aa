import type { AddInternalLoadBalancer, RemoveInternalLoadBalancer } from './commands.js';
import { accept, reject, type Decision } from './context.js';
import { checkStaticDip, findDipHolder, findFreeDip } from './dips.js';
import { describeStaticDipProblem } from './vm-create.js';
import { makeEvent } from './events.js';
import type { ComputeWorld } from './model.js';
import { refuse } from './refusal.js';
import { lookUpService } from './service-rules.js';

/**
 * Internal load balancers (May 2014): a private VIP for a deployment, in one of its VNet's subnets or, without a VNet,
 * in its fabric range. One per deployment (asm-recorded.md LBDUP: "Only one internal load balancer allowed per
 * deployment."); a deployment in an affinity-group VNet cannot have one (azure-classic.md §2.7, [V]).
 */

/** Decides Add-AzureInternalLoadBalancer (or New-AzureVM -InternalLoadBalancerConfig after the deployment exists). */
export function decideAddInternalLoadBalancer(world: ComputeWorld, c: AddInternalLoadBalancer): Decision {
  const service = lookUpService(world, c.service);
  if ('code' in service) return reject(service);
  const objects = [`ilb:${c.service}/${c.name}`, `service:${c.service}`];
  const deployment = service.deployments.production;
  if (deployment === null || deployment.kind !== 'IaaS') return reject(refuse('unknown-deployment', `Cloud service '${c.service}' has no virtual machine deployment to add internal load balancer '${c.name}' to; create a VM first.`, objects));
  const existing = world.internalLoadBalancers[c.service];
  if (existing !== undefined) return reject(refuse('ilb-exists', `LoadBalancer already exists: ${existing.name}. Only one internal load balancer allowed per deployment.`, objects));
  if (deployment.vnet === null) {
    if (c.subnet !== undefined || c.staticIp !== undefined) return reject(refuse('subnet-needs-vnet', `Cloud service '${c.service}' is not in a virtual network, so internal load balancer '${c.name}' takes no subnet or static address.`, objects));
    const ip = findFreeDip(deployment.fabricPrefix ?? '', deployment.fabricAllocations);
    if (ip === undefined) return reject(refuse('fabric-range-full', `The fabric address range of cloud service '${c.service}' is full.`, objects));
    return accept([makeEvent('internalLoadBalancer.added', { service: c.service, name: c.name, deployment: deployment.name, ip })]);
  }
  const vnet = world.vnets[deployment.vnet];
  if (vnet === undefined) return reject(refuse('unknown-vnet', `Virtual network '${deployment.vnet}' is not in the network configuration.`, objects));
  if (vnet.affinityGroup !== null) {
    return reject(refuse('ilb-needs-regional-vnet', `Virtual network '${vnet.name}' is bound to affinity group '${vnet.affinityGroup}'; internal load balancers need a regional VNet (Location instead of AffinityGroup in the network configuration).`, [...objects, `vnet:${vnet.name}`]));
  }
  const subnet = vnet.subnets[c.subnet ?? ''];
  if (subnet === undefined) return reject(refuse(c.subnet === undefined ? 'subnet-required' : 'unknown-subnet', `Internal load balancer '${c.name}' needs one of the subnets of '${vnet.name}' (${Object.keys(vnet.subnets).join(', ')}); name it with -SubnetName.`, objects));
  let ip = c.staticIp;
  if (ip !== undefined) {
    const problem = checkStaticDip(subnet.prefix, subnet.allocations, ip, `ilb:${c.service}/${c.name}`);
    if (problem !== undefined) return reject(describeStaticDipProblem(problem, ip, vnet.name, subnet.name, subnet.prefix, findDipHolder(subnet.allocations, ip), objects));
  } else ip = findFreeDip(subnet.prefix, subnet.allocations);
  if (ip === undefined) return reject(refuse('subnet-full', `Subnet '${subnet.name}' (${subnet.prefix}) of virtual network '${vnet.name}' has no free address for internal load balancer '${c.name}'.`, objects));
  return accept([makeEvent('internalLoadBalancer.added', { service: c.service, name: c.name, deployment: deployment.name, ip, vnet: vnet.name, subnet: subnet.name })]);
}

/** Decides Remove-AzureInternalLoadBalancer (endpoints on it are the platform's records, checked by src/asm before this). */
export function decideRemoveInternalLoadBalancer(world: ComputeWorld, c: RemoveInternalLoadBalancer): Decision {
  const ilb = world.internalLoadBalancers[c.service];
  if (ilb === undefined) return reject(refuse('unknown-internal-load-balancer', `Cloud service '${c.service}' has no internal load balancer.`, [`service:${c.service}`]));
  return accept([makeEvent('internalLoadBalancer.removed', { service: c.service, name: ilb.name, ip: ilb.ip })]);
}
