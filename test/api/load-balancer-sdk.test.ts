import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDipHolder } from '../../src/vm/index.js';
import { callApi } from './emulator-helpers.js';
import { linuxRole, sshOn } from './compute-bodies.js';
import { call, expectRefusedUnchanged as expectRefused, startComputeEmulator, type ComputeEmulator } from './compute-harness.js';

/** Internal load balancers through the real azure-asm-compute SDK (LoadBalancerOperations) and the Deployment's shape. */
describe('internal load balancers through the real azure-asm-compute SDK', () => {
  let emu: ComputeEmulator;
  const deployment = async (service: string): Promise<Record<string, any>> => call(emu.compute, 'deployments', 'getBySlot', service, 'Production');
  beforeAll(async () => {
    emu = await startComputeEmulator();
    for (const service of ['svc1', 'svc2']) await call(emu.compute, 'hostedServices', 'create', { serviceName: service, label: service, location: 'West US' });
    await call(emu.compute, 'virtualMachines', 'createDeployment', 'svc1', {
      name: 'dep1', deploymentSlot: 'Production', label: 'dep1', virtualNetworkName: 'CorpNet', roles: [linuxRole('web1', sshOn(22))],
    });
  });
  afterAll(async () => emu.close());

  it('adds one to a deployment (202, Succeeded) and shows it in LoadBalancers and VirtualIPs', async () => {
    const begun = await call<{ statusCode: number; requestId: string }>(emu.compute, 'loadBalancers', 'beginCreating', 'svc1', 'dep1', {
      name: 'ilb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1', staticVirtualNetworkIPAddress: '10.4.0.50' },
    });
    expect([begun.statusCode, begun.requestId]).toEqual([202, expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect((await callApi(emu.emulator, 'GET', `/operations/${begun.requestId}`)).text).toContain('<Status>Succeeded</Status>');
    expect(emu.emulator.engine.sim.world.internalLoadBalancers['svc1']).toMatchObject({ name: 'ilb1', subnet: 'Subnet-1', ip: '10.4.0.50' });
    const d = await deployment('svc1');
    expect(d['loadBalancers']).toEqual([{ name: 'ilb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-1', staticVirtualNetworkIPAddress: '10.4.0.50' } }]);
    expect(d['virtualIPAddresses'].map((v: any) => [v.address, v.name])).toEqual([[expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), 'svc1ContractContract'], ['10.4.0.50', 'ilb1']]);
  });

  it.each([
    ['a second one (LBDUP)', 'dep1', { name: 'ilb2', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-2' } },
      { statusCode: 400, code: 'BadRequest', message: 'LoadBalancer already exists: ilb1. Only one internal load balancer allowed per deployment.' }],
    ['another deployment name', 'other', { name: 'ilb2' }, { statusCode: 404, code: 'ResourceNotFound', message: "The deployment name 'other' does not exist." }],
    ['a public Type', 'dep1', { name: 'ilb2', frontendIPConfiguration: { type: 'Public' } },
      { statusCode: 400, message: "The FrontendIpConfiguration Type 'Public' is not valid; an internal load balancer's Type is Private." }],
    ['an address without its subnet', 'dep1', { name: 'ilb2', frontendIPConfiguration: { type: 'Private', staticVirtualNetworkIPAddress: '10.4.0.60' } },
      { statusCode: 400, message: 'The StaticVirtualNetworkIPAddress 10.4.0.60 needs the SubnetName it lies in.' }],
  ])('refuses %s and changes nothing', async (_what, deploymentName, parameters, expected) => {
    await expectRefused(emu.emulator, () => call(emu.compute, 'loadBalancers', 'create', 'svc1', deploymentName, parameters), expected);
  });

  it('updates it (PUT, 202, Succeeded) to another subnet, as one request: a refused address keeps the old one', async () => {
    await expectRefused(emu.emulator, () => call(emu.compute, 'loadBalancers', 'update', 'svc1', 'dep1', 'ilb1', {
      name: 'ilb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-2', staticVirtualNetworkIPAddress: '10.4.0.60' },
    }), { statusCode: 400 });
    await expectRefused(emu.emulator, () => call(emu.compute, 'loadBalancers', 'update', 'svc1', 'dep1', 'ilb1', { name: 'other', frontendIPConfiguration: { type: 'Private' } }), {
      statusCode: 400, message: 'The body names load balancer other but the URL ilb1; a load balancer cannot be renamed.',
    });
    expect(await call(emu.compute, 'loadBalancers', 'update', 'svc1', 'dep1', 'ilb1', {
      name: 'ilb1', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-2', staticVirtualNetworkIPAddress: '10.4.1.60' },
    })).toMatchObject({ status: 'Succeeded' });
    expect(emu.emulator.engine.sim.world.internalLoadBalancers['svc1']).toMatchObject({ name: 'ilb1', subnet: 'Subnet-2', ip: '10.4.1.60' });
    // The old address is free again in Subnet-1.
    const pool = emu.emulator.engine.sim.world.vnets['CorpNet']?.subnets['Subnet-1']?.allocations;
    expect(pool === undefined ? 'no pool' : findDipHolder(pool, '10.4.0.50')).toBeUndefined();
    expect((await deployment('svc1'))['loadBalancers'][0].frontendIPConfiguration).toEqual({ type: 'Private', subnetName: 'Subnet-2', staticVirtualNetworkIPAddress: '10.4.1.60' });
  });

  it('deletes it by name (202, Succeeded); an unknown name is 404', async () => {
    await expectRefused(emu.emulator, () => call(emu.compute, 'loadBalancers', 'deleteMethod', 'svc1', 'dep1', 'ghost'), {
      statusCode: 404, message: 'The deployment of cloud service svc1 has no internal load balancer named ghost.',
    });
    expect(await call(emu.compute, 'loadBalancers', 'deleteMethod', 'svc1', 'dep1', 'ilb1')).toMatchObject({ status: 'Succeeded' });
    expect(emu.emulator.engine.sim.world.internalLoadBalancers['svc1']).toBeUndefined();
    expect((await deployment('svc1'))['loadBalancers']).toEqual([]);
  });

  it('creates one with a deployment, puts an endpoint on it, and refuses removing it while the endpoint uses it', async () => {
    const role = linuxRole('app1', { inputEndpoints: [{ name: 'sql', protocol: 'tcp', port: 1433, localPort: 1433, loadBalancedEndpointSetName: 'sqlset', loadBalancerName: 'ilb9' }], subnetNames: ['Subnet-1'] });
    await call(emu.compute, 'virtualMachines', 'createDeployment', 'svc2', {
      name: 'dep2', deploymentSlot: 'Production', label: 'dep2', virtualNetworkName: 'CorpNet', roles: [role],
      loadBalancers: [{ name: 'ilb9', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-2' } }],
    });
    const ip = emu.emulator.engine.sim.world.internalLoadBalancers['svc2']?.ip;
    expect(ip).toMatch(/^10\.4\.1\.\d+$/);
    const d = await deployment('svc2');
    // No StaticVirtualNetworkIPAddress was asked for, so none is shown; the allocated address is the private VirtualIP.
    expect(d['loadBalancers']).toEqual([{ name: 'ilb9', frontendIPConfiguration: { type: 'Private', subnetName: 'Subnet-2' } }]);
    expect(d['virtualIPAddresses'][1]).toMatchObject({ address: ip, name: 'ilb9' });
    const endpoint = d['roles'][0].configurationSets[0].inputEndpoints[0];
    expect([endpoint.name, endpoint.loadBalancerName, endpoint.virtualIPAddress]).toEqual(['sql', 'ilb9', ip]);
    await expectRefused(emu.emulator, () => call(emu.compute, 'loadBalancers', 'deleteMethod', 'svc2', 'dep2', 'ilb9'), {
      statusCode: 400, message: 'The internal load balancer ilb9 is used by endpoints app1/sql; remove those endpoints first.',
    });
  });
});
