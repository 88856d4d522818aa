import type { NetworkPlan, PlanGateway, PlanLocalSite, PlanVnet } from '../ipam/index.js';
import { NETCFG_NAMESPACE } from '../input/index.js';

/*
 * The form the live platform wrote for GET /services/networking/media (asm-recorded.md §2.1, GWC16, LNADD16, N-CSRG):
 * an XML declaration, 2-space indentation, CRLF line ends, empty elements as `<X />` (space before the slash),
 * `<Dns />` always present, LocalNetworkSites / VirtualNetworkSites / Subnets / DnsServersRef left out when empty,
 * and every LocalNetworkSiteRef given an explicit `<Connection type=... />` (the platform added `type="IPsec"`).
 * Nothing here reads positions, so a plan read from YAML and one read from XML export the same bytes.
 */

/** The line end of every exported NetworkConfig.xml (the platform's body is CRLF, asm-recorded.md §2.1). */
export const NETCFG_LINE_END = '\r\n';

/** What the platform's export declared before the document (azure-classic.md §1.1, asm-recorded.md §2.1). */
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const INDENT = '  ';

/** One element to write: a name, attributes in order, and either text or child elements. */
interface XmlNode {
  name: string;
  attributes: Array<[string, string]>;
  text?: string;
  children: XmlNode[];
}

function node(name: string, attributes: Array<[string, string]> = [], children: XmlNode[] = []): XmlNode {
  return { name, attributes, children };
}

function textNode(name: string, text: string): XmlNode {
  return { name, attributes: [], text, children: [] };
}

/**
 * Serializes a network plan as the NetworkConfig.xml the platform exported (Get-AzureVNetConfig): the schema's
 * element order, the platform's layout, deterministic bytes (no BOM; the HTTP body adds one, §2.1). Reading the
 * result back with networkPlanFromXml gives the same plan apart from source positions.
 */
export function writeNetworkConfigXml(plan: NetworkPlan): string {
  const root = node(
    'NetworkConfiguration',
    [
      ['xmlns:xsd', XSD_NAMESPACE],
      ['xmlns:xsi', XSI_NAMESPACE],
      ['xmlns', NETCFG_NAMESPACE],
    ],
    [node('VirtualNetworkConfiguration', [], configChildren(plan))],
  );
  const lines = [XML_DECLARATION];
  renderNode(root, 0, lines);
  return lines.join(NETCFG_LINE_END);
}

function configChildren(plan: NetworkPlan): XmlNode[] {
  const dnsServers = plan.dnsServers.map((dns) =>
    node('DnsServer', [
      ['name', dns.name],
      ['IPAddress', dns.ipAddress.value],
    ]),
  );
  // `<Dns />` is written even when empty; the two site lists are left out when empty (asm-recorded.md §2.1)
  const children = [node('Dns', [], nonEmptyList('DnsServers', dnsServers))];
  children.push(...nonEmptyList('LocalNetworkSites', plan.localSites.map(localSiteNode)));
  children.push(...nonEmptyList('VirtualNetworkSites', plan.vnets.map(vnetNode)));
  return children;
}

function localSiteNode(site: PlanLocalSite): XmlNode {
  const children = [addressSpaceNode(site.addressSpace.map((p) => p.value))];
  if (site.vpnGatewayAddress !== undefined) children.push(textNode('VPNGatewayAddress', site.vpnGatewayAddress.value));
  return node('LocalNetworkSite', [['name', site.name]], children);
}

function vnetNode(vnet: PlanVnet): XmlNode {
  const attributes: Array<[string, string]> = [['name', vnet.name]];
  if (vnet.location !== undefined) attributes.push(['Location', vnet.location.value]);
  if (vnet.affinityGroup !== undefined) attributes.push(['AffinityGroup', vnet.affinityGroup.value]);
  const subnets = vnet.subnets.map((subnet) =>
    node('Subnet', [['name', subnet.name]], [textNode('AddressPrefix', subnet.addressPrefix.value)]),
  );
  const refs = vnet.dnsServerRefs.map((ref) => node('DnsServerRef', [['name', ref.value]]));
  // AddressSpace, Subnets, Gateway, DnsServersRef: the order of the recorded GET bodies (asm-recorded.md §2.1);
  // the JAXB propOrder in azure-classic.md §1.2 puts DnsServersRef before Gateway, and the reader accepts both.
  return node('VirtualNetworkSite', attributes, [
    addressSpaceNode(vnet.addressSpace.map((p) => p.value)),
    ...nonEmptyList('Subnets', subnets),
    ...(vnet.gateway === undefined ? [] : [gatewayNode(vnet.gateway)]),
    ...nonEmptyList('DnsServersRef', refs),
  ]);
}

function gatewayNode(gateway: PlanGateway): XmlNode {
  const children: XmlNode[] = [];
  const pool = gateway.vpnClientAddressPool.map((p) => textNode('AddressPrefix', p.value));
  children.push(...nonEmptyList('VPNClientAddressPool', pool));
  // A point-to-site-only gateway still carries an empty ConnectionsToLocalNetwork in real exports (azure-classic.md §1.3)
  const refs = gateway.connections.map((connection) =>
    node('LocalNetworkSiteRef', [['name', connection.site.value]], [node('Connection', [['type', connection.type]])]),
  );
  children.push(node('ConnectionsToLocalNetwork', [], refs));
  return node('Gateway', [], children);
}

function addressSpaceNode(prefixes: readonly string[]): XmlNode {
  return node('AddressSpace', [], prefixes.map((prefix) => textNode('AddressPrefix', prefix)));
}

/** A list element holding the items, or nothing at all when there are none (never an element of only whitespace). */
function nonEmptyList(name: string, items: XmlNode[]): XmlNode[] {
  return items.length === 0 ? [] : [node(name, [], items)];
}

function renderNode(element: XmlNode, depth: number, lines: string[]): void {
  const indent = INDENT.repeat(depth);
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${escapeXml(value, true)}"`).join('');
  if (element.text !== undefined) {
    lines.push(`${indent}<${element.name}${attributes}>${escapeXml(element.text, false)}</${element.name}>`);
  } else if (element.children.length === 0) {
    lines.push(`${indent}<${element.name}${attributes} />`);
  } else {
    lines.push(`${indent}<${element.name}${attributes}>`);
    for (const child of element.children) renderNode(child, depth + 1, lines);
    lines.push(`${indent}</${element.name}>`);
  }
}

/**
 * Escapes markup characters; in attributes also quotes and the whitespace characters a reader would otherwise
 * normalize, so every value reads back exactly as written.
 */
function escapeXml(value: string, isAttribute: boolean): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (!isAttribute) return escaped.replace(/\r/g, '&#13;');
  return escaped.replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
