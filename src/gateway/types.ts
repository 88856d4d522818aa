/**
 * The gateway's vocabulary: gateway types, SKUs and states exactly as the classic Service Management API spelled them
 * (GatewayProvisioningEventStates, GatewayConnectivityState), the specs the host is configured with, and the injected
 * clock and randomness (src/gateway must not import src/sim, so these are structural).
 */

/** StaticRouting = policy-based (IKEv1, one tunnel); DynamicRouting = route-based (IKEv2, multi-site, VNet-to-VNet). */
export type GatewayType = 'StaticRouting' | 'DynamicRouting';

/** Gateway size (New-AzureVNetGateway -GatewaySKU); HighPerformance raises the route-based tunnel limit to 30. */
export type GatewaySku = 'Default' | 'HighPerformance';

/** Provisioning state of a VNet gateway; there is no Failed state, failures show in the last operation. */
export type GatewayState = 'NotProvisioned' | 'Provisioning' | 'Provisioned' | 'Deprovisioning';

/** ConnectivityState of one local network site's tunnel (Get-AzureVNetConnection). */
export type ConnectivityState = 'NotConnected' | 'Connecting' | 'Connected';

/** Status of an asynchronous gateway operation (Get Virtual Network Gateway Operation Status). */
export type OperationStatus = 'InProgress' | 'Successful' | 'Failed';

/** A local network site: on-premises prefixes and the public IP of its VPN device (`<LocalNetworkSite>`). */
export interface LocalSiteSpec {
  name: string;
  addressPrefixes: string[];
  vpnGatewayAddress: string;
}

/** An on-premises VPN device and its settings; one per local site. */
export interface DeviceSpec {
  site: string;
  /** Pre-shared key configured on the device; '' means "configured with the key Azure generated" (compatible). */
  sharedKey: string;
  publicIp: string;
  ikeVersions: (1 | 2)[];
  routing: 'PolicyBased' | 'RouteBased';
  /** Azure-side prefixes the device's policies protect; omitted means exactly the VNet's address space. */
  trafficSelectors?: string[] | undefined;
  /** IKE phase 1 proposals as `encryption-integrity-dhgroup` (e.g. `aes256-sha1-modp1024`); omitted means compatible. */
  proposals?: string[] | undefined;
  /** Azure gateway IP the device points at; omitted means it follows the gateway's current public IP. */
  gatewayAddress?: string | undefined;
  up: boolean;
  reachable: boolean;
}

/** A virtual network as the gateway sees it: address space, whether GatewaySubnet exists, and its connected sites. */
export interface VnetGatewaySpec {
  vnet: string;
  addressSpace: string[];
  hasGatewaySubnet: boolean;
  /** Local network sites in `<ConnectionsToLocalNetwork>`, in declared order. */
  sites: string[];
  /** False when the VNet's configuration has no `<Gateway>` element (a gateway cannot be created); omitted means it has one. */
  hasGatewayElement?: boolean | undefined;
}

/** The simulated clock, structurally (XState's Clock plus now()). */
export interface GatewayClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Seeded randomness, structurally. */
export interface GatewayRandom {
  nextInt(maxExclusive: number): number;
  nextFloat(): number;
}
