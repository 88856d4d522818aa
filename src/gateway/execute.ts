import type { GatewayCommand } from './commands.js';
import type { DeviceEvent, DeviceSettings } from './device.js';
import { makeGatewayEvent } from './events.js';
import type { GatewayHost, VnetRecord } from './host.js';
import { isSamePrefixSet } from './prefixes.js';
import { provisionRangeFor } from './profile.js';

/**
 * Applies an already validated gateway command to the host. Split from the host so each file holds one concept:
 * the host runs actors, this file says what each command does to them.
 */
export function executeGatewayCommand(host: GatewayHost, command: GatewayCommand): void {
  switch (command.type) {
    case 'createGateway': {
      const record = requireVnet(host, command.vnet);
      record.gatewayType = command.gatewayType;
      record.sku = command.sku ?? 'Default';
      record.actor.send({
        type: 'CREATE', gatewayType: record.gatewayType, sku: record.sku, fails: command.outcome === 'Failed',
        provisionMs: host.drawDurationMs(provisionRangeFor(host.profile, record.gatewayType)),
      });
      return;
    }
    case 'deleteGateway':
      requireVnet(host, command.vnet).actor.send({ type: 'DELETE', deprovisionMs: host.drawDurationMs(host.profile.deprovisionMs) });
      return;
    case 'resetGateway':
      requireVnet(host, command.vnet).actor.send({ type: 'RESET' });
      return;
    case 'resizeGateway': {
      const record = requireVnet(host, command.vnet);
      host.publish(makeGatewayEvent('gateway.operation', { vnet: record.name, operation: 'ResizeGateway', operationStatus: 'InProgress', message: `resizing to ${command.sku}` }));
      record.actor.send({ type: 'RESIZE', sku: command.sku, resizeMs: host.drawDurationMs(host.profile.resizeMs) });
      return;
    }
    case 'setSharedKey':
      setSharedKey(host, requireVnet(host, command.vnet), command.site, command.key);
      return;
    case 'connectSite':
    case 'disconnectSite': {
      const record = requireVnet(host, command.vnet);
      const tunnel = record.tunnels.get(command.site);
      if (!tunnel) return;
      const connect = command.type === 'connectSite';
      tunnel.manuallyDisconnected = !connect;
      host.publish(makeGatewayEvent('gateway.operation', {
        vnet: record.name, operation: connect ? 'ConnectSite' : 'DisconnectSite',
        operationStatus: 'Successful', message: `${connect ? 'connected' : 'disconnected'} site '${command.site}'`,
      }));
      tunnel.actor?.send(connect ? { type: 'CONNECT' } : { type: 'DISCONNECT', reason: 'DISCONNECTED' });
      // A disconnect deletes the SAs (IKE Delete, RFC 7296 §1.4.1) and a connect initiates: a VNet-to-VNet far end sees both.
      host.signals.notifyFarEnd(record.publicIp, command.site, { type: 'PEER_RESET' });
      return;
    }
    case 'addSite':
      addSite(host, requireVnet(host, command.vnet), command.site, command.addressPrefixes, command.vpnGatewayAddress);
      return;
    case 'removeSite': {
      const record = requireVnet(host, command.vnet);
      const tunnel = record.tunnels.get(command.site);
      if (tunnel) host.stopTunnel(tunnel, 'DISCONNECTED');
      host.removeTunnel(record, command.site);
      record.keys.delete(command.site);
      record.sites = record.sites.filter((s) => s !== command.site);
      host.publish(makeGatewayEvent('connection.removed', { vnet: record.name, site: command.site }));
      host.signals.notifyFarEnd(record.publicIp, command.site, { type: 'PEER_RESET' });
      return;
    }
    case 'configureDevice': {
      const { type: _type, site, ...fields } = command;
      changeDevice(host, site, { type: 'CONFIGURE', patch: fields }, true);
      return;
    }
    case 'setDevicePower':
      // A device that boots has lost its SAs and initiates afresh; one that powers off just goes silent.
      changeDevice(host, command.site, { type: 'POWER', up: command.up }, command.up);
      return;
    case 'setLinkFault':
      changeDevice(host, command.site, { type: 'CONFIGURE', patch: { reachable: !command.broken } }, false);
      return;
  }
}

function requireVnet(host: GatewayHost, name: string): VnetRecord {
  // Validation ran first, so the VNet exists.
  return host.vnets.get(name) as VnetRecord;
}

/**
 * Set-AzureVNetGatewayKey is asynchronous (operation ResetSharedKey, 7–101 s server-side, asm-recorded.md §2.8): the key
 * is in force when the operation ends. A gateway deleted, or a site removed, meanwhile takes the operation with it.
 */
function setSharedKey(host: GatewayHost, record: VnetRecord, site: string, key: string): void {
  host.publish(makeGatewayEvent('gateway.operation', { vnet: record.name, operation: 'SetGatewayKey', operationStatus: 'InProgress', message: `setting the shared key for site '${site}'` }));
  host.schedule(host.drawDurationMs(host.profile.sharedKeySetMs), () => {
    if (record.state === 'Provisioned' && record.sites.includes(site) && host.vnets.get(record.name) === record) applySharedKey(host, record, site, key);
  });
}

function applySharedKey(host: GatewayHost, record: VnetRecord, site: string, key: string): void {
  record.keys.set(site, key);
  host.publish(makeGatewayEvent('connection.sharedKeySet', { vnet: record.name, site, key, generated: false }));
  const tunnel = record.tunnels.get(site);
  if (tunnel?.actor) {
    tunnel.azure = { ...tunnel.azure, sharedKey: key };
    // Azure re-applies the tunnel configuration and initiates again; the far end of a VNet-to-VNet tunnel sees it drop.
    tunnel.actor.send({ type: 'RECONFIGURE' });
  }
  host.signals.notifyFarEnd(record.publicIp, site, { type: 'PEER_RESET' });
}

function addSite(host: GatewayHost, record: VnetRecord, site: string, prefixes: string[] | undefined, address: string | undefined): void {
  const known = host.sites.get(site);
  if (prefixes !== undefined || address !== undefined || !known) {
    host.defineSite({
      name: site,
      addressPrefixes: prefixes ?? known?.addressPrefixes ?? [],
      vpnGatewayAddress: address ?? known?.vpnGatewayAddress ?? '',
    });
  }
  const isChanged = known !== undefined
    && ((address !== undefined && address !== known.vpnGatewayAddress) || (prefixes !== undefined && !isSamePrefixSet(prefixes, known.addressPrefixes)));
  // Set-AzureVNetConfig re-applies a changed site to every gateway already connected to it: those tunnels renegotiate.
  if (isChanged) host.signals.notifySiteTunnels(site, { type: 'RECONFIGURE' });
  const spec = host.sites.get(site);
  // Connecting a site writes <Gateway><ConnectionsToLocalNetwork> into the VNet's configuration.
  record.hasGatewayElement = true;
  record.sites = [...record.sites, site];
  host.addTunnel(record, site);
  host.publish(makeGatewayEvent('connection.added', {
    vnet: record.name, site,
    addressPrefixes: [...(spec?.addressPrefixes ?? [])], vpnGatewayAddress: spec?.vpnGatewayAddress ?? '',
  }));
  host.configureTunnels(record);
}

function changeDevice(host: GatewayHost, site: string, event: DeviceEvent, resetsTunnels: boolean): void {
  const device = host.requireDevice(site);
  device.send(event);
  // Configuring a device makes it the site's declared far end, even on a site that pointed at another VNet.
  if (event.type === 'CONFIGURE' && resetsTunnels) device.isDeclared = true;
  const settings = JSON.parse(JSON.stringify(device.actor.getSnapshot().context)) as DeviceSettings;
  host.publish(makeGatewayEvent('connection.deviceChanged', { site, up: device.peer.up, settings }));
  // A device whose configuration changed (or that rebooted) drops its SAs and negotiates again.
  host.signals.notifySiteTunnels(site, resetsTunnels ? { type: 'PEER_RESET' } : { type: 'PEER_CHANGED' });
}
