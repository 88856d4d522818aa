/**
 * Gateway commands (src/gateway handles them): New-AzureVNetGateway, Remove-/Reset-/Resize-AzureVNetGateway,
 * Set-AzureVNetGatewayKey, site connect/disconnect, and the on-premises device and link changes a scenario injects.
 */

/** Creates a VNet gateway (New-AzureVNetGateway -GatewayType); needs a subnet named exactly GatewaySubnet. */
export interface CreateGateway {
  type: 'createGateway';
  vnet: string;
  gatewayType: 'StaticRouting' | 'DynamicRouting';
  sku?: 'Default' | 'HighPerformance' | undefined;
  /** A platform fault the scenario injects: provisioning runs its course, then the operation Failed (no gateway). */
  outcome?: 'Failed' | undefined;
}
/** Deletes a VNet gateway (Remove-AzureVNetGateway). */
export interface DeleteGateway { type: 'deleteGateway'; vnet: string }
/** Resets a gateway: fails over to the standby instance, dropping tunnels briefly (Reset-AzureVNetGateway). */
export interface ResetGateway { type: 'resetGateway'; vnet: string }
/** Changes the gateway SKU (Resize-AzureVNetGateway). */
export interface ResizeGateway { type: 'resizeGateway'; vnet: string; sku: 'Default' | 'HighPerformance' }
/** Sets the pre-shared key for one site's tunnel (Set-AzureVNetGatewayKey). */
export interface SetSharedKey { type: 'setSharedKey'; vnet: string; site: string; key: string }
/** Connects (or re-connects) a VNet's gateway to a local site (Set-AzureVNetGateway -Connect). */
export interface ConnectSite { type: 'connectSite'; vnet: string; site: string }
/** Disconnects a local site's tunnel (Set-AzureVNetGateway -Disconnect). */
export interface DisconnectSite { type: 'disconnectSite'; vnet: string; site: string }
/** Adds a local network site to the VNet's gateway connections (editing NetworkConfig, Set-AzureVNetConfig). */
export interface AddSite { type: 'addSite'; vnet: string; site: string; addressPrefixes?: string[] | undefined; vpnGatewayAddress?: string | undefined }
/** Removes a local network site from the VNet's gateway connections. */
export interface RemoveSite { type: 'removeSite'; vnet: string; site: string }
/** Changes the on-premises VPN device of a site: key, public IP, IKE settings, traffic selectors, proposals. */
export interface ConfigureDevice {
  type: 'configureDevice';
  site: string;
  sharedKey?: string | undefined;
  publicIp?: string | undefined;
  ikeVersions?: (1 | 2)[] | undefined;
  routing?: 'PolicyBased' | 'RouteBased' | undefined;
  trafficSelectors?: string[] | undefined;
  proposals?: string[] | undefined;
  /** The Azure gateway IP the device points at; a stale one after a gateway re-create breaks the tunnel. */
  gatewayAddress?: string | undefined;
}
/** Powers the on-premises device up or down. */
export interface SetDevicePower { type: 'setDevicePower'; site: string; up: boolean }
/** Breaks or heals the internet path between the gateway and the site's device. */
export interface SetLinkFault { type: 'setLinkFault'; site: string; broken: boolean }

/** Commands handled by the gateway (src/gateway). */
export type GatewayCommand =
  | CreateGateway | DeleteGateway | ResetGateway | ResizeGateway | SetSharedKey | ConnectSite | DisconnectSite
  | AddSite | RemoveSite | ConfigureDevice | SetDevicePower | SetLinkFault;
