/**
 * Compute commands. Every change to the world is one of these intents. The engine validates a command against the
 * current world: a refused command changes nothing and yields a diagnostic; an accepted one yields events. Field
 * names mirror the classic PowerShell cmdlets (New-AzureVM, Set-AzureStaticVNetIP …) so users recognise them.
 */

/** Classic VM sizes (compute-lifecycle.md): ExtraSmall … ExtraLarge, A5–A9. */
export type VmSize = 'ExtraSmall' | 'Small' | 'Medium' | 'Large' | 'ExtraLarge' | 'A5' | 'A6' | 'A7' | 'A8' | 'A9';

/** Guest OS family of an image or disk; decides the automatic management endpoint (RDP + PowerShell vs SSH). */
export type OsFamily = 'Windows' | 'Linux';

/** Transport protocol of an input endpoint. */
export type EndpointProtocol = 'tcp' | 'udp';

/** One endpoint ACL rule (Set-AzureAclConfig -AddRule -Action -RemoteSubnet -Order): lowest order wins. */
export interface AclRule {
  order: number;
  action: 'permit' | 'deny';
  remoteSubnet: string;
  description?: string | undefined;
}

/** Creates an affinity group in a region (New-AzureAffinityGroup). */
export interface CreateAffinityGroup { type: 'createAffinityGroup'; name: string; region: string }
/** Deletes an affinity group nothing is placed in (Remove-AzureAffinityGroup). */
export interface DeleteAffinityGroup { type: 'deleteAffinityGroup'; name: string }
/** Creates an empty cloud service, with no kind until its first deployment (New-AzureService). */
export interface CreateService { type: 'createService'; name: string; affinityGroup?: string | undefined; region?: string | undefined }
/** Deletes a cloud service that has no deployment left (Remove-AzureService). */
export interface DeleteService { type: 'deleteService'; name: string }
/** Registers a generalized image (sysprep / waagent -deprovision), reusable by many VMs (Add-AzureVMImage). */
export interface AddImage { type: 'addImage'; name: string; os: OsFamily }
/** Registers a specialized OS disk, usable by one VM at a time (Add-AzureDisk -OS). */
export interface AddDisk { type: 'addDisk'; name: string; os: OsFamily }
/** Changes a VM's size and/or subnet within its VNet (Set-AzureVMSize / Set-AzureSubnet | Update-AzureVM); a running VM restarts. */
export interface UpdateVm { type: 'updateVm'; service: string; name: string; size?: VmSize | undefined; subnet?: string | undefined }

/** Deletes a disk; refused while a VM holds its lease (Remove-AzureDisk). */
export interface DeleteDisk { type: 'deleteDisk'; name: string }

/** Creates a VM in a service (New-AzureVM): from exactly one of `image` or `disk`; the first VM deploys the service. */
export interface CreateVm {
  type: 'createVm';
  service: string;
  name: string;
  image?: string | undefined;
  disk?: string | undefined;
  size?: VmSize | undefined;
  /** New-AzureVM -DeploymentName: names the deployment the first VM creates (default: the service's name). */
  deploymentName?: string | undefined;
  /** Honoured only by the service's first deployment: a service joins a VNet then and never moves. */
  vnet?: string | undefined;
  subnet?: string | undefined;
  staticIp?: string | undefined;
  hostName?: string | undefined;
  adminUser?: string | undefined;
  password?: string | undefined;
  sshKey?: string | undefined;
  /** Honoured only by the service's first deployment: the reserved IP (by name) becomes the VIP (New-AzureVM -ReservedIPName). */
  reservedIp?: string | undefined;
  /** Forces the provisioning outcome, to replay a platform failure. */
  outcome?: 'ProvisioningFailed' | 'ProvisioningTimeout' | undefined;
}
/** Starts a stopped VM (Start-AzureVM); a deallocated VM gets a dynamic DIP anew. */
export interface StartVm { type: 'startVm'; service: string; name: string; outcome?: 'FailedStartingVM' | undefined }
/** Stops a VM: deallocated by default (Stop-AzureVM), or kept provisioned with `stayProvisioned` (StoppedVM). */
export interface StopVm { type: 'stopVm'; service: string; name: string; stayProvisioned?: boolean | undefined }
/** Restarts a running VM (Restart-AzureVM). */
export interface RestartVm { type: 'restartVm'; service: string; name: string }
/** Deletes a VM (Remove-AzureVM); its disk survives unless `deleteVhd` (-DeleteVHD). */
export interface DeleteVm { type: 'deleteVm'; service: string; name: string; deleteVhd?: boolean | undefined }
/** Pins a VM's DIP (Set-AzureStaticVNetIP); only for VMs in a VNet. */
export interface SetStaticIp { type: 'setStaticIp'; service: string; name: string; ip: string }
/** Returns a VM to dynamic addressing (Remove-AzureStaticVNetIP). */
export interface RemoveStaticIp { type: 'removeStaticIp'; service: string; name: string }
/** Adds an input endpoint: public port on the service VIP → private port on the VM (Add-AzureEndpoint). */
export interface AddEndpoint {
  type: 'addEndpoint';
  service: string;
  vm: string;
  name: string;
  protocol: EndpointProtocol;
  /** Omitted: the platform picks a free port at random, as for management endpoints. */
  publicPort?: number | undefined;
  privatePort: number;
  loadBalancedSet?: string | undefined;
  acl?: AclRule[] | undefined;
}
/** Removes an input endpoint (Remove-AzureEndpoint). */
export interface RemoveEndpoint { type: 'removeEndpoint'; service: string; vm: string; name: string }
/** Replaces an endpoint's ACL (Set-AzureEndpoint -ACL). */
export interface SetEndpointAcl { type: 'setEndpointAcl'; service: string; vm: string; name: string; acl: AclRule[] }

/** A PaaS role in a deployment: web or worker, with N stateless instances. */
export interface RoleSpec {
  name: string;
  kind: 'web' | 'worker';
  instances: number;
  size?: VmSize | undefined;
  endpoints?: { name: string; protocol: EndpointProtocol; publicPort: number; privatePort: number }[] | undefined;
}
/** Deploys a PaaS package to a slot (New-AzureDeployment); the first deployment makes the service PaaS. */
export interface CreateDeployment {
  type: 'createDeployment';
  service: string;
  slot: 'production' | 'staging';
  name?: string | undefined;
  roles: RoleSpec[];
  vnet?: string | undefined;
  subnet?: string | undefined;
}
/** Swaps the production and staging VIPs of a PaaS service (Move-AzureDeployment). */
export interface SwapVip { type: 'swapVip'; service: string }
/** Deletes a deployment from a slot (Remove-AzureDeployment); an IaaS deployment's disks survive unless `deleteVhd`. */
export interface DeleteDeployment { type: 'deleteDeployment'; service: string; slot: 'production' | 'staging'; deleteVhd?: boolean | undefined }

/** Reserves a public IP in a region (New-AzureReservedIP). */
export interface CreateReservedIp { type: 'createReservedIp'; name: string; location: string }
/** Releases a reserved IP no deployment uses (Remove-AzureReservedIP). */
export interface DeleteReservedIp { type: 'deleteReservedIp'; name: string }
/** Adds the internal load balancer of a service's deployment (Add-AzureInternalLoadBalancer); a static address or the first free one. */
export interface AddInternalLoadBalancer { type: 'addInternalLoadBalancer'; service: string; name: string; subnet?: string | undefined; staticIp?: string | undefined }
/** Removes a service's internal load balancer (Remove-AzureInternalLoadBalancer); refused while endpoints use it. */
export interface RemoveInternalLoadBalancer { type: 'removeInternalLoadBalancer'; service: string }

/** Commands handled by the compute model (src/vm). */
export type ComputeCommand =
  | CreateAffinityGroup | DeleteAffinityGroup | CreateService | DeleteService | AddImage | AddDisk | DeleteDisk
  | CreateVm | StartVm | StopVm | RestartVm | DeleteVm | UpdateVm | SetStaticIp | RemoveStaticIp
  | AddEndpoint | RemoveEndpoint | SetEndpointAcl | CreateDeployment | SwapVip | DeleteDeployment
  | CreateReservedIp | DeleteReservedIp | AddInternalLoadBalancer | RemoveInternalLoadBalancer;
