import type { SourceRef } from '../common/index.js';
import type { GatewayCommand } from '../gateway/index.js';

// Gateway commands live beside the gateway model; re-exported so the engine sees one command catalog.
export type {
  CreateGateway, DeleteGateway, ResetGateway, ResizeGateway, SetSharedKey, ConnectSite, DisconnectSite, AddSite, RemoveSite, ConfigureDevice, SetDevicePower, SetLinkFault, GatewayCommand,
} from '../gateway/index.js';

// Compute commands live beside the compute model; re-exported so the engine sees one command catalog.
export type {
  VmSize, OsFamily, EndpointProtocol, AclRule, CreateAffinityGroup, DeleteAffinityGroup, CreateService, DeleteService, AddImage, AddDisk,
  DeleteDisk, CreateVm, StartVm, StopVm, RestartVm, DeleteVm, UpdateVm, SetStaticIp, RemoveStaticIp, AddEndpoint, RemoveEndpoint,
  SetEndpointAcl, RoleSpec, CreateDeployment, SwapVip, DeleteDeployment, ComputeCommand,
} from '../vm/index.js';
// Windows Azure Connect commands live beside the Connect model.
export type {
  InstallConnectAgent, ActivateConnectAgent, RemoveConnectAgent, EnableConnectRole, SetConnectGroup, DeleteConnectGroup, ConnectCommand,
} from '../connect/index.js';
import type { ConnectCommand } from '../connect/index.js';
import type { ComputeCommand } from '../vm/index.js';
import type { SetNetworkConfig } from './network-config.js';

export type { SetNetworkConfig } from './network-config.js';

/** Any command the world engine accepts. */
export type Command = ComputeCommand | GatewayCommand | ConnectCommand | SetNetworkConfig;

/** A command with the place in the scenario file it came from, so refusals point at it. */
export interface SourcedCommand {
  command: Command;
  at?: SourceRef | undefined;
}
