import type { GatewayPhase } from './gateway-machine.js';
import type { AddSite, ConfigureDevice, CreateGateway, GatewayCommand, ResizeGateway, SetSharedKey } from './commands.js';
import { findPrefixProblem, hasOverlap, isSamePrefixSet, parseIpv4 } from './prefixes.js';
import { maxTunnels } from './profile.js';
import { PLATFORM_MESSAGES, type GatewayRefusalCode } from './refusal-codes.js';
import type { GatewaySku, GatewayState, GatewayType, LocalSiteSpec } from './types.js';

/**
 * Checks a gateway command against the current configuration without changing anything. A refusal carries a stable
 * code (refusal-codes.ts) and a message that says what to do; where the live API refused the same request
 * (asm-recorded.md §7) the message starts with the platform's words, also kept apart as `platformMessage`.
 */

/** A refused command: nothing changed. */
export type GatewayRefusal = { ok: false; code: GatewayRefusalCode; message: string; platformMessage?: string };

/** The outcome of validating or executing a command. */
export type GatewayResult = { ok: true } | GatewayRefusal;

/** What validation needs to know about one VNet. */
export interface VnetView {
  name: string;
  addressSpace: readonly string[];
  hasGatewaySubnet: boolean;
  hasGatewayElement: boolean;
  sites: readonly string[];
  state: GatewayState;
  phase: GatewayPhase | undefined;
  gatewayType: GatewayType | undefined;
  sku: GatewaySku;
  publicIp: string | undefined;
  /** Tunnels running (not refused for limits or overlap). */
  activeTunnelCount: number;
  isManuallyDisconnected(site: string): boolean;
}

/** Read access to the host's configuration. */
export interface GatewayConfigView {
  findVnet(name: string): VnetView | undefined;
  findSite(name: string): LocalSiteSpec | undefined;
  /** Every VNet already connected to the site. */
  findVnetsConnectedTo(site: string): VnetView[];
  findVnetByGatewayIp(ip: string): VnetView | undefined;
}

const OK: GatewayResult = { ok: true };
const MAX_SHARED_KEY_LENGTH = 128;
// Azure's side of the key: "an alpha-numeric string of 1 to 128 characters" (N-SSKE).
const SHARED_KEY_PATTERN = /^[A-Za-z0-9]+$/;
// A device may hold any printable ASCII key; one Azure cannot hold simply never matches.
const DEVICE_KEY_PATTERN = /^[\x21-\x7e]+$/;
// A phase 1 proposal names three algorithms; an unknown one is the peer's NO_PROPOSAL_CHOSEN, a malformed one bad input.
const PROPOSAL_PATTERN = /^[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+$/;

function refuse(code: GatewayRefusalCode, message: string): GatewayRefusal {
  return { ok: false, code, message };
}

/** A refusal the live API made with these words; vnetsim's fix follows them. */
function refuseAsPlatform(code: GatewayRefusalCode, platformMessage: string, fix: string): GatewayRefusal {
  return { ok: false, code, message: `${platformMessage} ${fix}`, platformMessage };
}

/** Validates one gateway command; pure. */
export function validateGatewayCommand(view: GatewayConfigView, command: GatewayCommand): GatewayResult {
  switch (command.type) {
    case 'createGateway':
      return withVnet(view, command.vnet, (vnet) => validateCreate(vnet, command));
    case 'deleteGateway':
      return withVnet(view, command.vnet, (vnet) => requireIdleGateway(vnet, 'delete'));
    case 'resetGateway':
      return withVnet(view, command.vnet, (vnet) =>
        vnet.phase === 'failingOver' ? OK : requireIdleGateway(vnet, 'reset'));
    case 'resizeGateway':
      return withVnet(view, command.vnet, (vnet) => validateResize(vnet, command));
    case 'setSharedKey':
      return withVnet(view, command.vnet, (vnet) => validateSharedKey(vnet, command));
    case 'connectSite':
      return withVnet(view, command.vnet, (vnet) => withConnectedSite(vnet, command.site, () =>
        requireProvisioned(vnet) ?? (vnet.isManuallyDisconnected(command.site)
          ? OK
          : refuse('connection-not-disconnected', `The connection from '${vnet.name}' to '${command.site}' was not disconnected; nothing to connect. Use disconnectSite first.`))));
    case 'disconnectSite':
      return withVnet(view, command.vnet, (vnet) => withConnectedSite(vnet, command.site, () =>
        requireProvisioned(vnet) ?? (vnet.isManuallyDisconnected(command.site)
          ? refuse('connection-already-disconnected', `The connection from '${vnet.name}' to '${command.site}' is already disconnected. Use connectSite to restore it.`)
          : OK)));
    case 'addSite':
      return withVnet(view, command.vnet, (vnet) => validateAddSite(view, vnet, command));
    case 'removeSite':
      return withVnet(view, command.vnet, (vnet) => withConnectedSite(vnet, command.site, () => OK));
    case 'configureDevice':
      return withKnownSite(view, command.site, () => validateDevice(command));
    case 'setDevicePower':
    case 'setLinkFault':
      return withKnownSite(view, command.site, () => OK);
  }
}

/** Checks a Get-AzureVNetGatewayKey read: the VNet, its connected site and a Provisioned gateway (N-GSK-NP, N-GSK-NC). */
export function validateSharedKeyRead(view: GatewayConfigView, vnetName: string, site: string): GatewayResult {
  return withVnet(view, vnetName, (vnet) => withConnectedSite(vnet, site, () => requireProvisioned(vnet) ?? OK));
}

function withVnet(view: GatewayConfigView, name: string, check: (vnet: VnetView) => GatewayResult): GatewayResult {
  const vnet = view.findVnet(name);
  return vnet ? check(vnet) : refuseAsPlatform('unknown-vnet', PLATFORM_MESSAGES.unknownVnet(name), 'Declare it in the network plan first.');
}

function withConnectedSite(vnet: VnetView, site: string, check: () => GatewayResult): GatewayResult {
  return vnet.sites.includes(site)
    ? check()
    : refuseAsPlatform('unknown-site', PLATFORM_MESSAGES.unknownSite(site), `It is not connected to '${vnet.name}': add it with addSite first.`);
}

function withKnownSite(view: GatewayConfigView, site: string, check: () => GatewayResult): GatewayResult {
  return view.findSite(site)
    ? check()
    : refuseAsPlatform('unknown-site', PLATFORM_MESSAGES.unknownSite(site), 'Declare it in the network plan first.');
}

/** Shared-key, resize, reset and default-site requests need a Provisioned gateway (N-GSK-NP, N-RSTNP). */
function requireProvisioned(vnet: VnetView): GatewayRefusal | undefined {
  if (vnet.state === 'Provisioned') return undefined;
  if (vnet.state === 'NotProvisioned') {
    return refuseAsPlatform('gateway-not-provisioned', PLATFORM_MESSAGES.provisioningStatus(), `VNet '${vnet.name}' has no gateway. Create one with createGateway first.`);
  }
  return refuseAsPlatform('gateway-operation-in-progress', PLATFORM_MESSAGES.provisioningStatus(), `The gateway of '${vnet.name}' is ${vnet.state}. Wait until it is Provisioned.`);
}

function requireIdleGateway(vnet: VnetView, action: string): GatewayResult {
  const notProvisioned = requireProvisioned(vnet);
  if (notProvisioned) return notProvisioned;
  if (vnet.phase !== 'active') {
    return refuse('gateway-operation-in-progress', `Cannot ${action} the gateway of '${vnet.name}' while it is ${vnet.phase}. Wait until it finishes.`);
  }
  return OK;
}

function validateCreate(vnet: VnetView, command: CreateGateway): GatewayResult {
  if (vnet.state !== 'NotProvisioned') {
    // Create Virtual Network Gateway errors "if the provisioning state is anything other than Not Provisioned".
    return refuse('gateway-exists', `VNet '${vnet.name}' already has a gateway (${vnet.state}). To change its type, delete it and create it again; its IP address will change.`);
  }
  if (!vnet.hasGatewaySubnet) {
    return refuse('gateway-subnet-missing', `VNet '${vnet.name}' has no subnet named GatewaySubnet. Add one (at least /29) before creating the gateway.`);
  }
  if (command.gatewayType !== 'StaticRouting' && command.gatewayType !== 'DynamicRouting') {
    return refuse('invalid-gateway-type', `Gateway type '${String(command.gatewayType)}' is not StaticRouting or DynamicRouting.`);
  }
  // J-GWEMPTY: the VNet had no <Gateway> at all. A <Gateway> without local sites (point-to-site only) was accepted.
  if (!vnet.hasGatewayElement) {
    return refuseAsPlatform('gateway-not-configured', PLATFORM_MESSAGES.gatewayNotConfigured(vnet.name), `Give '${vnet.name}' a gateway in the plan (gateway.connectionsToLocalNetwork), or connect a site with addSite first.`);
  }
  if (command.gatewayType === 'StaticRouting' && vnet.sites.length > 1) {
    return refuseMultiSiteOnStatic(vnet.name, `its configuration connects ${vnet.sites.length} sites (${vnet.sites.join(', ')})`);
  }
  return OK;
}

/**
 * The one-tunnel rule of StaticRouting, applied alike when the gateway is created and when a site is added to it:
 * "Multi-Site VPN, VNet to VNet, and Point-to-Site are not supported with static routing VPN gateways" (MSDN
 * jj156075, quoted by rslaten 2014), and the multi-site doc (2015) has a static gateway deleted and re-created as
 * dynamic before a second site is connected (azure-classic.md §3.1).
 */
function refuseMultiSiteOnStatic(vnet: string, why: string): GatewayRefusal {
  return refuse('multi-site-needs-dynamic-routing', `A StaticRouting gateway has one site-to-site tunnel and ${why}. Use DynamicRouting for multi-site (re-create the gateway: its IP address will change), or connect one site.`);
}

function validateResize(vnet: VnetView, command: ResizeGateway): GatewayResult {
  const busy = requireIdleGateway(vnet, 'resize');
  if (!busy.ok) return busy;
  if (vnet.gatewayType === 'StaticRouting') {
    return refuseAsPlatform('resize-needs-dynamic-routing', PLATFORM_MESSAGES.staticRoutingResize(), `Only a DynamicRouting gateway of '${vnet.name}' can be resized: re-create it as DynamicRouting (its IP address will change).`);
  }
  if (command.sku === vnet.sku) return refuse('gateway-sku-unchanged', `The gateway of '${vnet.name}' is already ${vnet.sku}.`);
  const limit = maxTunnels(vnet.gatewayType ?? 'DynamicRouting', command.sku);
  if (vnet.activeTunnelCount > limit) {
    return refuse('too-many-tunnels', `'${vnet.name}' runs ${vnet.activeTunnelCount} tunnels but a ${command.sku} gateway allows ${limit}. Remove sites first.`);
  }
  return OK;
}

function validateSharedKey(vnet: VnetView, command: SetSharedKey): GatewayResult {
  return withConnectedSite(vnet, command.site, () => requireProvisioned(vnet) ?? checkSharedKey(command.key));
}

function checkSharedKey(key: string): GatewayResult {
  if (key.length === 0 || key.length > MAX_SHARED_KEY_LENGTH || !SHARED_KEY_PATTERN.test(key)) {
    return refuseAsPlatform('invalid-shared-key', PLATFORM_MESSAGES.invalidSharedKey(), 'Use letters and digits only, e.g. s3cret2013.');
  }
  return OK;
}

function validateAddSite(view: GatewayConfigView, vnet: VnetView, command: AddSite): GatewayResult {
  if (vnet.sites.includes(command.site)) {
    return refuse('site-already-connected', `Local network site '${command.site}' is already connected to '${vnet.name}'.`);
  }
  const known = view.findSite(command.site);
  const prefixes = command.addressPrefixes ?? known?.addressPrefixes;
  const address = command.vpnGatewayAddress ?? known?.vpnGatewayAddress;
  if (prefixes === undefined || address === undefined) {
    return refuse('unknown-site', `There is no local network site '${command.site}'. Give its addressPrefixes and vpnGatewayAddress.`);
  }
  const prefixProblem = findFirstPrefixProblem(prefixes);
  if (prefixProblem !== undefined) return refuse('invalid-prefix', prefixProblem);
  if (parseIpv4(address) === undefined) return refuse('invalid-ip-address', `'${address}' is not an IPv4 address like 203.0.113.10.`);
  if (vnet.gatewayType === 'StaticRouting' && vnet.sites.length >= 1) {
    return refuseMultiSiteOnStatic(vnet.name, `'${vnet.name}' already uses it for '${vnet.sites[0] ?? ''}'`);
  }
  if (vnet.gatewayType !== undefined && vnet.sites.length >= maxTunnels(vnet.gatewayType, vnet.sku)) {
    return refuse('too-many-tunnels', `The ${vnet.sku} gateway of '${vnet.name}' allows ${maxTunnels(vnet.gatewayType, vnet.sku)} tunnels. Resize to HighPerformance or remove a site.`);
  }
  const overlapped = describeOverlappedNetwork(view, vnet, command.site, prefixes);
  if (overlapped !== undefined) {
    // Multi-site doc: Azure "does not allow you to upload a configuration file that has overlapping ranges".
    return refuse('overlapping-prefixes', `The prefixes of '${command.site}' (${prefixes.join(', ')}) overlap ${overlapped}. Give each network a distinct address space: renumber or narrow the site's prefixes.`);
  }
  const collision = describeCollisionElsewhere(view, command.site, known, command.addressPrefixes);
  if (collision !== undefined) return refuse('overlapping-prefixes', collision);
  const pointing = checkGatewayAddress(view, vnet, command.site, address, '');
  if (!pointing.ok) return pointing;
  // A new address re-points the site for every VNet already connected to it, so each of them must accept it too.
  if (command.vpnGatewayAddress === undefined || command.vpnGatewayAddress === known?.vpnGatewayAddress) return OK;
  for (const other of view.findVnetsConnectedTo(command.site)) {
    const elsewhere = checkGatewayAddress(view, other, command.site, address, `'${command.site}' is also connected to '${other.name}': `);
    if (!elsewhere.ok) return elsewhere;
  }
  return OK;
}

/**
 * Checks the gateway a site's address points at, as seen from one VNet connected to the site: not that VNet's own
 * gateway (it would tunnel to itself), and for VNet-to-VNet DynamicRouting on both ends (VPN FAQ: "both virtual
 * networks MUST use route-based"). `lead` names the VNet when it is not the one the command is about.
 */
function checkGatewayAddress(view: GatewayConfigView, vnet: VnetView, site: string, address: string, lead: string): GatewayResult {
  const remote = view.findVnetByGatewayIp(address);
  if (!remote) return OK;
  if (remote.name === vnet.name) {
    return refuse('site-points-at-own-gateway', `${lead}'${site}' points at ${address}, the gateway of '${vnet.name}' itself. Set its vpnGatewayAddress to the on-premises device's public IP, or to another VNet's gateway for VNet-to-VNet.`);
  }
  if (remote.gatewayType === 'StaticRouting' || vnet.gatewayType === 'StaticRouting') {
    const staticEnd = vnet.gatewayType === 'StaticRouting' ? vnet.name : remote.name;
    return refuse('vnet-to-vnet-needs-dynamic-routing', `${lead}'${site}' points at the gateway of '${remote.name}'; VNet-to-VNet needs DynamicRouting gateways on both ends, and '${staticEnd}' is StaticRouting. Re-create it as DynamicRouting (its IP will change) or point '${site}' elsewhere.`);
  }
  return OK;
}

/** Names the VNet space or the connected site that `prefixes` overlap, or undefined when they overlap nothing. */
function describeOverlappedNetwork(view: GatewayConfigView, vnet: VnetView, site: string, prefixes: readonly string[]): string | undefined {
  if (hasOverlap(prefixes, vnet.addressSpace)) return `the address space of '${vnet.name}' (${vnet.addressSpace.join(', ')})`;
  for (const other of vnet.sites) {
    const otherPrefixes = other === site ? undefined : view.findSite(other)?.addressPrefixes;
    if (otherPrefixes !== undefined && hasOverlap(prefixes, otherPrefixes)) {
      return `site '${other}' (${otherPrefixes.join(', ')}), already connected to '${vnet.name}'`;
    }
  }
  return undefined;
}

/**
 * New prefixes re-define the site for every VNet already connected to it (one NetworkConfig, one LocalNetworkSite), so
 * they must fit each of those VNets too; describes the first collision, or undefined when there is none. Prefixes
 * equal to the current ones change nothing for those VNets and are not re-checked.
 */
function describeCollisionElsewhere(
  view: GatewayConfigView, site: string, known: LocalSiteSpec | undefined, prefixes: readonly string[] | undefined,
): string | undefined {
  if (prefixes === undefined || (known !== undefined && isSamePrefixSet(prefixes, known.addressPrefixes))) return undefined;
  for (const other of view.findVnetsConnectedTo(site)) {
    const overlapped = describeOverlappedNetwork(view, other, site, prefixes);
    if (overlapped !== undefined) {
      return `'${site}' is also connected to '${other.name}', where its new prefixes (${prefixes.join(', ')}) would overlap ${overlapped}. `
        + `Give each network a distinct address space: choose prefixes that fit '${other.name}' too, or remove '${site}' from '${other.name}' first.`;
    }
  }
  return undefined;
}

function validateDevice(command: ConfigureDevice): GatewayResult {
  for (const address of [command.publicIp, command.gatewayAddress]) {
    if (address !== undefined && parseIpv4(address) === undefined) {
      return refuse('invalid-ip-address', `'${address}' is not an IPv4 address like 203.0.113.10.`);
    }
  }
  if (command.ikeVersions !== undefined && (command.ikeVersions.length === 0 || command.ikeVersions.some((v) => v !== 1 && v !== 2))) {
    return refuse('invalid-device-settings', 'ikeVersions must list 1, 2 or both.');
  }
  const malformed = command.proposals?.find((proposal) => !PROPOSAL_PATTERN.test(proposal));
  if (malformed !== undefined) {
    return refuse('invalid-device-settings', `Proposal '${malformed}' is not encryption-integrity-dhgroup, like aes256-sha1-modp1024.`);
  }
  const selectorProblem = findFirstPrefixProblem(command.trafficSelectors ?? []);
  if (selectorProblem !== undefined) return refuse('invalid-prefix', `Traffic selector: ${selectorProblem}`);
  if (command.sharedKey !== undefined && command.sharedKey !== '' && (command.sharedKey.length > MAX_SHARED_KEY_LENGTH || !DEVICE_KEY_PATTERN.test(command.sharedKey))) {
    return refuse('invalid-device-settings', `A device's shared key is 1–${MAX_SHARED_KEY_LENGTH} printable ASCII characters without spaces.`);
  }
  return OK;
}

function findFirstPrefixProblem(prefixes: readonly string[]): string | undefined {
  for (const prefix of prefixes) {
    const problem = findPrefixProblem(prefix);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
