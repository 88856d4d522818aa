import type { Prefix4 } from '../ipam/index.js';
import type { FailureReason } from './reasons.js';
import { hasOverlap, isAddressInParsedPrefixes, isSamePrefixSet } from './prefixes.js';
import { ikeVersionFor } from './profile.js';
import type { GatewayType } from './types.js';

/**
 * How the far end answers one IKE exchange, decided from both ends' settings. Pure: the connection machine asks it
 * when a response would arrive, so a device changed mid-handshake is seen at its next answer.
 */

/** IKE exchanges the simulator models (IKEv2: RFC 7296 §1; IKEv1: RFC 2409 main and quick mode). */
export type IkeExchange = 'IKE_SA_INIT' | 'IKE_AUTH' | 'CREATE_CHILD_SA' | 'INFORMATIONAL' | 'MAIN_MODE' | 'QUICK_MODE';

/** The Azure end of a tunnel. */
export interface AzureEnd {
  gatewayType: GatewayType;
  publicIp: string;
  sharedKey: string;
  vnetAddressSpace: readonly string[];
}

/** The far end: an on-premises device, or another VNet's gateway seen as a device. */
export interface PeerEnd {
  sharedKey: string;
  publicIp: string;
  ikeVersions: readonly (1 | 2)[];
  routing: 'PolicyBased' | 'RouteBased';
  trafficSelectors?: readonly string[] | undefined;
  proposals?: readonly string[] | undefined;
  gatewayAddress?: string | undefined;
  up: boolean;
  reachable: boolean;
}

/** The local network site the tunnel protects, with its text parsed once when it was defined (see SiteRecord). */
export interface SiteEnd {
  addressPrefixes: readonly string[];
  vpnGatewayAddress: string;
  parsedPrefixes: readonly Prefix4[];
  parsedGatewayAddress: number | undefined;
}

// DEVICES-2016 phase 1 tables: policy-based AES256/AES128/3DES + SHA1; route-based AES256/3DES + SHA1/SHA256; DH group 2.
const PHASE1_ENCRYPTION: Record<GatewayType, readonly string[]> = {
  StaticRouting: ['aes256', 'aes128', '3des'],
  DynamicRouting: ['aes256', '3des'],
};
const PHASE1_INTEGRITY: Record<GatewayType, readonly string[]> = {
  StaticRouting: ['sha1'],
  DynamicRouting: ['sha1', 'sha256'],
};
const PHASE1_DH_GROUPS: readonly string[] = ['modp1024', 'dh2'];

/** True when the gateway accepts an `encryption-integrity-dhgroup` phase 1 proposal. */
export function isProposalAccepted(gatewayType: GatewayType, proposal: string): boolean {
  const [encryption, integrity, group, extra] = proposal.trim().toLowerCase().split('-');
  if (encryption === undefined || integrity === undefined || group === undefined || extra !== undefined) return false;
  return PHASE1_ENCRYPTION[gatewayType].includes(encryption)
    && PHASE1_INTEGRITY[gatewayType].includes(integrity)
    && PHASE1_DH_GROUPS.includes(group);
}

/**
 * Why the peer would not answer at all right now, or undefined when it answers. `tunnelUp` matters for a device whose
 * public IP lies inside the site's prefixes: once the tunnel is up, IKE packets to it are routed into the tunnel.
 */
export function findSilenceReason(azure: AzureEnd, site: SiteEnd, peer: PeerEnd, tunnelUp: boolean): FailureReason | undefined {
  if (!peer.up || !peer.reachable) return 'PEER_UNREACHABLE';
  // Troubleshooting checklist item 3: the site's IP must equal the device IP and the device must point at Azure's IP.
  if (site.vpnGatewayAddress !== peer.publicIp) return 'WRONG_PEER_IP';
  if (peer.gatewayAddress !== undefined && peer.gatewayAddress !== azure.publicIp) return 'WRONG_PEER_IP';
  // Troubleshooting item 5: a device IP inside the local network definition causes sporadic disconnections. The
  // device IP equals the site's vpnGatewayAddress here (checked above), so the site's parsed address stands for it.
  if (tunnelUp && site.parsedGatewayAddress !== undefined && isAddressInParsedPrefixes(site.parsedGatewayAddress, site.parsedPrefixes)) {
    return 'DEVICE_IP_INSIDE_SITE';
  }
  return undefined;
}

/** The error notify the peer answers an exchange with, or undefined when it accepts it. */
export function findRefusalReason(exchange: IkeExchange, azure: AzureEnd, site: SiteEnd, peer: PeerEnd): FailureReason | undefined {
  switch (exchange) {
    case 'IKE_SA_INIT':
      return findProposalProblem(azure, peer);
    case 'MAIN_MODE':
      // IKEv1 main mode negotiates the proposal (MM1/2) then authenticates with PSK-derived keys (MM5/6).
      return findProposalProblem(azure, peer) ?? findKeyProblem(azure, peer);
    case 'IKE_AUTH':
      // IKE_AUTH authenticates and piggy-backs the first child SA with its traffic selectors.
      return findKeyProblem(azure, peer) ?? findSelectorProblem(azure, site, peer);
    case 'CREATE_CHILD_SA':
      return findProposalProblem(azure, peer) ?? findSelectorProblem(azure, site, peer);
    case 'QUICK_MODE':
      return findSelectorProblem(azure, site, peer);
    case 'INFORMATIONAL':
      return undefined;
  }
}

function findProposalProblem(azure: AzureEnd, peer: PeerEnd): FailureReason | undefined {
  if (!peer.ikeVersions.includes(ikeVersionFor(azure.gatewayType))) return 'NO_PROPOSAL_CHOSEN';
  if (peer.proposals !== undefined && !peer.proposals.some((p) => isProposalAccepted(azure.gatewayType, p))) {
    return 'NO_PROPOSAL_CHOSEN';
  }
  return undefined;
}

function findKeyProblem(azure: AzureEnd, peer: PeerEnd): FailureReason | undefined {
  const deviceKey = peer.sharedKey === '' ? azure.sharedKey : peer.sharedKey;
  return deviceKey === azure.sharedKey ? undefined : 'AUTHENTICATION_FAILED';
}

function findSelectorProblem(azure: AzureEnd, site: SiteEnd, peer: PeerEnd): FailureReason | undefined {
  // Route-based gateways use any-to-any selectors and accept whatever the device narrows to.
  if (azure.gatewayType === 'DynamicRouting') return undefined;
  // Policy-based: "address spaces must match exactly on both sides"; a route-based device proposes 0.0.0.0/0.
  if (peer.routing === 'RouteBased') return 'TS_UNACCEPTABLE';
  const selectors = peer.trafficSelectors ?? azure.vnetAddressSpace;
  if (!isSamePrefixSet(selectors, azure.vnetAddressSpace)) return 'TS_UNACCEPTABLE';
  // Selectors overlapping the site itself cannot be told apart from the site's own traffic.
  if (hasOverlap(selectors, site.addressPrefixes)) return 'TS_UNACCEPTABLE';
  return undefined;
}

/**
 * True when a refusal concerns only the child SA, so the IKE SA survives. RFC 7296 §1.2: a child refused in IKE_AUTH
 * still sets up the IKE SA, only an authentication failure prevents it; CREATE_CHILD_SA (creating or rekeying a child)
 * and IKEv1 quick mode run under an IKE SA that their refusal leaves in place.
 */
export function isChildSaRefusal(exchange: IkeExchange, reason: FailureReason): boolean {
  switch (exchange) {
    case 'IKE_AUTH':
      return reason !== 'AUTHENTICATION_FAILED';
    case 'CREATE_CHILD_SA':
    case 'QUICK_MODE':
      return true;
    case 'IKE_SA_INIT':
    case 'MAIN_MODE':
    case 'INFORMATIONAL':
      return false;
  }
}

/**
 * The notify as it appears on the wire for a refused exchange. IKEv1 has no TS_UNACCEPTABLE: a quick mode whose
 * selectors match no policy is answered with INVALID_ID_INFORMATION (18) (strongSwan quick_mode.c).
 */
export function formatWireNotify(exchange: IkeExchange, reason: FailureReason): string {
  if (exchange === 'QUICK_MODE' && reason === 'TS_UNACCEPTABLE') return `INVALID_ID_INFORMATION (IKEv1's ${reason})`;
  return reason;
}
