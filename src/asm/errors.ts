/**
 * The platform error factory: every error code, HTTP status and message the emulator answers with, in one place
 * (as Azurite's StorageErrorFactory does). Codes and messages are the live API's (asm-recorded.md §7, cited per entry);
 * where no recording exists the message follows the documented error table (ee460801) or names the object and the fix.
 */

/** A Service Management error: the HTTP status and the `<Error><Code/><Message/></Error>` body. */
export interface PlatformError {
  status: number;
  code: string;
  message: string;
}

/** The outcome of an operation function: a value, or the platform error that refused the request. */
export type PlatformResult<T> = { ok: true; value: T } | { ok: false; error: PlatformError };

function error(status: number, code: string, message: string): PlatformError {
  return { status, code, message };
}

/** Wraps a value as a successful result. */
export function succeed<T>(value: T): PlatformResult<T> {
  return { ok: true, value };
}

/** Wraps a platform error as a refused result. */
export function fail<T = never>(platformError: PlatformError): PlatformResult<T> {
  return { ok: false, error: platformError };
}

const badRequest = (message: string): PlatformError => error(400, 'BadRequest', message);
const notFound = (message: string): PlatformError => error(404, 'ResourceNotFound', message);
const conflict = (message: string): PlatformError => error(409, 'ConflictError', message);

/** Every error the emulator can answer with, by situation. */
export const platformErrors = {
  // ---- the request itself (ee460801's table) --------------------------------------------------------------------
  /** x-ms-version missing or older than 2012-03-01. */
  missingVersionHeader: () => error(400, 'MissingOrIncorrectVersionHeader', 'The versioning header is not specified or was specified incorrectly.'),
  /** A body that is not well-formed XML, has the wrong root, or exceeds the size limit. */
  invalidXml: (detail: string) => error(400, 'InvalidXmlRequest', `The request body's XML was invalid or not correctly specified. ${detail}`),
  /** A required query parameter missing or malformed. */
  missingQueryParameter: (name: string) =>
    error(400, 'MissingOrInvalidRequiredQueryParameter', `A required query parameter was not specified for this request or was specified incorrectly: ${name}.`),
  /** A known path with a method it does not support. */
  invalidVerb: (method: string) => error(400, 'InvalidHttpVerb', `The HTTP verb ${method} is not supported by this resource.`),
  /** A path no operation serves. */
  unknownResource: () => notFound('The requested URI does not represent any resource on the server.'),
  /** A subscription id segment other than the emulated subscription's. */
  unknownSubscription: (id: string) => error(404, 'ResourceNotFound', `The subscription ${id} could not be found.`),
  /** A client certificate whose thumbprint is not the subscription's (asm-api.md §1.3: the CLI prints this message). */
  authenticationFailed: () =>
    error(403, 'ForbiddenError', 'The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.'),
  /** An unexpected failure inside the emulator; details go to its log, never to the client. */
  internal: () => error(500, 'InternalError', 'The server encountered an internal error. Please retry the request.'),
  /** An async operation id this subscription never issued. */
  unknownOperation: (id: string) => notFound(`The operation ${id} does not exist.`),

  // ---- management (asm-recorded.md §4) ---------------------------------------------------------------------------
  /** AGC/CLI: creating an affinity group whose name is taken. */
  affinityGroupExists: () => conflict('An affinity group with the specified name already exists.'),
  /** AGSHOW404 / PS-ERR. */
  affinityGroupNotFound: () => notFound('The affinity group does not exist.'),
  /** AGDEL400: DELETE of an unknown or malformed name is 400, where GET is 404. */
  affinityGroupNameInvalid: () => badRequest('The affinity group name is invalid.'),
  /** Deleting an affinity group that still holds services or virtual networks (no recording; names what holds it). */
  affinityGroupInUse: (name: string, users: readonly string[]) =>
    badRequest(`The affinity group ${name} is in use by ${users.join(', ')} and cannot be deleted. Delete or move them first.`),
  /** An affinity group create naming a location the subscription does not offer. */
  unknownLocation: (location: string, known: readonly string[]) =>
    badRequest(`The location ${location} is not a valid location. Valid locations are: ${known.join(', ')}.`),
  /** A create whose required element is missing or empty. */
  missingElement: (element: string) => badRequest(`The ${element} element is required and was not specified.`),

  // ---- network configuration (asm-recorded.md §2.1, §2.2, §7) ----------------------------------------------------
  /** N-CFG404. */
  networkConfigNotFound: () => notFound('Network configuration does not exist.'),
  /** N-CFGEMPTY: an empty document on a subscription with no configuration. */
  networkConfigSchema: () => badRequest('XML Schema validation error in network configuration at line 0,0.'),
  /** NET14: a PUT while another update runs. */
  networkConfigUpdateUnderway: () =>
    conflict('An update to your network configuration is currently underway. Please try this operation again later.'),
  /** A document the platform refuses (schema, address-plan rule, an object in use); the message lists every problem. */
  networkConfigRejected: (problems: readonly string[]) => badRequest(problems.join(' ')),

  // ---- virtual networks and gateways (asm-recorded.md §2.4-§2.8, §7) ---------------------------------------------
  /** N-GGNC, N-GSK-NC: an unknown VNet on a gateway URL is 400, not 404. */
  unknownVnet: (vnet: string) => badRequest(`The specified virtual network name '${vnet}' is not valid or could not be found.`),
  /** J-GWEMPTY. */
  gatewayNotConfigured: (vnet: string) =>
    badRequest(`A gateway is not specified in the network configuration file for the specified virtual network name: ${vnet}. Make sure that a gateway which references a local network site is specified.`),
  /** N-GSK-NP, N-RSTNP. */
  gatewayNotProvisioned: () => badRequest('The current provisioning status of the gateway prevents this operation.'),
  /** jj154119 / asm-api.md §4 (the CLI's printed message). */
  gatewayExists: (vnet: string) => conflict(`A gateway already exists for virtual network ${vnet}.`),
  /** jj154129: 409 while the gateway is being created, deleted, reset or resized. */
  gatewayBusy: (vnet: string) => conflict(`An operation is in progress on the gateway of virtual network ${vnet}. Please try this operation again later.`),
  /** N-RESZ. */
  staticRoutingResize: () => badRequest('The current operation or request is invalid against Static-Routing gateway.'),
  /** net SetDefaultSitesWithStaticRoutingGateway. */
  dynamicRoutingOnly: () => badRequest('This operation is enabled only for the following gateway mode(s): BrooklynLite.'),
  /** N-SSKE. */
  invalidSharedKey: () => badRequest('The specified shared key was not valid. The key must be an alpha-numeric string of 1 to 128 characters.'),
  /** N-DEFSITE. */
  unknownLocalSite: (site: string) => badRequest(`The specified local network site name '${site}' is not valid or could not be found.`),
  /** J-IP. */
  addressOutsideSubnets: (address: string) => badRequest(`The address ${address} is not contained in any of the subnets in the virtual network.`),

  // ---- reserved IPs (2014) -------------------------------------------------------------------------------------------
  /** Get or Delete Reserved IP of a name the subscription does not hold [U: no recording; 404 as for every unknown object]. */
  reservedIpNotFound: (name: string) => notFound(`The Reserved IP ${name} does not exist.`),
  /** Any other refusal of the engine, worded by the engine (names the objects and the fix). */
  refused: (message: string) => badRequest(message),
} as const;
