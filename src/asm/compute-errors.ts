
/**
 * The compute and storage errors of the platform factory (errors.ts holds the request, management and network ones):
 * codes and messages as the live API answered (asm-recorded.md §3, §7, cited per entry). Where no recording exists,
 * the message is the engine's, which names the objects and the fix.
 */

import type { PlatformError } from './errors.js';

const badRequest = (message: string): PlatformError => ({ status: 400, code: 'BadRequest', message });
const notFound = (message: string): PlatformError => ({ status: 404, code: 'ResourceNotFound', message });
const conflict = (message: string): PlatformError => ({ status: 409, code: 'ConflictError', message });

/** Every compute and storage error the emulator can answer with, by situation. */
export const computeErrors = {
  /** NEGNAME, PS-ERR: POST hostedservices or GET hostedservices/{bad}. */
  hostedServiceNameInvalid: () => badRequest('The hosted service name is invalid.'),
  /** AFFFAIL. */
  hostedServiceNotFound: () => notFound('The hosted service does not exist.'),
  /** A DNS name already taken (no recording; the message of the documented Check Hosted Service Name Availability). */
  hostedServiceExists: (name: string) => conflict(`The specified DNS name is already taken: ${name}.cloudapp.net. Pick another service name.`),
  /** Deleting a service that still holds a deployment (2014 recordings answered this for DELETE hostedservices). */
  hostedServiceHasDeployments: (name: string) =>
    conflict(`The hosted service ${name} has a deployment; delete the deployment first (or use ?comp=media to delete everything).`),
  /** SHUT15 (1,955 responses): GET deploymentslots/Production with nothing deployed. */
  noDeployments: () => notFound('No deployments were found.'),
  /** GET deployments/{name} with another name than the service's deployment. */
  deploymentNotFound: (name: string) => notFound(`The deployment name '${name}' does not exist.`),
  /** xplat-hist 2016-05-24 disk.attachDetach: a deployment create while the service is busy or already deployed. */
  hostedServiceBusy: () =>
    conflict('Windows Azure is currently performing an operation on this hosted service that requires exclusive access.'),
  /** Only the Production slot takes VMs (jj157194: "The only allowable value is Production"). */
  productionSlotOnly: (slot: string) => badRequest(`The deployment slot '${slot}' is not valid for virtual machines. The only allowable value is Production.`),
  /** MNICDEL15: the blocking request id is embedded in the message. */
  deploymentBusy: (requestId: string) =>
    conflict(`Windows Azure is currently performing an operation with x-ms-requestid ${requestId} on this deployment that requires exclusive access.`),
  /** A role name the deployment does not hold. */
  roleNotFound: (role: string) => notFound(`The role '${role}' does not exist in the deployment.`),
  /** MAINT: deleting the only role. */
  onlyRole: (role: string) =>
    badRequest(`Role ${role} is the only role present in the deployment and so cannot be removed. Please delete the deployment or add another role before removing this role.`),
  /** DOCKDUP: a duplicate public port surfaces as a Failed operation, not a 4xx. */
  portInUse: (port: number) =>
    badRequest(`Port ${port} is already in use by one of the endpoints in this deployment. Ensure that the port numbers are unique across endpoints within a deployment.`),
  /** The 400 "A parameter was incorrect" of xplat create_docker, with what was wrong. */
  parameterIncorrect: (detail: string) => badRequest(`A parameter was incorrect: ${detail}`),
  /** An image name neither the gallery nor the subscription holds. */
  imageNotFound: (name: string) => notFound(`The image ${name} does not exist.`),
  /** A disk name the subscription does not hold. */
  diskNotFound: (name: string) => notFound(`The disk ${name} does not exist.`),
  /** gwacl / Packer (compute-lifecycle.md §3.6). */
  diskInUse: (disk: string, vm: string, service: string, deployment: string) =>
    badRequest(`A disk with name ${disk} is currently in use by virtual machine ${vm} running within hosted service ${service}, deployment ${deployment}.`),
  /** A data disk LUN the role does not have. */
  dataDiskNotFound: (lun: number) => notFound(`A data disk with LUN ${lun} does not exist on the role.`),
  /** A data disk LUN already taken on the role. */
  dataDiskLunTaken: (lun: number) => conflict(`A data disk is already attached to the role at LUN ${lun}. Choose another LUN.`),
  /** Delete Load Balancer of a name the deployment does not have [U: no recording; 404 as for every unknown object]. */
  loadBalancerNotFound: (service: string, name: string) => notFound(`The deployment of cloud service ${service} has no internal load balancer named ${name}.`),
  /** A role instance operation root the platform does not know. */
  unknownRoleOperation: (root: string) => badRequest(`The role operation ${root} is not supported. Use StartRoleOperation, RestartRoleOperation or ShutdownRoleOperation.`),
  /** A storage account name outside 3–24 lower-case letters and digits. */
  storageAccountNameInvalid: (name: string) =>
    badRequest(`The name is not a valid storage account name. Storage account names must be between 3 and 24 characters in length and use numbers and lower-case letters only: ${name}.`),
  /** A storage account name already in use. */
  storageAccountExists: (name: string) => conflict(`A storage account named '${name}' already exists in the subscription.`),
  /** An unknown storage account. */
  storageAccountNotFound: (name: string) => notFound(`The storage account '${name}' was not found.`),
} as const;

/**
 * The platform error for an engine refusal of a compute command: a missing object is 404 ResourceNotFound, a name or
 * address already taken or an object busy is 409 ConflictError, anything else 400 BadRequest (ee460801's table). The
 * recorded messages win where the platform's wording is known; otherwise the engine's message names the objects and
 * the fix.
 */
export function describeComputeRefusal(code: string, message: string): PlatformError {
  if (code === 'unknown-service') return computeErrors.hostedServiceNotFound();
  // A second internal load balancer was a 400 BadRequest on the platform (asm-recorded.md LBDUP).
  if (code === 'ilb-exists') return badRequest(message);
  if (code.startsWith('unknown-')) return notFound(message);
  if (code.endsWith('-exists') || code === 'dip-in-use' || code === 'service-has-deployments') return conflict(message);
  return badRequest(message);
}
