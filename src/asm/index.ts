/** Public face of src/asm: the classic management operations as pure functions from the world and a request. */
export { type PlatformError, type PlatformResult, platformErrors, succeed, fail } from './errors.js';
export { computeErrors, describeComputeRefusal } from './compute-errors.js';
export { type ComputeDecision, type CompletionRule, type OperationOutcome, completesNow } from './compute-outcome.js';
export { type OperationPattern, type OperationRecord, OperationBook, dashRequestId, completesAt } from './operations.js';
export { formatStableGuid, deriveGatewayOperationId } from './stable-guid.js';
export type { AsmState, AffinityGroupDetails, Mutation, OperationSpec, QueryFunction, OperationFunction } from './state.js';
export { mapRefusal, type RefusalContext } from './refusals.js';
export { LOCATIONS, ROLE_SIZES, findLocation, type Location } from './locations.js';
export {
  createAffinityGroup, listAffinityGroups, getAffinityGroup, deleteAffinityGroup, type AffinityGroupView, type CreateAffinityGroupRequest,
} from './affinity-groups.js';
export {
  getNetworkConfig, setNetworkConfig, listVirtualNetworkSites, checkAddressAvailability,
  SET_NETWORK_CONFIGURATION, SET_NETWORK_CONFIGURATION_MS, type VirtualNetworkSiteView, type AddressAvailability, type SetNetworkConfigRequest,
} from './network-config-ops.js';
export {
  createGateway, deleteGateway, updateGateway, getGateway, listConnections, getSharedKey, setSharedKey, resetSharedKey, setDefaultSites,
  type GatewayView, type ConnectionView, type GatewayTarget,
} from './gateway-ops.js';
export { getOperationStatus, getGatewayOperationStatus } from './operation-status.js';
export {
  type ComputeRecords, type HostedServiceRecord, type DeploymentRecord, type RoleRecord, type DataDiskRecord,
  type StorageAccountRecord, type LooseDataDiskRecord, type RecordEdit, createComputeRecords, roleKey,
} from './compute-records.js';
export type {
  CreateHostedServiceRequest, InputEndpointSpec, ProvisioningSpec, DataDiskSpec, RoleSpec, CreateDeploymentRequest,
  RoleOperationRequest, CreateStorageAccountRequest, CreateDiskRequest,
} from './compute-requests.js';
export { isValidServiceName, decideCreateHostedService, decideDeleteHostedService } from './compute-services.js';
export {
  type ComputeContext, decideCreateDeployment, decideAddRole, decideUpdateRole, decideDeleteRole, decideDeleteDeployment,
  decideRoleOperation,
} from './compute-deployments.js';
export { decideAddDataDisk, decideDeleteDataDisk, decideCreateDisk, decideDeleteDisk } from './compute-disks.js';
export { type PowerState, describePowerState, describeDeploymentStatus, describeVipName, describeInternalDnsSuffix } from './compute-view.js';
export { type GalleryImage, IMAGE_GALLERY, findGalleryImage } from './image-gallery.js';
export { isValidStorageAccountName, listStorageAccounts, findStorageAccount, decideCreateStorageAccount } from './storage-accounts.js';
export { toMutation } from './compute-mutation.js';
export {
  type LoadBalancerProbeSpec, type EndpointSettingsRecord, DEFAULT_PROBE_INTERVAL_SECONDS, DEFAULT_PROBE_TIMEOUT_SECONDS, recordEndpointSettings,
} from './endpoint-settings.js';
export {
  type ReservedIpView, type CreateReservedIpRequest, decideCreateReservedIp, decideDeleteReservedIp, listReservedIps, findReservedIp,
} from './reserved-ips.js';
export {
  type InternalLoadBalancerRequest, type InternalLoadBalancerView, decideAddInternalLoadBalancer, decideRemoveInternalLoadBalancer, decideUpdateInternalLoadBalancer,
  findInternalLoadBalancer,
} from './internal-load-balancers.js';
export { getSubscription, SUBSCRIPTION_NAME, SUBSCRIPTION_QUOTAS, type SubscriptionView } from './subscription.js';
