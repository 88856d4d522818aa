/**
 * The registry of the gateway's refusal codes: every code src/gateway can refuse a command with, what it means, and
 * how the classic Service Management API answered the same request (HTTP status and `<Error><Code>`). Codes are
 * stable: scenarios name them in `commandRefused` and the API emulator maps them to its error bodies.
 *
 * `recorded` marks answers read off live recordings (asm-recorded.md §7, cite key given); the others are the closest
 * recorded answer of the same family, and their message is vnetsim's own.
 */

/** How the platform answered a request the engine refuses: the HTTP status and the `<Error><Code>`. */
export interface PlatformAnswer {
  httpStatus: 400 | 403 | 404 | 409;
  errorCode: 'BadRequest' | 'ResourceNotFound' | 'ConflictError' | 'ForbiddenError';
  /** The recording that shows this answer with the platform's own message, when one does. */
  recorded?: string;
}

/** One registered refusal code. */
export interface RefusalCodeInfo {
  summary: string;
  platform: PlatformAnswer;
}

const BAD_REQUEST = { httpStatus: 400, errorCode: 'BadRequest' } as const;
const CONFLICT = { httpStatus: 409, errorCode: 'ConflictError' } as const;

/** Every gateway refusal code. */
export const GATEWAY_REFUSAL_CODES = {
  'unknown-vnet': { summary: 'the virtual network is not in the network configuration', platform: { ...BAD_REQUEST, recorded: 'N-GGNC' } },
  'unknown-site': { summary: 'the local network site is not declared, or not connected to the VNet', platform: { ...BAD_REQUEST, recorded: 'N-DEFSITE' } },
  'gateway-not-configured': { summary: 'the VNet has no <Gateway> referencing a local network site', platform: { ...BAD_REQUEST, recorded: 'J-GWEMPTY' } },
  'gateway-not-provisioned': { summary: 'the VNet has no gateway (NotProvisioned)', platform: { ...BAD_REQUEST, recorded: 'N-GSK-NP' } },
  'gateway-operation-in-progress': { summary: 'the gateway is being provisioned, deprovisioned, reset or resized', platform: { ...BAD_REQUEST, recorded: 'N-RSTNP' } },
  'gateway-exists': { summary: 'the VNet already has a gateway (create needs NotProvisioned)', platform: CONFLICT },
  'gateway-subnet-missing': { summary: 'the VNet has no subnet named GatewaySubnet', platform: BAD_REQUEST },
  'invalid-gateway-type': { summary: 'the gateway type is not StaticRouting or DynamicRouting', platform: BAD_REQUEST },
  'gateway-sku-unchanged': { summary: 'the gateway already has the SKU asked for', platform: BAD_REQUEST },
  'resize-needs-dynamic-routing': { summary: 'a StaticRouting gateway cannot be resized', platform: { ...BAD_REQUEST, recorded: 'N-RESZ' } },
  'too-many-tunnels': { summary: 'more sites than the gateway type and SKU carry', platform: BAD_REQUEST },
  'multi-site-needs-dynamic-routing': { summary: 'a StaticRouting gateway carries one site-to-site tunnel', platform: BAD_REQUEST },
  'invalid-shared-key': { summary: 'the shared key is not 1–128 alphanumeric characters', platform: { ...BAD_REQUEST, recorded: 'N-SSKE' } },
  'invalid-device-settings': { summary: 'an on-premises device setting is malformed', platform: BAD_REQUEST },
  'site-already-connected': { summary: 'the site is already connected to the VNet', platform: BAD_REQUEST },
  'invalid-prefix': { summary: 'an address prefix is not valid CIDR', platform: BAD_REQUEST },
  'invalid-ip-address': { summary: 'an address is not IPv4', platform: BAD_REQUEST },
  'overlapping-prefixes': { summary: 'the site prefixes overlap the VNet or another connected site', platform: BAD_REQUEST },
  'site-points-at-own-gateway': { summary: "the site's VPN address is the VNet's own gateway", platform: BAD_REQUEST },
  'vnet-to-vnet-needs-dynamic-routing': { summary: 'VNet-to-VNet needs DynamicRouting gateways on both ends', platform: BAD_REQUEST },
  'connection-not-disconnected': { summary: 'connectSite on a connection that was not disconnected', platform: BAD_REQUEST },
  'connection-already-disconnected': { summary: 'disconnectSite on a connection already disconnected', platform: BAD_REQUEST },
} as const satisfies Record<string, RefusalCodeInfo>;

/** A gateway refusal code. */
export type GatewayRefusalCode = keyof typeof GATEWAY_REFUSAL_CODES;

/**
 * The platform's recorded messages (asm-recorded.md §7), word for word. A refusal whose code has one starts its
 * message with it and carries it as `platformMessage`.
 */
export const PLATFORM_MESSAGES = {
  unknownVnet: (vnet: string) => `The specified virtual network name '${vnet}' is not valid or could not be found.`,
  unknownSite: (site: string) => `The specified local network site name '${site}' is not valid or could not be found.`,
  gatewayNotConfigured: (vnet: string) =>
    `A gateway is not specified in the network configuration file for the specified virtual network name: ${vnet}. Make sure that a gateway which references a local network site is specified.`,
  provisioningStatus: () => 'The current provisioning status of the gateway prevents this operation.',
  staticRoutingResize: () => 'The current operation or request is invalid against Static-Routing gateway.',
  invalidSharedKey: () => 'The specified shared key was not valid. The key must be an alpha-numeric string of 1 to 128 characters.',
} as const;
