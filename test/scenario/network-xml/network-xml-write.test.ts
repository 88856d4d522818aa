import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkPlan, type Located, type NetworkPlan } from '../../../src/ipam/index.js';
import { parseNetworkPlan } from '../../../src/input/network-load.js';
import { writeNetworkConfigXml } from '../../../src/scenario/network-xml-write.js';
import { networkPlanFromXml } from '../../../src/input/network-xml.js';

/*
 * The round trip: export writes the platform's layout, reading the export back gives the same plan, and exporting that
 * gives the same bytes. Goldens are reviewed by hand; regenerate with UPDATE_GOLDEN=1.
 */

const GOLDEN_DIR = join('test', 'golden', 'export');
const isUpdating = process.env['UPDATE_GOLDEN'] === '1';

/** The plan without positions or file name: what "the same model" means. */
function contentOf(plan: NetworkPlan): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'at' || key === 'file' ? undefined : value)));
}

const ROUND_TRIP_FILES = [
  'scenarios/multi-site.netcfg.xml',
  'scenarios/plan-hybrid-multisite.yaml',
  'scenarios/plan-mistakes.yaml',
  'scenarios/05-site-to-site-shared-key.yaml',
  'test/fixtures/netcfg/p2s-regional.netcfg.xml',
  'test/fixtures/netcfg/seven-identical-vnets.netcfg.xml',
];

describe('export writes the platform layout', () => {
  it.each(ROUND_TRIP_FILES)('%s matches its golden export', (path) => {
    const xml = writeNetworkConfigXml(parseNetworkPlan(readFileSync(path, 'utf8'), path).plan);
    const goldenPath = join(GOLDEN_DIR, `${basename(path)}.xml`);
    if (isUpdating || !existsSync(goldenPath)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath, xml);
    }
    expect(xml).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it.each(ROUND_TRIP_FILES)('%s survives import → export → import with the same model and the same findings', (path) => {
    const original = parseNetworkPlan(readFileSync(path, 'utf8'), path).plan;
    const exported = writeNetworkConfigXml(original);
    const reimported = networkPlanFromXml(exported, 'exported.xml');
    expect(contentOf(reimported)).toEqual(contentOf(original));
    const findings = (plan: NetworkPlan) => checkPlan(plan).map((d) => `${d.severity} ${d.rule} ${d.objects.join(',')}`).sort();
    expect(findings(reimported)).toEqual(findings(original));
    expect(writeNetworkConfigXml(reimported)).toBe(exported);
  });

  it('uses CRLF, two-space indent, `<Dns />` and no list element holding only whitespace', () => {
    const xml = writeNetworkConfigXml({ file: 'empty', dnsServers: [], localSites: [], vnets: [] });
    expect(xml.split('\r\n')).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<NetworkConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">',
      '  <VirtualNetworkConfiguration>',
      '    <Dns />',
      '  </VirtualNetworkConfiguration>',
      '</NetworkConfiguration>',
    ]);
    expect(xml.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds the explicit Connection type the platform added to a bare LocalNetworkSiteRef', () => {
    const bare =
      '<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration>' +
      '<VirtualNetworkSites><VirtualNetworkSite name="V" Location="West US"><AddressSpace><AddressPrefix>10.0.0.0/16</AddressPrefix></AddressSpace>' +
      '<Gateway profile="Small"><ConnectionsToLocalNetwork><LocalNetworkSiteRef name="S" /></ConnectionsToLocalNetwork></Gateway>' +
      '<DnsServersRef /></VirtualNetworkSite></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>';
    const xml = writeNetworkConfigXml(networkPlanFromXml(bare, 'bare.xml'));
    expect(xml).toContain('<LocalNetworkSiteRef name="S">\r\n              <Connection type="IPsec" />');
    expect(xml).not.toContain('profile=');
    expect(xml).not.toContain('DnsServersRef');
  });

  it('escapes markup and whitespace in names so they read back exactly', () => {
    const plan = networkPlanFromXml(
      writeNetworkConfigXml({
        file: 'x',
        dnsServers: [{ name: 'a&b <"c">\td', ipAddress: text('10.0.0.4'), at: AT }],
        localSites: [],
        vnets: [],
      }),
      'x',
    );
    expect(plan.dnsServers[0]?.name).toBe('a&b <"c">\td');
  });
});

const AT = { file: 'generated', line: 1, column: 1 };
function text(value: string): Located {
  return { value, at: AT };
}

/** Names as the platform allowed them: letters, digits, space, dot, dash, underscore; no surrounding blanks. */
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,12}[A-Za-z0-9]$/);
const octet = fc.integer({ min: 0, max: 255 });
const prefix = fc.tuple(octet, octet, fc.integer({ min: 8, max: 29 })).map(([b, c, length]) => text(`10.${b}.${c}.0/${length}`));
const address = fc.tuple(octet, octet).map(([c, d]) => text(`131.107.${c}.${d}`));

/** A random plan the NetworkConfig schema accepts (its rules may still find problems: the round trip keeps them). */
const validPlan: fc.Arbitrary<NetworkPlan> = fc
  .record({
    dnsServers: fc.array(fc.record({ name, ipAddress: address }), { maxLength: 3 }),
    localSites: fc.array(
      fc.record({ name, addressSpace: fc.array(prefix, { minLength: 1, maxLength: 3 }), vpnGatewayAddress: fc.option(address, { nil: undefined }) }),
      { maxLength: 3 },
    ),
    vnets: fc.array(
      fc.record({
        name,
        binding: fc.oneof(fc.record({ location: name.map(text) }), fc.record({ affinityGroup: name.map(text) })),
        addressSpace: fc.array(prefix, { minLength: 1, maxLength: 3 }),
        subnets: fc.array(fc.record({ name, addressPrefix: prefix }), { maxLength: 4 }),
        dnsServerRefs: fc.array(name.map(text), { maxLength: 2 }),
        gateway: fc.option(
          fc.record({
            connections: fc.array(fc.record({ site: name.map(text), type: fc.constantFrom('IPsec', 'Dedicated') }), { maxLength: 3 }),
            vpnClientAddressPool: fc.array(prefix, { maxLength: 2 }),
          }),
          { nil: undefined },
        ),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ dnsServers, localSites, vnets }) => ({
    file: 'generated',
    dnsServers: dnsServers.map((dns) => ({ ...dns, at: AT })),
    localSites: localSites.map((site) => ({ ...site, at: AT })),
    vnets: vnets.map(({ binding, gateway, subnets, ...vnet }) => ({
      ...vnet,
      affinityGroup: 'affinityGroup' in binding ? binding.affinityGroup : undefined,
      location: 'location' in binding ? binding.location : undefined,
      subnets: subnets.map((subnet) => ({ ...subnet, at: AT })),
      gateway:
        gateway === undefined
          ? undefined
          : { ...gateway, connections: gateway.connections.map((c) => ({ ...c, at: AT })), at: AT },
      at: AT,
    })),
  }));

describe('random valid plans survive the round trip', () => {
  test.prop([validPlan], { numRuns: 200 })('import(export(plan)) is the plan, and export is the same bytes twice', (plan) => {
    const xml = writeNetworkConfigXml(plan);
    const back = networkPlanFromXml(xml, 'generated');
    expect(contentOf(back)).toEqual(contentOf(plan));
    expect(writeNetworkConfigXml(back)).toBe(xml);
  }, 60_000); // bounds a hang, not speed: 200 runs take ~1 s alone, over 5 s beside the full suite
});
