import { InputError, diagnosticAt, type Diagnostic } from '../common/index.js';
import type { Located, NetworkPlan, PlanGateway, PlanLocalSite, PlanVnet } from '../ipam/index.js';
import { parseXmlDocument, type XmlElement } from './network-xml-source.js';

/** The default namespace of every exported and sample NetworkConfig.xml (azure-classic.md §1.1). */
export const NETCFG_NAMESPACE = 'http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration';

/** Code of a diagnostic for an element or attribute the NetworkConfig schema does not have, or one missing. */
export const NETCFG_SCHEMA_RULE = 'netcfg-schema';

/** How many of a child element may appear: exactly one, at most one, any number, or at least one. */
type Multiplicity = 'one' | 'optional' | 'many' | 'some';

/** What an element may contain; children may come in any order (exports and the MSDN skeleton differ, §1.3). */
interface ElementSpec {
  attributes: Record<string, 'required' | 'optional'>;
  children: Record<string, Multiplicity>;
  hasText: boolean;
}

function spec(
  children: Record<string, Multiplicity> = {},
  attributes: Record<string, 'required' | 'optional'> = {},
  hasText = false,
): ElementSpec {
  return { attributes, children, hasText };
}

/** The element tree of azure-classic.md §1.2; element names mean the same thing wherever they appear. */
const NETCFG_ELEMENTS: Record<string, ElementSpec> = {
  NetworkConfiguration: spec({ VirtualNetworkConfiguration: 'optional' }),
  VirtualNetworkConfiguration: spec({ Dns: 'optional', LocalNetworkSites: 'optional', VirtualNetworkSites: 'optional' }),
  Dns: spec({ DnsServers: 'optional' }),
  DnsServers: spec({ DnsServer: 'many' }),
  DnsServer: spec({}, { name: 'required', IPAddress: 'required' }),
  LocalNetworkSites: spec({ LocalNetworkSite: 'many' }),
  LocalNetworkSite: spec({ AddressSpace: 'one', VPNGatewayAddress: 'optional' }, { name: 'required' }),
  // an address space without a prefix is a VNet or site with no addresses (the YAML form also needs one)
  AddressSpace: spec({ AddressPrefix: 'some' }),
  AddressPrefix: spec({}, {}, true),
  VPNGatewayAddress: spec({}, {}, true),
  VirtualNetworkSites: spec({ VirtualNetworkSite: 'many' }),
  VirtualNetworkSite: spec(
    { AddressSpace: 'one', Subnets: 'optional', DnsServersRef: 'optional', Gateway: 'optional' },
    { name: 'required', AffinityGroup: 'optional', Location: 'optional' },
  ),
  Subnets: spec({ Subnet: 'many' }),
  Subnet: spec({ AddressPrefix: 'one' }, { name: 'required' }),
  DnsServersRef: spec({ DnsServerRef: 'many' }),
  DnsServerRef: spec({}, { name: 'required' }),
  Gateway: spec({ VPNClientAddressPool: 'optional', ConnectionsToLocalNetwork: 'optional' }, { profile: 'optional' }),
  VPNClientAddressPool: spec({ AddressPrefix: 'many' }),
  ConnectionsToLocalNetwork: spec({ LocalNetworkSiteRef: 'many' }),
  LocalNetworkSiteRef: spec({ Connection: 'optional' }, { name: 'required' }),
  Connection: spec({}, { type: 'required' }),
};

/** Namespace declarations and xsi:* attributes (exports carry xmlns:xsd and xmlns:xsi) are not schema content. */
function isNamespaceAttribute(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:');
}

/** A site reference without a `<Connection>` child is read as the common case, an IPsec site-to-site tunnel. */
const DEFAULT_CONNECTION_TYPE = 'IPsec';

/**
 * Parses a classic NetworkConfig.xml (Get-/Set-AzureVNetConfig format) into the format-neutral NetworkPlan.
 * Elements may come in any order; unknown elements or attributes, missing names and a wrong namespace are an
 * InputError listing every problem with its file:line:column.
 */
export function networkPlanFromXml(text: string, file: string): NetworkPlan {
  const root = parseXmlDocument(text, file);
  const problems = validateNetcfg(root);
  if (problems.length > 0) throw new InputError(problems);
  const config = childOf(root, 'VirtualNetworkConfiguration');
  const dnsServers = childrenOf(childOf(childOf(config, 'Dns'), 'DnsServers'), 'DnsServer').map((dns) => ({
    name: attributeOf(dns, 'name').value,
    ipAddress: attributeOf(dns, 'IPAddress'),
    at: dns.at,
  }));
  const localSites = childrenOf(childOf(config, 'LocalNetworkSites'), 'LocalNetworkSite').map(localSiteFromXml);
  const vnets = childrenOf(childOf(config, 'VirtualNetworkSites'), 'VirtualNetworkSite').map(vnetFromXml);
  return { file, dnsServers, localSites, vnets };
}

function localSiteFromXml(site: XmlElement): PlanLocalSite {
  const gatewayAddress = childOf(site, 'VPNGatewayAddress');
  return {
    name: attributeOf(site, 'name').value,
    addressSpace: prefixesOf(childOf(site, 'AddressSpace')),
    vpnGatewayAddress: gatewayAddress === undefined ? undefined : textOf(gatewayAddress),
    at: site.at,
  };
}

function vnetFromXml(vnet: XmlElement): PlanVnet {
  const gateway = childOf(vnet, 'Gateway');
  return {
    name: attributeOf(vnet, 'name').value,
    affinityGroup: vnet.attributes.get('AffinityGroup'),
    location: vnet.attributes.get('Location'),
    addressSpace: prefixesOf(childOf(vnet, 'AddressSpace')),
    subnets: childrenOf(childOf(vnet, 'Subnets'), 'Subnet').map((subnet) => ({
      name: attributeOf(subnet, 'name').value,
      addressPrefix: textOf(childOf(subnet, 'AddressPrefix') ?? subnet),
      at: subnet.at,
    })),
    dnsServerRefs: childrenOf(childOf(vnet, 'DnsServersRef'), 'DnsServerRef').map((ref) => attributeOf(ref, 'name')),
    gateway: gateway === undefined ? undefined : gatewayFromXml(gateway),
    at: vnet.at,
  };
}

function gatewayFromXml(gateway: XmlElement): PlanGateway {
  const refs = childrenOf(childOf(gateway, 'ConnectionsToLocalNetwork'), 'LocalNetworkSiteRef');
  return {
    connections: refs.map((ref) => {
      const connection = childOf(ref, 'Connection');
      const type = connection?.attributes.get('type')?.value ?? DEFAULT_CONNECTION_TYPE;
      return { site: attributeOf(ref, 'name'), type, at: ref.at };
    }),
    vpnClientAddressPool: prefixesOf(childOf(gateway, 'VPNClientAddressPool')),
    at: gateway.at,
  };
}

function validateNetcfg(root: XmlElement): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = (element: XmlElement, message: string, at = element.at) =>
    problems.push(diagnosticAt(at, NETCFG_SCHEMA_RULE, 'error', message));
  if (root.name !== 'NetworkConfiguration') {
    report(root, `the root element is <${root.name}>; a network configuration file starts with <NetworkConfiguration>`);
    return problems;
  }
  const namespace = root.attributes.get('xmlns');
  if (namespace?.value !== NETCFG_NAMESPACE) {
    const found = namespace === undefined ? 'declares no namespace' : `declares xmlns="${namespace.value}"`;
    report(
      root,
      `<NetworkConfiguration> ${found}; a network configuration file declares xmlns="${NETCFG_NAMESPACE}": ` +
        'write that namespace (as Get-AzureVNetConfig exports it)',
      namespace?.at ?? root.at,
    );
  }
  const visit = (element: XmlElement, elementSpec: ElementSpec): void => {
    for (const [name, attribute] of element.attributes) {
      if (!(name in elementSpec.attributes) && !isNamespaceAttribute(name)) {
        const allowed = Object.keys(elementSpec.attributes);
        const hint = allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : '; it takes none';
        report(element, `<${element.name}> has no attribute "${name}"${hint}`, attribute.at);
      }
    }
    for (const [name, need] of Object.entries(elementSpec.attributes)) {
      const attribute = element.attributes.get(name);
      if (need === 'required' && attribute === undefined) {
        report(element, `<${element.name}> needs a ${name}="..." attribute`);
      } else if (attribute !== undefined && attribute.value.trim() === '') {
        report(element, `<${element.name}> has an empty ${name}=""; give it a value`, attribute.at);
      }
    }
    if (!elementSpec.hasText && element.text !== '') {
      report(element, `<${element.name}> holds elements, not text "${element.text}"`, element.textAt);
    }
    if (elementSpec.hasText && element.text === '') report(element, `<${element.name}> is empty; write a value`);
    const counts = new Map<string, number>();
    for (const child of element.children) {
      const childSpec = NETCFG_ELEMENTS[child.name];
      const multiplicity = elementSpec.children[child.name];
      if (childSpec === undefined || multiplicity === undefined) {
        const allowed = Object.keys(elementSpec.children);
        const hint = allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '';
        report(child, `unknown element <${child.name}> inside <${element.name}>${hint}`);
        continue;
      }
      const count = (counts.get(child.name) ?? 0) + 1;
      counts.set(child.name, count);
      if (count > 1 && (multiplicity === 'one' || multiplicity === 'optional')) {
        report(child, `<${element.name}> may hold only one <${child.name}>; merge or remove this one`);
      }
      visit(child, childSpec);
    }
    for (const [name, multiplicity] of Object.entries(elementSpec.children)) {
      if (multiplicity === 'one' && !counts.has(name)) report(element, `<${element.name}> needs a <${name}> element`);
      if (multiplicity === 'some' && !counts.has(name)) {
        report(element, `<${element.name}> needs at least one <${name}> element`);
      }
    }
  };
  visit(root, NETCFG_ELEMENTS['NetworkConfiguration'] ?? spec());
  return problems;
}

function childOf(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name);
}

function childrenOf(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((child) => child.name === name) ?? [];
}

function attributeOf(element: XmlElement, name: string): Located {
  // validateNetcfg has already required the attribute, so the fallback only keeps the types honest.
  return element.attributes.get(name) ?? { value: '', at: element.at };
}

function textOf(element: XmlElement): Located {
  return { value: element.text, at: element.textAt };
}

function prefixesOf(element: XmlElement | undefined): Located[] {
  return childrenOf(element, 'AddressPrefix').map(textOf);
}
