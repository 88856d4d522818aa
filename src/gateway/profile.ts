import type { DurationRange } from '../common/index.js';
import type { GatewaySku, GatewayType } from './types.js';

export { type DurationRange, drawDurationMs } from '../common/index.js';

/** SA lifetimes for one gateway type. */
export interface SaLifetimes {
  ikeSaLifetimeMs: number;
  childSaLifetimeMs: number;
  /** Volume lifetime of the IPsec SA in kilobytes; undefined when the type has none. */
  childSaLifetimeKb: number | undefined;
}

/** Every timing and rate the gateway model uses; scenarios may override any of them. */
export interface GatewayProfile {
  /** CreateGateway of a StaticRouting gateway until Provisioned. */
  staticProvisionMs: DurationRange;
  /** CreateGateway of a DynamicRouting gateway until Provisioned. */
  dynamicProvisionMs: DurationRange;
  /** DeleteGateway until NotProvisioned. */
  deprovisionMs: DurationRange;
  /** Set-AzureVNetGatewayKey until the key is in force (operation ResetSharedKey). */
  sharedKeySetMs: DurationRange;
  /** Gap while the standby instance takes over after Reset-AzureVNetGateway. */
  resetFailoverMs: number;
  /** A reset during a failover reboots both instances. */
  doubleResetMs: number;
  /** Resize-AzureVNetGateway (operation UpgradeGateway) until the new SKU is in force. */
  resizeMs: DurationRange;
  /** Round trip of one IKE request/response over the internet. */
  roundTripMs: number;
  /** First retransmission timeout; later ones grow by retransmitBase (strongSwan ladder 4, 7, 13, 23, 42, 76 s). */
  retransmitTimeoutMs: number;
  retransmitBase: number;
  retransmitTries: number;
  /** Quiet period before a dead-peer-detection probe (route-based only). */
  dpdDelayMs: number;
  /** First reconnect delay after a failure; doubles per failed attempt up to retryMaxMs, plus up to retryJitterMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  retryJitterMs: number;
  policyBased: SaLifetimes;
  routeBased: SaLifetimes;
  /** Modelled traffic per connected tunnel, reported as IngressBytesTransferred / EgressBytesTransferred. */
  ingressBytesPerSecond: number;
  egressBytesPerSecond: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

/** Defaults from the classic-era docs (see the reference notes cited per field). */
export const DEFAULT_GATEWAY_PROFILE: GatewayProfile = {
  // Server-reported CreateGateway times (asm-recorded.md §8, 20 static and 16 dynamic creates): StaticRouting 608 /
  // 867 / 1,018 s, i.e. 10–17 min with a median near 14.5; DynamicRouting 1,210 / ~1,650 / 2,114 s, 20–35 min.
  staticProvisionMs: { minMs: 10 * MINUTE_MS, medianMs: 14.5 * MINUTE_MS, maxMs: 17 * MINUTE_MS },
  dynamicProvisionMs: { minMs: 20 * MINUTE_MS, medianMs: 27.5 * MINUTE_MS, maxMs: 35 * MINUTE_MS },
  // DeleteGateway, server-reported 33 / 60 / 150 s (37 deletes).
  deprovisionMs: { minMs: 30 * SECOND_MS, medianMs: 60 * SECOND_MS, maxMs: 150 * SECOND_MS },
  // Set shared key (POST, operation ResetSharedKey), server-reported 7 / 33 / 101 s (10 sets).
  sharedKeySetMs: { minMs: 7 * SECOND_MS, medianMs: 33 * SECOND_MS, maxMs: 101 * SECOND_MS },
  // Reset doc: "a brief gap during the failover ... less than one minute"; two resets "up to 2 to 4 minutes".
  resetFailoverMs: 45 * SECOND_MS,
  doubleResetMs: 180 * SECOND_MS,
  // UpgradeGateway, server-reported 2,817 and 3,095 s (two resizes): about 47–52 min.
  resizeMs: { minMs: 2_817 * SECOND_MS, medianMs: 50 * MINUTE_MS, maxMs: 3_095 * SECOND_MS },
  roundTripMs: 100,
  // strongSwan charon defaults: retransmit_timeout 4 s, base 1.8, 5 tries → gives up at 165 s.
  retransmitTimeoutMs: 4 * SECOND_MS,
  retransmitBase: 1.8,
  retransmitTries: 5,
  // Legacy ipsec.conf dpddelay default; Azure's classic interval is unpublished.
  dpdDelayMs: 30 * SECOND_MS,
  retryBaseMs: 10 * SECOND_MS,
  retryMaxMs: 5 * MINUTE_MS,
  retryJitterMs: 5 * SECOND_MS,
  // DEVICES-2016: policy-based IKE SA 28,800 s, IPsec SA 3,600 s or 102,400,000 KB.
  policyBased: { ikeSaLifetimeMs: 28_800 * SECOND_MS, childSaLifetimeMs: 3_600 * SECOND_MS, childSaLifetimeKb: 102_400_000 },
  // DEVICES-2016: route-based IKE SA 10,800 s, IPsec SA 3,600 s, no volume lifetime.
  routeBased: { ikeSaLifetimeMs: 10_800 * SECOND_MS, childSaLifetimeMs: 3_600 * SECOND_MS, childSaLifetimeKb: undefined },
  // A modest steady flow so byte counters move; the standard gateway topped out near 80–100 Mbit/s.
  ingressBytesPerSecond: 125_000,
  egressBytesPerSecond: 62_500,
};

/** The provisioning time range of a gateway type. */
export function provisionRangeFor(profile: GatewayProfile, gatewayType: GatewayType): DurationRange {
  return gatewayType === 'StaticRouting' ? profile.staticProvisionMs : profile.dynamicProvisionMs;
}

/** Merges overrides onto the default profile. */
export function resolveProfile(overrides: Partial<GatewayProfile> | undefined): GatewayProfile {
  return { ...DEFAULT_GATEWAY_PROFILE, ...overrides };
}

/** The lifetimes that apply to a gateway type. */
export function lifetimesFor(profile: GatewayProfile, gatewayType: GatewayType): SaLifetimes {
  return gatewayType === 'StaticRouting' ? profile.policyBased : profile.routeBased;
}

/** Wait before retransmission `attempt` (0 = after the first send); the last wait ends in giving up. */
export function retransmitWaitMs(profile: GatewayProfile, attempt: number): number {
  return Math.round(profile.retransmitTimeoutMs * profile.retransmitBase ** attempt);
}

/** Site-to-site tunnels a gateway supports (classic limits: static 1; dynamic 10, or 30 on HighPerformance). */
export function maxTunnels(gatewayType: GatewayType, sku: GatewaySku): number {
  if (gatewayType === 'StaticRouting') return 1;
  return sku === 'HighPerformance' ? 30 : 10;
}

/** IKE version the Azure gateway speaks: policy-based IKEv1, route-based IKEv2 (DEVICES-2016). */
export function ikeVersionFor(gatewayType: GatewayType): 1 | 2 {
  return gatewayType === 'StaticRouting' ? 1 : 2;
}
