import {
  LOCATIONS, checkAddressAvailability, createAffinityGroup, createGateway, deleteAffinityGroup, deleteGateway, getAffinityGroup, getGateway, getNetworkConfig,
  getSharedKey, listAffinityGroups, listConnections, listVirtualNetworkSites, setNetworkConfig, setSharedKey, updateGateway, type AffinityGroupView,
} from '../../asm/index.js';
import { InputError } from '../../common/index.js';
import type { NetworkPlan } from '../../ipam/index.js';
import { networkPlanFromXml, writeNetworkConfigXml } from '../../scenario/index.js';
import { PsObject } from '../values.js';
import { azureCmdlet, optionalString, reportOperation, requiredString, writePlatformError } from './azure-cmdlet.js';
import type { AzureSession } from './azure-session.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';
const NETWORK_MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Network';

function operationFields(session: AzureSession, description: string): Record<string, unknown> {
  return { OperationDescription: description, OperationId: session.nextOperationId(), OperationStatus: 'Succeeded' };
}

/** New-AzureAffinityGroup -Name -Location [-Label] [-Description]. */
const newAffinityGroup = azureCmdlet('New-AzureAffinityGroup', [
  { name: 'Name', position: 0, mandatory: true }, { name: 'Location', position: 3, mandatory: true }, { name: 'Label', position: 1 }, { name: 'Description', position: 2 },
], (call, session) => {
  const name = requiredString(call, 'Name');
  const request = { name, label: optionalString(call, 'Label') ?? name, description: optionalString(call, 'Description'), location: requiredString(call, 'Location') };
  reportOperation(call, session.run(createAffinityGroup, request, { affinityGroup: name }));
});

function describeAffinityGroup(session: AzureSession, group: AffinityGroupView): PsObject {
  return new PsObject(`${MODEL}.AffinityGroupContext`, {
    Name: group.name, Label: group.label, Description: group.description ?? null, Location: group.location,
    HostedServices: group.hostedServices, StorageServices: [], Capabilities: ['PersistentVMRole', 'HighMemory'], ...operationFields(session, 'Get-AzureAffinityGroup'),
  });
}

/** Get-AzureAffinityGroup [-Name]. */
const getAffinityGroupCmdlet = azureCmdlet('Get-AzureAffinityGroup', [{ name: 'Name', position: 0 }], (call, session) => {
  const name = optionalString(call, 'Name');
  if (name !== undefined) {
    const found = session.query(getAffinityGroup, { name });
    if (!found.ok) return writePlatformError(call, found.error);
    return call.output(describeAffinityGroup(session, found.value));
  }
  const all = session.query(listAffinityGroups, undefined);
  if (all.ok) for (const group of all.value) call.output(describeAffinityGroup(session, group));
});

/** Remove-AzureAffinityGroup -Name. */
const removeAffinityGroup = azureCmdlet('Remove-AzureAffinityGroup', [{ name: 'Name', position: 0, mandatory: true }], (call, session) => {
  const name = requiredString(call, 'Name');
  reportOperation(call, session.run(deleteAffinityGroup, { name }, { affinityGroup: name }));
});

/** Get-AzureLocation: the era's regions with their services. */
const getAzureLocation = azureCmdlet('Get-AzureLocation', [], (call) => {
  for (const location of LOCATIONS) call.output(new PsObject(`${MODEL}.LocationsContext`, { DisplayName: location.name, Name: location.name, AvailableServices: location.availableServices }));
});

function readPlan(call: Parameters<Parameters<typeof azureCmdlet>[2]>[0], path: string): NetworkPlan | undefined {
  let text: string;
  try {
    text = call.host.readFile(path);
  } catch (error) {
    if (error instanceof Error) writePlatformError(call, { status: 400, code: 'BadRequest', message: error.message });
    return undefined;
  }
  try {
    return networkPlanFromXml(text, path);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The platform validated the upload against its schema and answered 400 (asm-recorded.md §2.2).
    const detail = error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join(' ');
    writePlatformError(call, { status: 400, code: 'BadRequest', message: `The network configuration is not valid. ${detail}` });
    return undefined;
  }
}

/** Set-AzureVNetConfig -ConfigurationPath: uploads a NetworkConfig.xml; the engine checks and applies it. */
const setVNetConfig = azureCmdlet('Set-AzureVNetConfig', [{ name: 'ConfigurationPath', position: 0, mandatory: true }], (call, session) => {
  const plan = readPlan(call, requiredString(call, 'ConfigurationPath'));
  if (plan !== undefined) reportOperation(call, session.run(setNetworkConfig, { plan }));
});

/** Remove-AzureVNetConfig: uploads an empty configuration. */
const removeVNetConfig = azureCmdlet('Remove-AzureVNetConfig', [], (call, session) => {
  reportOperation(call, session.run(setNetworkConfig, { plan: { vnets: [], localSites: [], dnsServers: [] } as unknown as NetworkPlan }));
});

/** Get-AzureVNetConfig [-ExportToFile]: the stored configuration as XML; nothing when there is none. */
const getVNetConfig = azureCmdlet('Get-AzureVNetConfig', [{ name: 'ExportToFile', position: 0 }], (call, session) => {
  const found = session.query(getNetworkConfig, undefined);
  if (!found.ok) return;
  const xml = writeNetworkConfigXml(found.value);
  const path = optionalString(call, 'ExportToFile');
  if (path !== undefined) call.host.writeFile(path, xml, false);
  call.output(new PsObject(`${MODEL}.VirtualNetworkConfigContext`, { XMLConfiguration: xml, ...operationFields(session, 'Get-AzureVNetConfig') }));
});

/** Get-AzureVNetSite [-VNetName]. */
const getVNetSite = azureCmdlet('Get-AzureVNetSite', [{ name: 'VNetName', position: 0 }], (call, session) => {
  const wanted = optionalString(call, 'VNetName');
  const sites = session.query(listVirtualNetworkSites, undefined);
  if (!sites.ok) return writePlatformError(call, sites.error);
  const matching = sites.value.filter((s) => wanted === undefined || s.name === wanted);
  if (wanted !== undefined && matching.length === 0) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: `The virtual network name '${wanted}' was not found.` });
  for (const site of matching) {
    call.output(new PsObject(`${MODEL}.VirtualNetworkSiteContext`, {
      AddressSpacePrefixes: site.addressPrefixes, AffinityGroup: site.affinityGroup ?? null, DnsServers: site.dnsServers.map((d) => `${d.name} ${d.address}`),
      GatewayProfile: null, GatewaySites: site.gateway?.sites.map((s) => s.name) ?? [], Id: site.id, InUse: site.inUse, Label: null, Name: site.name, State: 'Created',
      Subnets: site.subnets.map((s) => `${s.name} ${s.addressPrefix}`), ...operationFields(session, 'Get-AzureVNetSite'),
    }));
  }
});

/** Test-AzureStaticVNetIP -VNetName -IPAddress. */
const testStaticVNetIp = azureCmdlet('Test-AzureStaticVNetIP', [{ name: 'VNetName', position: 0, mandatory: true }, { name: 'IPAddress', position: 1, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  const answer = session.query(checkAddressAvailability, { vnet, address: requiredString(call, 'IPAddress') });
  if (!answer.ok) return writePlatformError(call, answer.error);
  call.output(new PsObject(`${MODEL}.VirtualNetworkStaticIPAvailabilityContext`, { IsAvailable: answer.value.isAvailable, AvailableAddresses: answer.value.availableAddresses, ...operationFields(session, 'Test-AzureStaticVNetIP') }));
});

/** New-AzureVNetGateway -VNetName [-GatewayType] [-GatewaySKU]: blocks until the gateway is provisioned, as the cmdlet did. */
const newVNetGateway = azureCmdlet('New-AzureVNetGateway', [{ name: 'VNetName', position: 0, mandatory: true }, { name: 'GatewayType' }, { name: 'GatewaySKU' }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  reportOperation(call, session.run(createGateway, { vnet, gatewayType: optionalString(call, 'GatewayType'), gatewaySize: optionalString(call, 'GatewaySKU') }, { vnet }));
});

/** Remove-AzureVNetGateway -VNetName. */
const removeVNetGateway = azureCmdlet('Remove-AzureVNetGateway', [{ name: 'VNetName', position: 0, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  reportOperation(call, session.run(deleteGateway, { vnet }, { vnet }));
});

/** Resize-AzureVNetGateway -VNetName -GatewaySKU and Reset-AzureVNetGateway -VNetName. */
const resizeVNetGateway = azureCmdlet('Resize-AzureVNetGateway', [{ name: 'VNetName', position: 0, mandatory: true }, { name: 'GatewaySKU', mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  reportOperation(call, session.run(updateGateway, { vnet, operation: 'Resize', gatewaySize: optionalString(call, 'GatewaySKU') }, { vnet }));
});
const resetVNetGateway = azureCmdlet('Reset-AzureVNetGateway', [{ name: 'VNetName', position: 0, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  reportOperation(call, session.run(updateGateway, { vnet, operation: 'Reset', gatewaySize: undefined }, { vnet }));
});

/** Get-AzureVNetGateway -VNetName. */
const getVNetGateway = azureCmdlet('Get-AzureVNetGateway', [{ name: 'VNetName', position: 0, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  const gateway = session.query(getGateway, { vnet });
  if (!gateway.ok) return writePlatformError(call, gateway.error);
  const g = gateway.value;
  call.output(new PsObject(`${NETWORK_MODEL}.VirtualNetworkGatewayContext`, {
    LastEventData: null, LastEventID: g.lastEvent?.id ?? null, LastEventMessage: g.lastEvent?.message ?? null,
    LastEventTimeStamp: g.lastEvent === undefined ? null : session.dateAt(g.lastEvent.timeMs), State: g.state, VIPAddress: g.vipAddress ?? null,
    DefaultSite: g.defaultSites?.[0] ?? null, GatewaySKU: g.gatewaySize, GatewayType: g.gatewayType, ...operationFields(session, 'Get-AzureVNetGateway'),
  }));
});

/** Get-AzureVNetGatewayKey -VNetName -LocalNetworkSiteName. */
const getGatewayKey = azureCmdlet('Get-AzureVNetGatewayKey', [{ name: 'VNetName', position: 0, mandatory: true }, { name: 'LocalNetworkSiteName', position: 1, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  const site = requiredString(call, 'LocalNetworkSiteName');
  const key = session.query(getSharedKey, { vnet, site });
  if (!key.ok) return writePlatformError(call, key.error);
  call.output(new PsObject(`${NETWORK_MODEL}.SharedKeyContext`, { Value: key.value, ...operationFields(session, 'Get-AzureVNetGatewayKey') }));
});

/** Set-AzureVNetGatewayKey -VNetName -LocalNetworkSiteName -SharedKey. */
const setGatewayKey = azureCmdlet('Set-AzureVNetGatewayKey', [
  { name: 'VNetName', position: 0, mandatory: true }, { name: 'LocalNetworkSiteName', position: 1, mandatory: true }, { name: 'SharedKey', position: 2, mandatory: true },
], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  const site = requiredString(call, 'LocalNetworkSiteName');
  reportOperation(call, session.run(setSharedKey, { vnet, site, value: requiredString(call, 'SharedKey') }, { vnet, site }));
});

/** Get-AzureVNetConnection -VNetName: one row per local site. */
const getVNetConnection = azureCmdlet('Get-AzureVNetConnection', [{ name: 'VNetName', position: 0, mandatory: true }], (call, session) => {
  const vnet = requiredString(call, 'VNetName');
  const connections = session.query(listConnections, { vnet });
  if (!connections.ok) return writePlatformError(call, connections.error);
  for (const c of connections.value) {
    call.output(new PsObject(`${NETWORK_MODEL}.GatewayConnectionContext`, {
      ConnectivityState: c.connectivityState, EgressBytesTransferred: c.egressBytes, IngressBytesTransferred: c.ingressBytes,
      LastConnectionEstablished: c.lastConnectionEstablishedMs === undefined ? null : session.dateAt(c.lastConnectionEstablishedMs),
      LastEventID: c.lastEvent?.id ?? null, LastEventMessage: c.lastEvent?.message ?? null, LastEventTimeStamp: c.lastEvent === undefined ? null : session.dateAt(c.lastEvent.timeMs),
      LocalNetworkSiteName: c.localNetworkSiteName, ...operationFields(session, 'Get-AzureVNetConnection'),
    }));
  }
});

/** Affinity groups, locations, the network configuration, VNet sites, static IP checks, gateways, keys and connections. */
export const NETWORK_CMDLETS = [
  newAffinityGroup, getAffinityGroupCmdlet, removeAffinityGroup, getAzureLocation, setVNetConfig, removeVNetConfig, getVNetConfig, getVNetSite, testStaticVNetIp,
  newVNetGateway, removeVNetGateway, resizeVNetGateway, resetVNetGateway, getVNetGateway, getGatewayKey, setGatewayKey, getVNetConnection,
];
