/** Public face of src/vm: the compute model (affinity groups, cloud services, images, disks, VMs, endpoints), its rules and its fold. */
export type {
  VmSize, OsFamily, EndpointProtocol, AclRule, CreateAffinityGroup, DeleteAffinityGroup, CreateService, DeleteService, AddImage, AddDisk,
  DeleteDisk, CreateVm, StartVm, StopVm, RestartVm, DeleteVm, UpdateVm, SetStaticIp, RemoveStaticIp, AddEndpoint, RemoveEndpoint,
  SetEndpointAcl, RoleSpec, CreateDeployment, SwapVip, DeleteDeployment, CreateReservedIp, DeleteReservedIp, AddInternalLoadBalancer,
  RemoveInternalLoadBalancer, ComputeCommand,
} from './commands.js';
export {
  type InstanceStatus, type DeploymentStatus, type ServiceKind, type Slot, type AffinityGroup, type RoleEndpoint,
  type RoleInstance, type PaasRole, type Deployment, type CloudService, type Image, type DiskLease, type Disk,
  type Endpoint, type Vm, type VmTable, type DipHolder, type DipPool, type Subnet, type Vnet, type ReservedIp, type InternalLoadBalancer, type ComputeWorld,
  createComputeWorld, vmKey, findService, findVm, listServiceVms,
} from './model.js';
export {
  type ComputeEventType, type ComputeEventPayloads, type ComputeEventOf, type ComputeEventBody,
  COMPUTE_EVENT_SCHEMAS, makeEvent, isComputeEventType,
} from './events.js';
export { type DecideContext, type FollowUpAction, type FollowUp, type Decision } from './context.js';
export { type Refusal, refuse } from './refusal.js';
export { COMPUTE_REFUSAL_CODES, type ComputeRefusalCode } from './refusal-codes.js';
export { type ComputeProfile, type ComputeLimits, DEFAULT_COMPUTE_PROFILE, DEFAULT_COMPUTE_LIMITS } from './profile.js';
export { type SizeSpec, VM_SIZES, DEFAULT_VM_SIZE, isComputeIntensiveSize } from './sizes.js';
export {
  type StaticDipProblem, parsePoolPrefix, countUsableDips, isReservedDip, isDipInPool, findFreeDip, checkStaticDip, testStaticDip, recordDip, forgetDip,
  createDipPool, copyDipPool, nameDipHolder, findDipHolder, findDipHolderAt, listDipHolders,
} from './dips.js';
export { RDP_PRIVATE_PORT, WINRM_HTTPS_PORT, SSH_PORT } from './endpoints.js';
export { GATEWAY_SUBNET_NAME, formatServiceDnsName } from './service-rules.js';
export { formatInstanceName } from './paas.js';
export { applyComputeEvent } from './apply-event.js';
export { decideComputeCommand, decideFollowUp, isComputeCommand } from './decide.js';
