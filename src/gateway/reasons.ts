/**
 * Why a tunnel is not connected. Wire-level reasons are named after the IKE notify that carries them (RFC 7296
 * §3.10.1); the others name the condition the simulator detects. Each has an explanation and the fix, so a
 * LastEventMessage tells the user what to do.
 */
export type FailureReason =
  | 'AUTHENTICATION_FAILED'
  | 'NO_PROPOSAL_CHOSEN'
  | 'TS_UNACCEPTABLE'
  | 'PEER_UNREACHABLE'
  | 'DPD_TIMEOUT'
  | 'WRONG_PEER_IP'
  | 'DEVICE_IP_INSIDE_SITE'
  | 'OVERLAPPING_PREFIXES'
  | 'TOO_MANY_TUNNELS'
  | 'PEER_DELETED'
  | 'GATEWAY_RESET'
  | 'GATEWAY_DEPROVISIONING'
  | 'DISCONNECTED';

interface ReasonText {
  cause: string;
  fix: string;
}

const REASON_TEXT: Record<FailureReason, ReasonText> = {
  AUTHENTICATION_FAILED: {
    cause: 'the pre-shared keys differ',
    fix: 'set the same key on both ends (Set-AzureVNetGatewayKey and the device configuration)',
  },
  NO_PROPOSAL_CHOSEN: {
    cause: 'the device offered no IKE version or proposal the gateway accepts',
    // DEVICES-2016 phase 1 tables (the gateway's offers are fixed; negotiation.ts holds the same lists).
    fix: 'use IKEv1 for a StaticRouting gateway or IKEv2 for a DynamicRouting one, and a phase 1 proposal it offers: '
      + 'AES256, AES128 or 3DES with SHA1 (StaticRouting), AES256 or 3DES with SHA1 or SHA256 (DynamicRouting), DH group 2',
  },
  TS_UNACCEPTABLE: {
    cause: 'the traffic selectors do not match the address spaces exactly (policy-based tunnel)',
    fix: "make the device's policies list exactly the VNet address space and the site's prefixes",
  },
  PEER_UNREACHABLE: {
    cause: 'the device did not answer any retransmission',
    fix: 'check that the device is up and reachable from the internet (no NAT, no firewall in between)',
  },
  DPD_TIMEOUT: {
    cause: 'dead-peer detection got no answer from the device',
    fix: 'check that the device is up and its internet link works',
  },
  WRONG_PEER_IP: {
    cause: "the site's VPN gateway address and the device's public IP, or the device's Azure peer address, disagree",
    fix: "set the site's VPNGatewayAddress to the device's public IP and point the device at the gateway's IP",
  },
  DEVICE_IP_INSIDE_SITE: {
    cause: "the device's public IP lies inside the site's own prefixes, so IKE traffic is routed into the tunnel",
    fix: "remove the device's public IP from the local network site's address space",
  },
  OVERLAPPING_PREFIXES: {
    cause: "the site's prefixes overlap the VNet or another site connected to it",
    fix: 'give every connected network a distinct address space',
  },
  TOO_MANY_TUNNELS: {
    cause: 'the gateway has no tunnel left for this site',
    fix: 'use a DynamicRouting gateway (10 tunnels, 30 on HighPerformance) or connect fewer sites',
  },
  PEER_DELETED: {
    cause: 'the far end (the device, or the other gateway of a VNet-to-VNet connection) deleted the security associations: it was reconfigured, restarted, disconnected or deleted',
    fix: 'nothing to do if it was reconfigured or restarted: the gateway reconnects; otherwise the next attempt names what stands in the way',
  },
  GATEWAY_RESET: {
    cause: 'the gateway is failing over to its standby instance',
    fix: 'nothing to do; tunnels come back when the failover completes',
  },
  GATEWAY_DEPROVISIONING: {
    cause: 'the gateway is being deleted',
    fix: 'create the gateway again to reconnect',
  },
  DISCONNECTED: {
    cause: 'the connection was disconnected on request',
    fix: 'connect the site again (Set-AzureVNetGateway -Connect)',
  },
};

/** One sentence explaining a failure reason and how to fix it. */
export function describeReason(reason: FailureReason): string {
  const text = REASON_TEXT[reason];
  return `${reason}: ${text.cause}. Fix: ${text.fix}.`;
}
