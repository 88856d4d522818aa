import {
  checkAddressAvailability, createGateway, deleteGateway, getGateway, getNetworkConfig, getSharedKey, listConnections, listVirtualNetworkSites,
  platformErrors, resetSharedKey, setDefaultSites, setNetworkConfig, setSharedKey, updateGateway, type ConnectionView, type GatewayView,
  type VirtualNetworkSiteView,
} from '../asm/index.js';
import { InputError } from '../common/index.js';
import { networkPlanFromXml, writeNetworkConfigXml } from '../scenario/index.js';
import type { ApiContext, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, answerQuery, emptyResponse, gatewayOperationResponse } from './route-answers.js';
import { NEVER, formatPlatformTime } from './wire-time.js';
import { childElements, childText } from './xml-reader.js';
import { nullableElement, optionalElement, parentElement, textElement, type XmlNode } from './xml-writer.js';

/** The networking operations under /services/networking (asm-recorded.md §2; azure-asm-network). */
export const networkRoutes: Route[] = [
  {
    method: 'GET', path: 'services/networking/media',
    // §2.1: text/plain, a UTF-8 BOM, the platform's pretty-printed canonical form (never a whitespace-only list).
    handle: (context) => {
      const result = context.engine.query(getNetworkConfig, undefined);
      if (!result.ok) return errorResponse(result.error);
      return { status: 200, raw: { contentType: 'text/plain', text: `\uFEFF${writeNetworkConfigXml(result.value)}` } };
    },
  },
  {
    method: 'PUT', path: 'services/networking/media', body: 'NetworkConfiguration',
    handle: (context) => {
      let plan;
      try {
        plan = networkPlanFromXml(context.rawBody.replace(/^\uFEFF/, ''), 'NetworkConfiguration');
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const first = error.diagnostics[0];
        // N-CFGEMPTY's wording, with the position and the problem the reader found.
        const detail = error.diagnostics.map((d) => d.message).join(' ');
        const position = first === undefined ? '0,0' : `${first.line},${first.column}`;
        return errorResponse({ ...platformErrors.networkConfigSchema(), message: `XML Schema validation error in network configuration at line ${position}. ${detail}` });
      }
      return answerMutation(context, setNetworkConfig(context.state, { plan }), {}, () => emptyResponse(202));
    },
  },
  {
    method: 'GET', path: 'services/networking/virtualnetwork',
    handle: (context) => answerQuery(context.engine.query(listVirtualNetworkSites, undefined), (sites) =>
      parentElement('VirtualNetworkSites', sites.map(describeSite))),
  },
  {
    method: 'GET', path: 'services/networking/{vnet}', query: { op: 'checkavailability' },
    handle: (context) => {
      const address = context.query.get('address') ?? context.query.get('Address');
      if (address === null || address === '') return errorResponse(platformErrors.missingQueryParameter('address'));
      return answerQuery(context.engine.query(checkAddressAvailability, { vnet: vnetOf(context), address }), (answer) =>
        parentElement('AddressAvailabilityResponse', [
          textElement('IsAvailable', answer.isAvailable),
          parentElement('AvailableAddresses', answer.availableAddresses.map((a) => textElement('AvailableAddress', a))),
        ]));
    },
  },
  {
    method: 'POST', path: 'services/networking/{vnet}/gateway', body: 'CreateGatewayParameters',
    handle: (context) => {
      const request = { vnet: vnetOf(context), gatewaySize: bodyText(context, 'GatewaySize'), gatewayType: bodyText(context, 'gatewayType') };
      return answerMutation(context, createGateway(context.state, request), { vnet: request.vnet }, (op) => gatewayOperationResponse(201, op));
    },
  },
  {
    method: 'GET', path: 'services/networking/{vnet}/gateway',
    handle: (context) => answerQuery(context.engine.query(getGateway, { vnet: vnetOf(context) }), describeGateway),
  },
  {
    method: 'DELETE', path: 'services/networking/{vnet}/gateway',
    handle: (context) => answerMutation(context, deleteGateway(context.state, { vnet: vnetOf(context) }), { vnet: vnetOf(context) },
      (op) => gatewayOperationResponse(202, op)),
  },
  {
    method: 'PATCH', path: 'services/networking/{vnet}/gateway', body: 'UpdateGatewayParameters',
    handle: (context) => {
      const request = { vnet: vnetOf(context), operation: bodyText(context, 'Operation') ?? '', gatewaySize: bodyText(context, 'GatewaySize') };
      return answerMutation(context, updateGateway(context.state, request), { vnet: request.vnet }, (op) => gatewayOperationResponse(202, op));
    },
  },
  {
    method: 'GET', path: 'services/networking/{vnet}/gateway/connections',
    handle: (context) => answerQuery(context.engine.query(listConnections, { vnet: vnetOf(context) }), (connections) =>
      parentElement('Connections', connections.map(describeConnection))),
  },
  {
    method: 'GET', path: 'services/networking/{vnet}/gateway/connection/{site}/sharedkey',
    handle: (context) => answerQuery(context.engine.query(getSharedKey, siteTarget(context)), (key) =>
      parentElement('SharedKey', [textElement('Value', key)])),
  },
  {
    method: 'POST', path: 'services/networking/{vnet}/gateway/connection/{site}/sharedkey', body: 'SharedKey',
    handle: (context) => answerMutation(context, setSharedKey(context.state, { ...siteTarget(context), value: bodyText(context, 'Value') ?? '' }),
      siteTarget(context), (op) => gatewayOperationResponse(202, op)),
  },
  {
    method: 'PUT', path: 'services/networking/{vnet}/gateway/connection/{site}/sharedkey', body: 'ResetSharedKey',
    handle: (context) => {
      const keyLength = Number(bodyText(context, 'KeyLength') ?? '128');
      return answerMutation(context, resetSharedKey(context.state, { ...siteTarget(context), keyLength }), siteTarget(context),
        (op) => gatewayOperationResponse(202, op));
    },
  },
  {
    method: 'POST', path: 'services/networking/{vnet}/gateway/defaultsites', body: 'DefaultSiteList',
    handle: (context) => {
      const sites = context.body === undefined ? [] : childElements(context.body, 'string').map((e) => e.text);
      return answerMutation(context, setDefaultSites(context.state, { vnet: vnetOf(context), sites }), { vnet: vnetOf(context) },
        (op) => gatewayOperationResponse(202, op));
    },
  },
  {
    method: 'DELETE', path: 'services/networking/{vnet}/gateway/defaultsites',
    handle: (context) => answerMutation(context, setDefaultSites(context.state, { vnet: vnetOf(context), sites: [] }), { vnet: vnetOf(context) },
      (op) => gatewayOperationResponse(202, op)),
  },
];

function vnetOf(context: ApiContext): string {
  return context.params['vnet'] ?? '';
}

function siteTarget(context: ApiContext): { vnet: string; site: string } {
  return { vnet: vnetOf(context), site: context.params['site'] ?? '' };
}

function bodyText(context: ApiContext, name: string): string | undefined {
  return context.body === undefined ? undefined : childText(context.body, name);
}

// Name, Id, AffinityGroup?, State, InUse?, AddressSpace, Subnets, Dns?, Gateway?, Location? (STC, §2.3).
function describeSite(site: VirtualNetworkSiteView): XmlNode {
  return parentElement('VirtualNetworkSite', [
    textElement('Name', site.name),
    textElement('Id', site.id),
    ...optionalElement('AffinityGroup', site.affinityGroup),
    textElement('State', 'Created'),
    ...(site.inUse ? [textElement('InUse', true)] : []),
    parentElement('AddressSpace', [parentElement('AddressPrefixes', site.addressPrefixes.map((p) => textElement('AddressPrefix', p)))]),
    parentElement('Subnets', site.subnets.map((s) => parentElement('Subnet', [textElement('Name', s.name), textElement('AddressPrefix', s.addressPrefix)]))),
    ...(site.dnsServers.length === 0 ? [] : [parentElement('Dns', [parentElement('DnsServers',
      site.dnsServers.map((d) => parentElement('DnsServer', [textElement('Name', d.name), textElement('Address', d.address)]))),
    ])]),
    ...(site.gateway === undefined ? [] : [parentElement('Gateway', [
      parentElement('Sites', site.gateway.sites.map((s) => parentElement('LocalNetworkSite', [
        textElement('Name', s.name),
        parentElement('AddressSpace', [parentElement('AddressPrefixes', s.addressPrefixes.map((p) => textElement('AddressPrefix', p)))]),
        ...optionalElement('VpnGatewayAddress', s.vpnGatewayAddress),
        parentElement('Connections', [parentElement('Connection', [textElement('Type', 'IPsec')])]),
      ]))),
      parentElement('VPNClientAddressPool', [parentElement('AddressPrefixes', site.gateway.vpnClientAddressPool.map((p) => textElement('AddressPrefix', p)))]),
    ])]),
    ...optionalElement('Location', site.location),
  ]);
}

// The live order: GatewayType, LastEvent, State, VIPAddress, DefaultSites, GatewaySize, GatewayId (§2.5, §9.1).
function describeGateway(gateway: GatewayView): XmlNode {
  return parentElement('Gateway', [
    textElement('GatewayType', gateway.gatewayType),
    gateway.lastEvent === undefined ? { name: 'LastEvent', nil: true } : describeEvent(gateway.lastEvent),
    textElement('State', gateway.state),
    ...optionalElement('VIPAddress', gateway.vipAddress),
    ...(gateway.defaultSites === undefined ? [] : [parentElement('DefaultSites', gateway.defaultSites.map((s) => textElement('string', s)))]),
    textElement('GatewaySize', gateway.gatewaySize),
    nullableElement('GatewayId', gateway.gatewayId),
  ]);
}

function describeEvent(event: { id: number; message: string; timeMs: number }): XmlNode {
  return parentElement('LastEvent', [textElement('Id', event.id), textElement('Message', event.message), textElement('Timestamp', formatPlatformTime(event.timeMs, true))]);
}

// Alphabetical, with the undocumented packet counters and the Arrays namespace on AllocatedIPAddresses (GWCONN16, §2.7).
// Packets are modelled at 1,400 bytes each (a full ESP packet on a 1,500-byte path).
const BYTES_PER_PACKET = 1_400;

function describeConnection(connection: ConnectionView): XmlNode {
  return parentElement('Connection', [
    parentElement('AllocatedIPAddresses', [], { 'xmlns:a': 'http://schemas.microsoft.com/2003/10/Serialization/Arrays' }),
    textElement('ConnectivityState', connection.connectivityState),
    textElement('EgressBytesTransferred', connection.egressBytes),
    textElement('EgressPacketsTransferred', Math.floor(connection.egressBytes / BYTES_PER_PACKET)),
    textElement('IngressBytesTransferred', connection.ingressBytes),
    textElement('IngressPacketsTransferred', Math.floor(connection.ingressBytes / BYTES_PER_PACKET)),
    textElement('LastConnectionEstablished', connection.lastConnectionEstablishedMs === undefined ? NEVER : formatPlatformTime(connection.lastConnectionEstablishedMs, true)),
    connection.lastEvent === undefined ? { name: 'LastEvent', nil: true } : describeEvent(connection.lastEvent),
    textElement('LocalNetworkSiteName', connection.localNetworkSiteName),
  ]);
}
