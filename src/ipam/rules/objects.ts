/*
 * Names of plan objects in Diagnostic.objects, in the `kind:name` form the rest of the simulator uses
 * (`vnet:HubVNet`, `subnet:HubVNet/FrontEnd`).
 */

/** The object name of a virtual network. */
export function vnetObject(vnet: string): string {
  return `vnet:${vnet}`;
}

/** The object name of a subnet, qualified by its virtual network. */
export function subnetObject(vnet: string, subnet: string): string {
  return `subnet:${vnet}/${subnet}`;
}

/** The object name of a local network site. */
export function siteObject(site: string): string {
  return `site:${site}`;
}

/** The object name of a DNS server declaration. */
export function dnsObject(dns: string): string {
  return `dns:${dns}`;
}

/** The object name of a virtual network's point-to-site client address pool. */
export function poolObject(vnet: string): string {
  return `pool:${vnet}`;
}
