import { z } from 'zod';
import { InputError } from '../common/index.js';
import type { Command } from '../sim/index.js';
import { connectCommandParameterSchemas } from './connect-command-schemas.js';
import { networkPlanFromXml, networkSectionSchema } from '../input/index.js';
import type { NetworkPlan } from '../ipam/index.js';

/**
 * Where a timeline's setNetworkConfig takes its document from: inline XML (already parsed), a file the loader reads
 * (relative to the scenario), or the entry's own `network:` mapping, which the loader reads with source positions.
 */
export type NetworkConfigSource = { kind: 'plan'; plan: NetworkPlan } | { kind: 'file'; path: string } | { kind: 'network' };

/*
 * The timeline's vocabulary: one strict zod schema per command of the catalogue (src/sim/commands.ts), keyed by the
 * command name, so `stopVm: { service: web, name: web1 }` reads like Stop-AzureVM -ServiceName web -Name web1.
 * Addresses are checked here because a command is applied at a time, long after loading, and bad input must be
 * reported before anything is applied.
 */

const name = z.string().min(1);
const vmSize = z.enum(['ExtraSmall', 'Small', 'Medium', 'Large', 'ExtraLarge', 'A5', 'A6', 'A7', 'A8', 'A9']);
const osFamily = z.enum(['Windows', 'Linux']);
const protocol = z.enum(['tcp', 'udp']);
// TCP/UDP ports are 16-bit; port 0 is not a listening port.
const port = z.number().int().min(1).max(65_535);
const gatewaySku = z.enum(['Default', 'HighPerformance']);
/** An IPv4 address of a VPN device or gateway; zod's own wording ("Invalid IPv4 address") names no fix. */
export const ipv4AddressSchema = z.ipv4({ error: 'is not an IPv4 address; write four numbers 0–255 like 203.0.113.10' });
/** An IPv4 prefix of a site or traffic selector; zod's own wording ("Invalid IPv4 range") names no fix. */
export const ipv4PrefixSchema = z.cidrv4({ error: 'is not an IPv4 prefix; write address/length with a length of 0–32, like 192.168.0.0/16' });
/** A phase 1 proposal as `encryption-integrity-dhgroup`; an unknown algorithm is the gateway's NO_PROPOSAL_CHOSEN, not bad input. */
export const ikeProposalSchema = z.string().regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+$/, {
  error: 'is not a phase 1 proposal; write encryption-integrity-dhgroup, like aes256-sha1-modp1024',
});
/** An IKE version a device speaks; zod's own wording for a failed union is "Invalid input". */
export const ikeVersionSchema = z.union([z.literal(1), z.literal(2)], { error: 'is not an IKE version; use 1 (IKEv1) or 2 (IKEv2)' });

/** One endpoint ACL rule (Set-AzureAclConfig -AddRule): lowest order wins. */
export const aclRuleSchema = z.strictObject({
  order: z.number().int().min(0),
  action: z.enum(['permit', 'deny']),
  remoteSubnet: z.cidrv4(),
  description: z.string().optional(),
});

/** The fields of an input endpoint shared by `addEndpoint` and the compute section's `vms[].endpoints`. */
export const endpointFields = {
  name,
  protocol,
  publicPort: port.optional(),
  privatePort: port,
  loadBalancedSet: name.optional(),
  acl: z.array(aclRuleSchema).optional(),
};

/** The fields of New-AzureVM shared by `createVm` and the compute section's `vms`. */
export const vmFields = {
  service: name,
  name,
  image: name.optional(),
  disk: name.optional(),
  size: vmSize.optional(),
  deploymentName: name.optional(),
  vnet: name.optional(),
  subnet: name.optional(),
  staticIp: z.ipv4().optional(),
  hostName: name.optional(),
  adminUser: name.optional(),
  password: z.string().optional(),
  sshKey: z.string().optional(),
  reservedIp: name.optional(),
  outcome: z.enum(['ProvisioningFailed', 'ProvisioningTimeout']).optional(),
};

const roleSchema = z.strictObject({
  name,
  kind: z.enum(['web', 'worker']),
  instances: z.number().int().min(1),
  size: vmSize.optional(),
  endpoints: z
    .array(z.strictObject({ name, protocol, publicPort: port, privatePort: port }))
    .optional(),
});

/** The fields of New-AzureDeployment shared by `createDeployment` and the compute section's `deployments`. */
export const deploymentFields = {
  service: name,
  slot: z.enum(['production', 'staging']),
  name: name.optional(),
  roles: z.array(roleSchema).min(1),
  vnet: name.optional(),
  subnet: name.optional(),
};

/** Parameters of every command, keyed by command name; a command is `{ type: key, ...parameters }`. */
export const commandParameterSchemas = {
  createAffinityGroup: z.strictObject({ name, region: name }),
  deleteAffinityGroup: z.strictObject({ name }),
  createService: z.strictObject({ name, affinityGroup: name.optional(), region: name.optional() }),
  deleteService: z.strictObject({ name }),
  addImage: z.strictObject({ name, os: osFamily }),
  addDisk: z.strictObject({ name, os: osFamily }),
  deleteDisk: z.strictObject({ name }),
  createVm: z.strictObject(vmFields),
  startVm: z.strictObject({ service: name, name, outcome: z.literal('FailedStartingVM').optional() }),
  stopVm: z.strictObject({ service: name, name, stayProvisioned: z.boolean().optional() }),
  restartVm: z.strictObject({ service: name, name }),
  deleteVm: z.strictObject({ service: name, name, deleteVhd: z.boolean().optional() }),
  // Set-AzureVMSize / Set-AzureSubnet | Update-AzureVM: a running VM restarts; a new subnet gives it a new DIP there.
  updateVm: z.strictObject({ service: name, name, size: vmSize.optional(), subnet: name.optional() }),
  setStaticIp: z.strictObject({ service: name, name, ip: z.ipv4() }),
  removeStaticIp: z.strictObject({ service: name, name }),
  addEndpoint: z.strictObject({ service: name, vm: name, ...endpointFields }),
  removeEndpoint: z.strictObject({ service: name, vm: name, name }),
  setEndpointAcl: z.strictObject({ service: name, vm: name, name, acl: z.array(aclRuleSchema) }),
  createDeployment: z.strictObject(deploymentFields),
  swapVip: z.strictObject({ service: name }),
  deleteDeployment: z.strictObject({ service: name, slot: z.enum(['production', 'staging']), deleteVhd: z.boolean().optional() }),
  createReservedIp: z.strictObject({ name, location: name }),
  deleteReservedIp: z.strictObject({ name }),
  addInternalLoadBalancer: z.strictObject({ service: name, name, subnet: name.optional(), staticIp: z.ipv4().optional() }),
  removeInternalLoadBalancer: z.strictObject({ service: name }),
  createGateway: z.strictObject({
    vnet: name,
    gatewayType: z.enum(['StaticRouting', 'DynamicRouting']),
    sku: gatewaySku.optional(),
    // Replays a create that failed on the platform: Provisioning for the usual time, then no gateway, operation Failed.
    outcome: z.literal('Failed').optional(),
  }),
  deleteGateway: z.strictObject({ vnet: name }),
  resetGateway: z.strictObject({ vnet: name }),
  resizeGateway: z.strictObject({ vnet: name, sku: gatewaySku }),
  setSharedKey: z.strictObject({ vnet: name, site: name, key: z.string().min(1) }),
  connectSite: z.strictObject({ vnet: name, site: name }),
  disconnectSite: z.strictObject({ vnet: name, site: name }),
  addSite: z.strictObject({
    vnet: name,
    site: name,
    addressPrefixes: z.array(ipv4PrefixSchema).optional(),
    vpnGatewayAddress: ipv4AddressSchema.optional(),
  }),
  removeSite: z.strictObject({ vnet: name, site: name }),
  configureDevice: z.strictObject({
    site: name,
    sharedKey: z.string().optional(),
    publicIp: ipv4AddressSchema.optional(),
    ikeVersions: z.array(ikeVersionSchema).min(1).optional(),
    routing: z.enum(['PolicyBased', 'RouteBased']).optional(),
    trafficSelectors: z.array(ipv4PrefixSchema).optional(),
    proposals: z.array(ikeProposalSchema).optional(),
    // The Azure gateway IP the device points at: re-pointing it is the fix after a gateway is re-created.
    gatewayAddress: ipv4AddressSchema.optional(),
  }),
  setDevicePower: z.strictObject({ site: name, up: z.boolean() }),
  setLinkFault: z.strictObject({ site: name, broken: z.boolean() }),
  ...connectCommandParameterSchemas,
  // Set-AzureVNetConfig / PUT networking/media at a moment: the whole configuration, given as inline NetworkConfig.xml
  // (what --record writes), a path to a NetworkConfig.xml or plan YAML (relative to the scenario), or an inline plan in
  // the `network:` section's vocabulary. The loader turns `file` and `network` into the plan (networkConfigSource).
  setNetworkConfig: z.strictObject({
    xml: z.string().min(1).optional(),
    file: name.optional(),
    network: networkSectionSchema.optional(),
  }).superRefine((parameters, context) => {
    const given = (['xml', 'file', 'network'] as const).filter((key) => parameters[key] !== undefined);
    if (given.length !== 1) {
      context.addIssue({ code: 'custom', message: `needs exactly one of xml (inline NetworkConfig.xml), file (a path to a NetworkConfig.xml or plan YAML, relative to the scenario) or network (an inline plan); ${given.length === 0 ? 'none is' : `${given.join(' and ')} are`} given` });
    }
  }).transform((parameters, context): NetworkConfigSource => {
    if (parameters.file !== undefined) return { kind: 'file', path: parameters.file };
    if (parameters.network !== undefined) return { kind: 'network' };
    try {
      return { kind: 'plan', plan: networkPlanFromXml(parameters.xml ?? '', 'setNetworkConfig.xml') };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const d of error.diagnostics) context.addIssue({ code: 'custom', message: `line ${d.line}, column ${d.column} of the xml: ${d.message}` });
      return z.NEVER;
    }
  }),
} satisfies { [K in Exclude<Command['type'], 'setNetworkConfig'>]: z.ZodType<Omit<Extract<Command, { type: K }>, 'type'>> } & {
  setNetworkConfig: z.ZodType<NetworkConfigSource>;
};

/** A command name of the catalogue. */
export type CommandName = keyof typeof commandParameterSchemas;

/** Every command name, in catalogue order. */
export const COMMAND_NAMES = Object.keys(commandParameterSchemas) as CommandName[];

/** Whether a key of a timeline entry names a command. */
export function isCommandName(key: string): key is CommandName {
  return Object.hasOwn(commandParameterSchemas, key);
}

/** Builds the command a timeline entry's key and validated parameters describe (setNetworkConfig: see networkConfigSource). */
export function buildCommand(commandName: Exclude<CommandName, 'setNetworkConfig'>, parameters: unknown): Command {
  // Sound by construction: `parameters` was validated by commandParameterSchemas[commandName], whose output type is
  // checked above against the catalogue's `Omit<Command, 'type'>` for that name.
  return { type: commandName, ...(parameters as object) } as Command;
}
