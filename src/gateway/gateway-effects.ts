import { makeGatewayEvent, type GatewayOperation } from './events.js';
import type { GatewayLink } from './gateway-machine.js';
import type { GatewayHost, VnetRecord } from './host.js';
import type { GatewayState, OperationStatus } from './types.js';

/**
 * What a gateway's state changes do to the rest of the world: publish the state and operation, give or take the
 * public IP, start, drop or reconnect the tunnels, and tell the far ends of VNet-to-VNet tunnels.
 */
export function createGatewayEffects(host: GatewayHost, vnet: string): GatewayLink {
  // The link runs only after defineVnet registered the record, so the lookup always succeeds.
  const recordOf = (): VnetRecord => host.vnets.get(vnet) as VnetRecord;
  const publishState = (from: GatewayState, to: GatewayState, operation: GatewayOperation, operationStatus: OperationStatus) => {
    const record = recordOf();
    record.state = to;
    host.publish(makeGatewayEvent('gateway.stateChanged', {
      vnet: record.name, from, to, operation, operationStatus,
      ...(record.gatewayType === undefined ? {} : { gatewayType: record.gatewayType, sku: record.sku }),
      ...(record.publicIp === undefined ? {} : { publicIp: record.publicIp }),
    }));
  };
  const forgetGateway = (record: VnetRecord) => {
    host.releasePublicIp(record);
    // The tunnels go with the gateway (or never existed), and with them their keys: "We generate a PSK when we create
    // the VPN tunnel" (VPN FAQ), so a re-created gateway generates new ones.
    record.keys.clear();
    record.gatewayType = undefined;
    record.sku = 'Default';
  };
  return {
    enterState: (state) => {
      const record = recordOf();
      switch (state) {
        case 'Provisioning':
          // The gateway gets its public IP at creation; a re-created gateway gets a new one.
          host.assignPublicIp(record);
          publishState('NotProvisioned', 'Provisioning', 'CreateGateway', 'InProgress');
          return;
        case 'Provisioned':
          publishState('Provisioning', 'Provisioned', 'CreateGateway', 'Successful');
          host.configureTunnels(record);
          host.signals.notifyRemoteTunnels(record.publicIp, { type: 'PEER_RESET' });
          return;
        case 'Deprovisioning':
          publishState('Provisioned', 'Deprovisioning', 'DeleteGateway', 'InProgress');
          for (const tunnel of record.tunnels.values()) {
            // A tunnel refused earlier (tunnel limit, overlap) has no actor but still shows its old reason: replace it.
            if (tunnel.actor === undefined && tunnel.reason !== undefined) host.reportTunnelState(tunnel, 'NotConnected', 'GATEWAY_DEPROVISIONING');
            host.stopTunnel(tunnel, 'GATEWAY_DEPROVISIONING');
            tunnel.manuallyDisconnected = false;
          }
          // The gateway deletes its SAs as it goes (IKE Delete): VNet-to-VNet far ends drop at once rather than by DPD.
          host.signals.notifyRemoteTunnels(record.publicIp, { type: 'PEER_RESET' });
          return;
        case 'NotProvisioned':
          forgetGateway(record);
          publishState('Deprovisioning', 'NotProvisioned', 'DeleteGateway', 'Successful');
          return;
      }
    },
    startFailover: (bothInstances) => {
      const record = recordOf();
      host.publish(makeGatewayEvent('gateway.operation', {
        vnet: record.name, operation: 'ResetGateway', operationStatus: 'InProgress',
        message: bothInstances ? 'second reset during failover: rebooting both instances' : 'failing over to the standby instance',
      }));
      for (const tunnel of record.tunnels.values()) {
        if (!tunnel.manuallyDisconnected) tunnel.actor?.send({ type: 'DISCONNECT', reason: 'GATEWAY_RESET' });
      }
      host.signals.notifyRemoteTunnels(record.publicIp, { type: 'PEER_CHANGED' });
    },
    completeFailover: () => {
      const record = recordOf();
      host.publish(makeGatewayEvent('gateway.operation', { vnet: record.name, operation: 'ResetGateway', operationStatus: 'Successful', message: 'standby instance is active' }));
      for (const tunnel of record.tunnels.values()) {
        if (!tunnel.manuallyDisconnected) tunnel.actor?.send({ type: 'CONNECT' });
      }
      host.signals.notifyRemoteTunnels(record.publicIp, { type: 'PEER_RESET' });
    },
    failProvisioning: () => {
      const record = recordOf();
      forgetGateway(record);
      publishState('Provisioning', 'NotProvisioned', 'CreateGateway', 'Failed');
      host.publish(makeGatewayEvent('gateway.operation', {
        vnet: record.name, operation: 'CreateGateway', operationStatus: 'Failed',
        message: 'provisioning failed (a platform fault the scenario injected); no gateway was created: create it again',
      }));
    },
    completeResize: (sku) => {
      const record = recordOf();
      record.sku = sku;
      host.publish(makeGatewayEvent('gateway.operation', { vnet: record.name, operation: 'ResizeGateway', operationStatus: 'Successful', message: `resized to ${sku}`, sku }));
      host.configureTunnels(record);
    },
  };
}
