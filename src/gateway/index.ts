/** Public face of src/gateway: the site-to-site VPN gateway, its connections, and the commands that drive them. */
export type {
  CreateGateway, DeleteGateway, ResetGateway, ResizeGateway, SetSharedKey, ConnectSite, DisconnectSite,
  AddSite, RemoveSite, ConfigureDevice, SetDevicePower, SetLinkFault, GatewayCommand,
} from './commands.js';
