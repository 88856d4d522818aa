import { describe, expect, it } from 'vitest';
import { createTunnelRecord, type TunnelRecord } from '../../src/gateway/tunnel.js';
import { TunnelIndex } from '../../src/gateway/tunnel-index.js';

function tunnel(vnet: string, site: string, vnetOrder: number, tunnelOrder: number): TunnelRecord {
  return createTunnelRecord(vnet, site, ['10.0.0.0/16'], { vnet: vnetOrder, tunnel: tunnelOrder });
}

function names(tunnels: readonly TunnelRecord[]): string[] {
  return tunnels.map((t) => `${t.vnet}/${t.site}`);
}

describe('TunnelIndex', () => {
  it('lists the tunnels pointing at an address in VNet order, then creation order, whatever order they were indexed in', () => {
    const index = new TunnelIndex();
    index.setSiteAddress('A', undefined, '40.0.0.9');
    index.setSiteAddress('B', undefined, '40.0.0.9');
    index.setSiteAddress('C', undefined, '198.51.100.1');
    // VNet2's tunnel was created first; VNet0 gained site B later (addSite), so its tunnel is newer than its A.
    index.addTunnel(tunnel('VNet2', 'A', 2, 0));
    index.addTunnel(tunnel('VNet0', 'B', 0, 5));
    index.addTunnel(tunnel('VNet0', 'A', 0, 1));
    index.addTunnel(tunnel('VNet1', 'C', 1, 2));
    expect(names(index.findTunnelsPointingAt('40.0.0.9'))).toEqual(['VNet0/A', 'VNet0/B', 'VNet2/A']);
    expect(names(index.findTunnelsAtSite('A'))).toEqual(['VNet0/A', 'VNet2/A']);
    expect(index.findTunnelsPointingAt('40.0.0.1')).toEqual([]);
  });

  it('follows a site re-pointed at another address and forgets removed tunnels', () => {
    const index = new TunnelIndex();
    const kept = tunnel('VNet0', 'A', 0, 0);
    const removed = tunnel('VNet1', 'A', 1, 1);
    index.setSiteAddress('A', undefined, '40.0.0.1');
    index.addTunnel(kept);
    index.addTunnel(removed);
    index.setSiteAddress('A', '40.0.0.1', '40.0.0.2');
    index.removeTunnel(removed);
    expect(index.findTunnelsPointingAt('40.0.0.1')).toEqual([]);
    expect(index.findTunnelsPointingAt('40.0.0.2')).toEqual([kept]);
    expect(index.findTunnelsAtSite('A')).toEqual([kept]);
  });

  it('finds tunnels indexed before their site was defined', () => {
    const index = new TunnelIndex();
    const early = tunnel('VNet0', 'Later', 0, 0);
    index.addTunnel(early);
    expect(index.findTunnelsPointingAt('40.0.0.5')).toEqual([]);
    index.setSiteAddress('Later', undefined, '40.0.0.5');
    expect(index.findTunnelsPointingAt('40.0.0.5')).toEqual([early]);
  });
});
