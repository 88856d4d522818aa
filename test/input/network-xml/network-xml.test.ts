import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../../src/common/index.js';
import type { NetworkPlan } from '../../../src/ipam/index.js';
import { parseNetworkPlan } from '../../../src/input/network-load.js';
import { NETCFG_NAMESPACE, networkPlanFromXml } from '../../../src/input/network-xml.js';

function inputErrorOf(run: () => unknown): readonly Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The plan without positions, to compare documents that say the same thing in a different layout. */
function contentOf(plan: NetworkPlan): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'at' || key === 'file' ? undefined : value)));
}

/** The multi-site sample in export order: Dns, LocalNetworkSites, VirtualNetworkSites; AddressSpace first. */
const EXPORT_ORDER = `<?xml version="1.0" encoding="utf-8"?>
<NetworkConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${NETCFG_NAMESPACE}">
  <VirtualNetworkConfiguration>
    <Dns>
      <DnsServers>
        <DnsServer name="DNS1" IPAddress="10.20.0.4" />
      </DnsServers>
    </Dns>
    <LocalNetworkSites>
      <LocalNetworkSite name="Site1">
        <AddressSpace>
          <AddressPrefix>10.0.0.0/16</AddressPrefix>
          <AddressPrefix>10.1.0.0/16</AddressPrefix>
        </AddressSpace>
        <VPNGatewayAddress>131.2.3.4</VPNGatewayAddress>
      </LocalNetworkSite>
    </LocalNetworkSites>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="VNet1" AffinityGroup="USWest">
        <AddressSpace>
          <AddressPrefix>10.20.0.0/16</AddressPrefix>
        </AddressSpace>
        <Subnets>
          <Subnet name="FE">
            <AddressPrefix>10.20.0.0/24</AddressPrefix>
          </Subnet>
          <Subnet name="GatewaySubnet">
            <AddressPrefix>10.20.2.0/29</AddressPrefix>
          </Subnet>
        </Subnets>
        <DnsServersRef>
          <DnsServerRef name="DNS1" />
        </DnsServersRef>
        <Gateway>
          <VPNClientAddressPool>
            <AddressPrefix>172.16.0.0/24</AddressPrefix>
          </VPNClientAddressPool>
          <ConnectionsToLocalNetwork>
            <LocalNetworkSiteRef name="Site1">
              <Connection type="IPsec" />
            </LocalNetworkSiteRef>
          </ConnectionsToLocalNetwork>
        </Gateway>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>
`;

/** The same plan in the MSDN skeleton's order: VPNGatewayAddress before AddressSpace, Gateway and refs first. */
const SKELETON_ORDER = `<NetworkConfiguration xmlns="${NETCFG_NAMESPACE}">
  <VirtualNetworkConfiguration>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="VNet1" AffinityGroup="USWest">
        <Gateway profile="Small">
          <ConnectionsToLocalNetwork>
            <LocalNetworkSiteRef name="Site1"><Connection type="IPsec"/></LocalNetworkSiteRef>
          </ConnectionsToLocalNetwork>
          <VPNClientAddressPool><AddressPrefix>172.16.0.0/24</AddressPrefix></VPNClientAddressPool>
        </Gateway>
        <DnsServersRef><DnsServerRef name="DNS1"/></DnsServersRef>
        <Subnets>
          <Subnet name="FE"><AddressPrefix>10.20.0.0/24</AddressPrefix></Subnet>
          <Subnet name="GatewaySubnet"><AddressPrefix> 10.20.2.0/29 </AddressPrefix></Subnet>
        </Subnets>
        <AddressSpace><AddressPrefix>10.20.0.0/16</AddressPrefix></AddressSpace>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
    <LocalNetworkSites>
      <LocalNetworkSite name="Site1">
        <VPNGatewayAddress>131.2.3.4</VPNGatewayAddress>
        <AddressSpace><AddressPrefix>10.0.0.0/16</AddressPrefix><AddressPrefix>10.1.0.0/16</AddressPrefix></AddressSpace>
      </LocalNetworkSite>
    </LocalNetworkSites>
    <Dns><DnsServers><DnsServer IPAddress="10.20.0.4" name="DNS1"/></DnsServers></Dns>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>`;

describe('NetworkConfig.xml loader', () => {
  it('reads the exported layout into the plan, with positions of elements, attributes and text', () => {
    const plan = networkPlanFromXml(EXPORT_ORDER, 'netcfg.xml');
    expect(plan.dnsServers[0]).toEqual({
      name: 'DNS1',
      ipAddress: { value: '10.20.0.4', at: { file: 'netcfg.xml', line: 6, column: 32 } },
      at: { file: 'netcfg.xml', line: 6, column: 9 },
    });
    const [site] = plan.localSites;
    expect(site?.addressSpace.map((p) => [p.value, p.at.line, p.at.column])).toEqual([
      ['10.0.0.0/16', 12, 26],
      ['10.1.0.0/16', 13, 26],
    ]);
    expect(site?.vpnGatewayAddress).toEqual({ value: '131.2.3.4', at: { file: 'netcfg.xml', line: 15, column: 28 } });
    const [vnet] = plan.vnets;
    expect(vnet?.affinityGroup).toEqual({ value: 'USWest', at: { file: 'netcfg.xml', line: 19, column: 40 } });
    expect(vnet?.location).toBeUndefined();
    expect(vnet?.at).toEqual({ file: 'netcfg.xml', line: 19, column: 7 });
    expect(vnet?.subnets.map((s) => [s.name, s.addressPrefix.value, s.addressPrefix.at.line])).toEqual([
      ['FE', '10.20.0.0/24', 25],
      ['GatewaySubnet', '10.20.2.0/29', 28],
    ]);
    expect(vnet?.dnsServerRefs.map((r) => r.value)).toEqual(['DNS1']);
    expect(vnet?.gateway?.connections.map((c) => [c.site.value, c.type])).toEqual([['Site1', 'IPsec']]);
    expect(vnet?.gateway?.vpnClientAddressPool.map((p) => p.value)).toEqual(['172.16.0.0/24']);
  });

  it('reads the MSDN skeleton order (children in any order) into the same plan', () => {
    expect(contentOf(networkPlanFromXml(SKELETON_ORDER, 'b.xml'))).toEqual(contentOf(networkPlanFromXml(EXPORT_ORDER, 'a.xml')));
  });

  it('reads Location instead of AffinityGroup (a regional VNet)', () => {
    const regional = EXPORT_ORDER.replace('AffinityGroup="USWest"', 'Location="West US"');
    const [vnet] = networkPlanFromXml(regional, 'r.xml').vnets;
    expect(vnet?.location?.value).toBe('West US');
    expect(vnet?.affinityGroup).toBeUndefined();
  });

  it('accepts the minimal exports: empty <Dns />, no LocalNetworkSites, empty <ConnectionsToLocalNetwork />', () => {
    const text = `<NetworkConfiguration xmlns="${NETCFG_NAMESPACE}"><VirtualNetworkConfiguration><Dns />
      <VirtualNetworkSites><VirtualNetworkSite name="seyonvnet" Location="South India">
        <AddressSpace><AddressPrefix>10.1.0.0/16</AddressPrefix></AddressSpace>
        <Subnets><Subnet name="GatewaySubnet"><AddressPrefix>10.1.32.0/29</AddressPrefix></Subnet></Subnets>
        <Gateway><VPNClientAddressPool><AddressPrefix>10.0.0.0/29</AddressPrefix></VPNClientAddressPool>
          <ConnectionsToLocalNetwork /></Gateway>
      </VirtualNetworkSite></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
    const plan = networkPlanFromXml(text, 'p2s.xml');
    expect(plan.dnsServers).toEqual([]);
    expect(plan.localSites).toEqual([]);
    expect(plan.vnets[0]?.gateway?.connections).toEqual([]);
    expect(plan.vnets[0]?.gateway?.vpnClientAddressPool.map((p) => p.value)).toEqual(['10.0.0.0/29']);
  });

  it('keeps a Dedicated (ExpressRoute) connection type and reads a bare site reference as IPsec', () => {
    const text = EXPORT_ORDER.replace('<Connection type="IPsec" />', '<Connection type="Dedicated" />').replace(
      '</ConnectionsToLocalNetwork>',
      '<LocalNetworkSiteRef name="Site2" /></ConnectionsToLocalNetwork>',
    );
    const types = networkPlanFromXml(text, 'x.xml').vnets[0]?.gateway?.connections.map((c) => [c.site.value, c.type]);
    expect(types).toEqual([
      ['Site1', 'Dedicated'],
      ['Site2', 'IPsec'],
    ]);
  });

  it('decodes the predefined entities and character references in attributes and text', () => {
    const text = EXPORT_ORDER.replace('name="VNet1"', 'name="R&amp;D &#x2014; VNet&#49;"').replace(
      '<AddressPrefix>10.20.0.0/16</AddressPrefix>',
      '<AddressPrefix>&#49;0.20.0.0/16</AddressPrefix>',
    );
    const [vnet] = networkPlanFromXml(text, 'e.xml').vnets;
    expect(vnet?.name).toBe('R&D \u2014 VNet1');
    expect(vnet?.addressSpace[0]?.value).toBe('10.20.0.0/16');
  });

  it('is chosen by parseNetworkPlan for text that starts with <, even after a byte order mark', () => {
    expect(parseNetworkPlan(`\uFEFF${EXPORT_ORDER}`, 'bom.xml').plan.vnets[0]?.name).toBe('VNet1');
  });
});

describe('bad NetworkConfig.xml input becomes diagnostics with file:line:column', () => {
  it.each([
    {
      name: 'an unknown element, with the elements allowed there',
      text: EXPORT_ORDER.replace('<DnsServersRef>', '<DnsServerRefs>').replace('</DnsServersRef>', '</DnsServerRefs>'),
      expected: [[31, 9, 'netcfg-schema', 'unknown element <DnsServerRefs> inside <VirtualNetworkSite>; allowed here: AddressSpace']],
    },
    {
      name: 'an unknown attribute',
      text: EXPORT_ORDER.replace('<Subnet name="FE">', '<Subnet name="FE" Size="24">'),
      expected: [[24, 29, 'netcfg-schema', '<Subnet> has no attribute "Size"']],
    },
    {
      name: 'a missing name attribute',
      text: EXPORT_ORDER.replace('<Subnet name="FE">', '<Subnet>'),
      expected: [[24, 11, 'netcfg-schema', '<Subnet> needs a name="..." attribute']],
    },
    {
      name: 'two VPNGatewayAddress elements in one site',
      text: EXPORT_ORDER.replace(
        '<VPNGatewayAddress>131.2.3.4</VPNGatewayAddress>',
        '<VPNGatewayAddress>131.2.3.4</VPNGatewayAddress><VPNGatewayAddress>131.2.3.5</VPNGatewayAddress>',
      ),
      expected: [[15, 57, 'netcfg-schema', 'may hold only one <VPNGatewayAddress>']],
    },
    {
      name: 'a subnet without an AddressPrefix',
      text: EXPORT_ORDER.replace('<AddressPrefix>10.20.0.0/24</AddressPrefix>', ''),
      expected: [[24, 11, 'netcfg-schema', '<Subnet> needs a <AddressPrefix> element']],
    },
    {
      name: 'the wrong namespace',
      text: EXPORT_ORDER.replace(`xmlns="${NETCFG_NAMESPACE}"`, 'xmlns="http://example.com/netcfg"'),
      expected: [[2, 122, 'netcfg-schema', `declares xmlns="http://example.com/netcfg"; a network configuration file declares xmlns="${NETCFG_NAMESPACE}"`]],
    },
    {
      name: 'the wrong root element',
      text: '<ServiceConfiguration xmlns="x"/>',
      expected: [[1, 1, 'netcfg-schema', 'starts with <NetworkConfiguration>']],
    },
    {
      name: 'malformed XML (a missing end tag, as in one of the official multi-site samples)',
      text: EXPORT_ORDER.replace('</ConnectionsToLocalNetwork>', ''),
      expected: [[43, 9, 'xml-syntax', 'malformed XML']],
    },
    {
      name: 'a bare & in an attribute, at the ampersand',
      text: EXPORT_ORDER.replace('name="VNet1"', 'name="R&D"'),
      expected: [[19, 34, 'xml-syntax', "a bare '&' is not allowed in XML; write it as &amp;"]],
    },
    {
      name: 'an undeclared entity in text (no DOCTYPE can declare one)',
      text: EXPORT_ORDER.replace('<AddressPrefix>10.20.0.0/16</AddressPrefix>', '<AddressPrefix>&net;/16</AddressPrefix>'),
      expected: [[21, 26, 'xml-syntax', '&net; is not defined']],
    },
    {
      name: 'a character reference to a code point XML does not allow',
      text: EXPORT_ORDER.replace('name="VNet1"', 'name="VNet&#0;"'),
      expected: [[19, 37, 'xml-syntax', '&#0; is not a character XML allows']],
    },
    {
      name: 'a second root element, whose content would otherwise be lost',
      text: `${EXPORT_ORDER}<NetworkConfiguration xmlns="${NETCFG_NAMESPACE}" />\n`,
      expected: [[48, 1, 'xml-syntax', 'follows the root element <NetworkConfiguration>; an XML file has one root element']],
    },
    {
      name: 'an empty name',
      text: EXPORT_ORDER.replace('<Subnet name="FE">', '<Subnet name=" ">'),
      expected: [[24, 19, 'netcfg-schema', '<Subnet> has an empty name=""; give it a value']],
    },
    {
      name: 'an address space without a prefix',
      text: EXPORT_ORDER.replace('<AddressPrefix>10.20.0.0/16</AddressPrefix>', ''),
      expected: [[20, 9, 'netcfg-schema', '<AddressSpace> needs at least one <AddressPrefix> element']],
    },
    {
      name: 'a DOCTYPE, refused before parsing',
      text: `<?xml version="1.0"?>\n<!DOCTYPE NetworkConfiguration [ <!ENTITY x "y"> ]>\n${EXPORT_ORDER.slice(39)}`,
      expected: [[2, 1, 'xml-syntax', '<!DOCTYPE> declarations are refused']],
    },
  ])('$name', ({ text, expected }) => {
    const found = inputErrorOf(() => networkPlanFromXml(text, 'bad.xml'));
    expect(found.map((d) => [d.line, d.column, d.rule])).toEqual(expected.map(([line, column, rule]) => [line, column, rule]));
    found.forEach((d, i) => {
      expect(d.file).toBe('bad.xml');
      expect(d.message).toContain(expected[i]?.[3]);
    });
  });

  it('refuses a billion-laughs document without expanding a single entity', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${entities.join('\n ')}\n]>\n<NetworkConfiguration>&lol9;</NetworkConfiguration>`;
    const found = inputErrorOf(() => networkPlanFromXml(bomb, 'lol.xml'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'lol.xml', line: 2, column: 1, rule: 'xml-syntax' });
  });

  it('refuses an ENTITY declaration even outside a DOCTYPE', () => {
    const found = inputErrorOf(() => networkPlanFromXml('<a>\n  <!ENTITY x "y"></a>', 'e.xml'));
    expect(found[0]).toMatchObject({ line: 2, column: 3, rule: 'xml-syntax' });
  });

  it('reports an empty file', () => {
    const found = inputErrorOf(() => parseNetworkPlan('<', 'empty.xml'));
    expect(found[0]?.rule).toBe('xml-syntax');
  });
});
