import { describe, expect, it } from 'vitest';
import { findVm, type Simulation } from '../../src/sim/index.js';
import { BASE_SETUP, diskVm, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

function setUp(...extra: Parameters<typeof mustExecute>[1][]): Simulation {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP, ...extra);
  return sim;
}

const isAutoPort = (port: number | undefined): boolean => port !== undefined && port >= 49_152 && port <= 65_535;

describe('management endpoints of image VMs', () => {
  it('gives Windows Remote Desktop on a random public port and PowerShell on 5986', () => {
    const sim = setUp(windowsVm('other', 'a'));
    const { RemoteDesktop, PowerShell } = findVm(sim.world, 'other', 'a')?.endpoints ?? {};
    expect(RemoteDesktop).toMatchObject({ protocol: 'tcp', privatePort: 3389 });
    expect(isAutoPort(RemoteDesktop?.publicPort)).toBe(true);
    expect(PowerShell).toMatchObject({ protocol: 'tcp', privatePort: 5986, publicPort: 5986 });
  });

  it('gives a second Windows VM automatic public ports, since the VIP is shared', () => {
    const sim = setUp(windowsVm('other', 'a'), windowsVm('other', 'b'));
    const a = findVm(sim.world, 'other', 'a')?.endpoints;
    const b = findVm(sim.world, 'other', 'b')?.endpoints;
    expect(b?.PowerShell?.privatePort).toBe(5986);
    expect(isAutoPort(b?.PowerShell?.publicPort)).toBe(true);
    expect(new Set([a?.RemoteDesktop?.publicPort, b?.RemoteDesktop?.publicPort, b?.PowerShell?.publicPort]).size).toBe(3);
  });

  it('gives Linux SSH public 22 for the first VM of the service and a free high port for later ones', () => {
    const sim = setUp(linuxVm('other', 'a'), linuxVm('other', 'b'), linuxVm('api', 'c'));
    expect(findVm(sim.world, 'other', 'a')?.endpoints.SSH).toMatchObject({ publicPort: 22, privatePort: 22 });
    expect(isAutoPort(findVm(sim.world, 'other', 'b')?.endpoints.SSH?.publicPort)).toBe(true);
    expect(findVm(sim.world, 'api', 'c')?.endpoints.SSH?.publicPort).toBe(22);
  });

  it('gives a VM from an OS disk no endpoint at all', () => {
    const sim = setUp(diskVm('other', 'a', 'lx-os'));
    expect(findVm(sim.world, 'other', 'a')?.endpoints).toEqual({});
  });
});

describe('input endpoints', () => {
  it('lets endpoints of one load-balanced set share a public port across VMs', () => {
    const sim = setUp(linuxVm('other', 'a'), linuxVm('other', 'b'));
    mustExecute(
      sim,
      { type: 'addEndpoint', service: 'other', vm: 'a', name: 'http', protocol: 'tcp', publicPort: 80, privatePort: 8080, loadBalancedSet: 'web' },
      { type: 'addEndpoint', service: 'other', vm: 'b', name: 'http', protocol: 'tcp', privatePort: 8080, loadBalancedSet: 'web' },
    );
    expect(findVm(sim.world, 'other', 'b')?.endpoints.http).toMatchObject({ publicPort: 80, loadBalancedSet: 'web' });
  });

  it('allows the same port number on tcp and udp', () => {
    const sim = setUp(linuxVm('other', 'a'));
    mustExecute(sim, { type: 'addEndpoint', service: 'other', vm: 'a', name: 'dns', protocol: 'udp', publicPort: 22, privatePort: 53 });
    expect(findVm(sim.world, 'other', 'a')?.endpoints.dns?.publicPort).toBe(22);
  });

  it('picks a free public port when none is given ("Azure assigns an available port")', () => {
    const sim = setUp(linuxVm('other', 'a'));
    mustExecute(sim, { type: 'addEndpoint', service: 'other', vm: 'a', name: 'app', protocol: 'tcp', privatePort: 8080 });
    expect(isAutoPort(findVm(sim.world, 'other', 'a')?.endpoints.app?.publicPort)).toBe(true);
  });

  it('replaces an ACL and removes endpoints', () => {
    const sim = setUp(linuxVm('other', 'a'));
    const acl = [{ order: 100, action: 'permit' as const, remoteSubnet: '203.0.113.0/24', description: 'office' }, { order: 200, action: 'deny' as const, remoteSubnet: '0.0.0.0/0' }];
    mustExecute(sim, { type: 'setEndpointAcl', service: 'other', vm: 'a', name: 'SSH', acl });
    expect(findVm(sim.world, 'other', 'a')?.endpoints.SSH?.acl).toEqual(acl);
    mustExecute(sim, { type: 'removeEndpoint', service: 'other', vm: 'a', name: 'SSH' });
    expect(findVm(sim.world, 'other', 'a')?.endpoints).toEqual({});
    mustExecute(sim, linuxVm('other', 'b'));
    expect(findVm(sim.world, 'other', 'b')?.endpoints.SSH?.publicPort).toBe(22);
  });
});
