import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_PROFILE, findService, type RoleSpec, type Simulation } from '../../src/sim/index.js';
import { BASE_SETUP, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

const web: RoleSpec = { name: 'WebRole1', kind: 'web', instances: 2, endpoints: [{ name: 'http', protocol: 'tcp', publicPort: 80, privatePort: 80 }] };
const worker: RoleSpec = { name: 'Worker', kind: 'worker', instances: 1 };

function setUp(...extra: Parameters<typeof mustExecute>[1][]): Simulation {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP, ...extra);
  return sim;
}

describe('PaaS deployments', () => {
  it('makes the service PaaS, deploys (Deploying → Running) and gives instances DIPs in the subnet', () => {
    const sim = setUp({ type: 'createDeployment', service: 'api', slot: 'production', name: 'v1', vnet: 'RegionNet', subnet: 'Apps', roles: [web, worker] });
    const service = findService(sim.world, 'api');
    expect(service?.kind).toBe('PaaS');
    expect(service?.deployments.production).toMatchObject({ name: 'v1', status: 'Deploying', vnet: 'RegionNet' });
    expect(service?.deployments.production?.roles.WebRole1?.instances).toEqual([{ name: 'WebRole1_IN_0', ip: '10.2.1.4' }, { name: 'WebRole1_IN_1', ip: '10.2.1.5' }]);
    expect(service?.deployments.production?.roles.Worker?.instances).toEqual([{ name: 'Worker_IN_0', ip: '10.2.1.6' }]);
    expect(sim.world.vnets.RegionNet?.instanceCount).toBe(3);
    sim.advanceTo(DEFAULT_SIM_PROFILE.paasDeployMs);
    expect(findService(sim.world, 'api')?.deployments.production?.status).toBe('Running');
  });

  it('gives each slot its own VIP; a swap exchanges the deployments while each VIP stays with its slot', () => {
    const sim = setUp(
      { type: 'createDeployment', service: 'api', slot: 'production', name: 'v1', roles: [web] },
      { type: 'createDeployment', service: 'api', slot: 'staging', name: 'v2', roles: [web] },
    );
    const vips = { ...findService(sim.world, 'api')?.vips };
    expect(vips.production).not.toBe(vips.staging);
    mustExecute(sim, { type: 'swapVip', service: 'api' });
    const service = findService(sim.world, 'api');
    expect(service?.deployments.production?.name).toBe('v2');
    expect(service?.deployments.staging?.name).toBe('v1');
    expect(service?.vips).toEqual(vips);
    sim.advanceTo(DEFAULT_SIM_PROFILE.paasDeployMs);
    expect(service?.deployments.production?.status).toBe('Running');
  });

  it('promotes a lone staging deployment with its VIP', () => {
    const sim = setUp({ type: 'createDeployment', service: 'api', slot: 'staging', name: 'v1', roles: [web] });
    const vip = findService(sim.world, 'api')?.vips.staging;
    mustExecute(sim, { type: 'swapVip', service: 'api' });
    expect(findService(sim.world, 'api')).toMatchObject({ vips: { production: vip, staging: null }, deployments: { staging: null, production: { name: 'v1' } } });
  });

  it('deleting the last deployment returns the service to empty, so it may become IaaS', () => {
    const sim = setUp({ type: 'createDeployment', service: 'api', slot: 'production', vnet: 'RegionNet', subnet: 'Apps', roles: [web] });
    mustExecute(sim, { type: 'deleteDeployment', service: 'api', slot: 'production' });
    expect(findService(sim.world, 'api')).toMatchObject({ kind: null, vips: { production: null } });
    expect(sim.world.vnets.RegionNet).toMatchObject({ instanceCount: 0 });
    expect(sim.world.vnets.RegionNet?.subnets['Apps']?.allocations.holders.size).toBe(0);
    mustExecute(sim, windowsVm('api', 'vm1'));
    expect(findService(sim.world, 'api')?.kind).toBe('IaaS');
  });

  it('Remove-AzureDeployment on IaaS deletes the VMs but keeps their disks', () => {
    const sim = setUp(windowsVm('other', 'a'), windowsVm('other', 'b'));
    mustExecute(sim, { type: 'deleteDeployment', service: 'other', slot: 'production' });
    expect(sim.world.vms.inCreationOrder.size).toBe(0);
    sim.advanceTo(DEFAULT_SIM_PROFILE.diskLeaseReleaseMs);
    expect([...sim.world.disks.keys()].sort()).toEqual(['dc-os', 'lx-os', 'other-a-0', 'other-b-0']);
    expect(sim.world.disks.get('other-a-0')?.lease).toBeNull();
  });

  it('Remove-AzureDeployment -DeleteVHD deletes their disks too, once the leases are gone', () => {
    const sim = setUp(windowsVm('other', 'a'), windowsVm('other', 'b'));
    mustExecute(sim, { type: 'deleteDeployment', service: 'other', slot: 'production', deleteVhd: true });
    expect([...sim.world.disks.keys()]).toContain('other-a-0');
    sim.advanceTo(DEFAULT_SIM_PROFILE.diskLeaseReleaseMs);
    expect([...sim.world.disks.keys()].sort()).toEqual(['dc-os', 'lx-os']);
    expect(findService(sim.world, 'other')).toMatchObject({ kind: null, vips: { production: null } });
  });
});
