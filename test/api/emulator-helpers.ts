import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/api/index.js';

/** The x-ms-version the network SDK sends (asm-api.md §3). */
export const NETWORK_VERSION = '2016-07-01';

/** Fast enough that a 15-minute gateway provisions within one 50 ms playback tick. */
export const TEST_SPEED = 100_000;

/** Starts an emulator on 127.0.0.1, port 0, with an empty subscription unless told otherwise. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ start: { kind: 'empty' }, host: '127.0.0.1', port: 0, speed: TEST_SPEED, ...options });
}

/** A raw request to the emulator's API (subscription path prefix added), with the network SDK's version header. */
export async function callApi(
  emulator: Emulator,
  method: string,
  path: string,
  options: { body?: string; version?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.version !== null) headers['x-ms-version'] = options.version ?? NETWORK_VERSION;
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) init.body = options.body;
  const response = await fetch(`${emulator.apiUrl}/${emulator.subscriptionId}${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A small NetworkConfig.xml: one regional VNet with a subnet and GatewaySubnet, one local site connected to it. */
export function siteToSiteConfig(options: { vnetPrefix?: string; sitePrefix?: string; withVnet?: boolean } = {}): string {
  const vnet = options.withVnet === false ? '' : `
    <VirtualNetworkSites>
      <VirtualNetworkSite name="vnet1" Location="West US">
        <AddressSpace><AddressPrefix>${options.vnetPrefix ?? '10.1.0.0/16'}</AddressPrefix></AddressSpace>
        <Subnets>
          <Subnet name="Subnet-1"><AddressPrefix>10.1.1.0/24</AddressPrefix></Subnet>
          <Subnet name="GatewaySubnet"><AddressPrefix>10.1.2.0/29</AddressPrefix></Subnet>
        </Subnets>
        <Gateway><ConnectionsToLocalNetwork><LocalNetworkSiteRef name="site1"><Connection type="IPsec" /></LocalNetworkSiteRef></ConnectionsToLocalNetwork></Gateway>
      </VirtualNetworkSite>
    </VirtualNetworkSites>`;
  return `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">
  <VirtualNetworkConfiguration>
    <Dns><DnsServers><DnsServer name="dns1" IPAddress="10.1.1.4" /></DnsServers></Dns>
    <LocalNetworkSites>
      <LocalNetworkSite name="site1">
        <VPNGatewayAddress>203.0.113.10</VPNGatewayAddress>
        <AddressSpace><AddressPrefix>${options.sitePrefix ?? '192.168.0.0/16'}</AddressPrefix></AddressSpace>
      </LocalNetworkSite>
    </LocalNetworkSites>${vnet}
  </VirtualNetworkConfiguration>
</NetworkConfiguration>`;
}
