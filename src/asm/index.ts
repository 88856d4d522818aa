/** Public face of src/asm: the classic management operations as pure functions from the world and a request. */
export { type PlatformError, computeErrors, describeComputeRefusal } from './compute-errors.js';
export { type ComputeDecision, type CompletionRule, type OperationOutcome, completesNow } from './compute-outcome.js';
export {
  type ComputeRecords, type HostedServiceRecord, type DeploymentRecord, type RoleRecord, type DataDiskRecord,
  type StorageAccountRecord, type RecordEdit, createComputeRecords, roleKey,
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
