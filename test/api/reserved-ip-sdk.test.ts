import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './emulator-helpers.js';
import { linuxRole, sshOn } from './compute-bodies.js';
import { call, expectRefusedUnchanged as expectRefused, failure, startComputeEmulator, type ComputeEmulator, type SdkClient } from './compute-harness.js';
import { networkClient } from './sdk-clients.js';

/** Reserved IPs through the real azure-asm-network SDK, and a deployment that takes one as its VIP (azure-asm-compute). */
describe('reserved IPs through the real azure-asm SDKs', () => {
  let emu: ComputeEmulator;
  let network: SdkClient;
  beforeAll(async () => {
    emu = await startComputeEmulator();
    network = networkClient(emu.emulator) as unknown as SdkClient;
    await call(emu.compute, 'hostedServices', 'create', { serviceName: 'svc1', label: 'svc1', location: 'West US' });
  });
  afterAll(async () => emu.close());

  it('creates (202 + x-ms-request-id, then a Succeeded operation), lists and gets a reserved IP in the documented shape', async () => {
    const begun = await call<{ statusCode: number; requestId: string }>(network, 'reservedIPs', 'beginCreating', { name: 'ip1', label: 'front door', location: 'West US' });
    expect([begun.statusCode, begun.requestId]).toEqual([202, expect.stringMatching(/^[0-9a-f]{32}$/)]);
    const status = await callApi(emu.emulator, 'GET', `/operations/${begun.requestId}`);
    expect(status.text).toContain('<Status>Succeeded</Status>');
    const address = emu.emulator.engine.sim.world.reservedIps['ip1']?.ip;
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const listed = await call<{ reservedIPs: Record<string, unknown>[] }>(network, 'reservedIPs', 'list');
    expect(listed.reservedIPs).toEqual([expect.objectContaining({ name: 'ip1', address, label: 'front door', state: 'Created', inUse: false, location: 'West US' })]);
    const raw = await callApi(emu.emulator, 'GET', '/services/networking/reservedips/ip1');
    expect(raw.text).toMatch(new RegExp(`^<ReservedIP [^>]*><Name>ip1</Name><Address>${address}</Address><Id>[0-9a-f-]{36}</Id><Label>front door</Label><State>Created</State><InUse>false</InUse><Location>West US</Location></ReservedIP>$`));
    // The SDK's create wrapper polls /operations/<id> until Succeeded.
    expect(await call(network, 'reservedIPs', 'create', { name: 'ip2', location: 'East US' })).toMatchObject({ status: 'Succeeded' });
  });

  it.each([
    ['a taken name', { name: 'ip1', location: 'West US' }, { statusCode: 409, code: 'ConflictError', message: "A reserved IP named 'ip1' already exists in the subscription; pick another name." }],
    ['an unknown location', { name: 'ip3', location: 'Mars' }, { statusCode: 400, code: 'BadRequest', message: 'The location constraint is not valid: Mars.' }],
    ['a missing location', { name: 'ip3' }, { statusCode: 400, code: 'BadRequest', message: 'The Location element is required and was not specified.' }],
  ])('refuses a create with %s and changes nothing', async (_what, parameters, expected) => {
    await expectRefused(emu.emulator, () => call(network, 'reservedIPs', 'create', parameters), expected);
  });

  it('answers an unknown name with 404 on get and delete', async () => {
    expect(await failure(call(network, 'reservedIPs', 'get', 'nope'))).toMatchObject({ statusCode: 404, code: 'ResourceNotFound', message: 'The Reserved IP nope does not exist.' });
    await expectRefused(emu.emulator, () => call(network, 'reservedIPs', 'deleteMethod', 'nope'), { statusCode: 404, message: 'The Reserved IP nope does not exist.' });
  });

  it('refuses a deployment naming a reserved IP of another region, leaving no VM, image or event behind', async () => {
    const deployment = { name: 'svc1', deploymentSlot: 'Production', label: 'svc1', virtualNetworkName: 'CorpNet', reservedIPName: 'ip2', roles: [linuxRole('web1', sshOn(22))] };
    await expectRefused(emu.emulator, () => call(emu.compute, 'virtualMachines', 'createDeployment', 'svc1', deployment), {
      statusCode: 400, message: "Reserved IP 'ip2' is in East US but cloud service 'svc1' is in West US; reserve an IP in West US.",
    });
  });

  it('makes a reserved IP the VIP of a deployment: VirtualIP marked reserved, in use, not deletable until the deployment goes', async () => {
    await call(emu.compute, 'virtualMachines', 'createDeployment', 'svc1', {
      name: 'svc1', deploymentSlot: 'Production', label: 'svc1', virtualNetworkName: 'CorpNet', reservedIPName: 'ip1', roles: [linuxRole('web1', sshOn(22))],
    });
    const address = emu.emulator.engine.sim.world.reservedIps['ip1']?.ip;
    const d = await call<Record<string, any>>(emu.compute, 'deployments', 'getBySlot', 'svc1', 'Production');
    expect([d['reservedIPName'], d['virtualIPAddresses'][0].address, d['virtualIPAddresses'][0].reservedIPName]).toEqual(['ip1', address, 'ip1']);
    const raw = await callApi(emu.emulator, 'GET', '/services/hostedservices/svc1/deploymentslots/Production');
    expect(raw.text).toContain(`<VirtualIPs><VirtualIP><Address>${address}</Address><IsDnsProgrammed>true</IsDnsProgrammed><Name>svc1ContractContract</Name><IsReserved>true</IsReserved><ReservedIPName>ip1</ReservedIPName></VirtualIP></VirtualIPs><ReservedIPName>ip1</ReservedIPName><InternalDnsSuffix>`);
    expect(await call(network, 'reservedIPs', 'get', 'ip1')).toMatchObject({ inUse: true, serviceName: 'svc1', deploymentName: 'svc1' });
    await expectRefused(emu.emulator, () => call(network, 'reservedIPs', 'deleteMethod', 'ip1'), {
      statusCode: 400, message: `Reserved IP 'ip1' (${address}) is the VIP of cloud service 'svc1'; delete that deployment first.`,
    });
    await call(emu.compute, 'deployments', 'deleteByName', 'svc1', 'svc1', false);
    expect(await call(network, 'reservedIPs', 'get', 'ip1')).toMatchObject({ address, inUse: false });
    expect(await call(network, 'reservedIPs', 'deleteMethod', 'ip1')).toMatchObject({ status: 'Succeeded' });
    expect((await call<{ reservedIPs: { name: string }[] }>(network, 'reservedIPs', 'list')).reservedIPs.map((r) => r.name)).toEqual(['ip2']);
  });

  it('holds at most the engine limit (20, LIMITS-2015): the 21st is refused and changes nothing', async () => {
    for (let i = 3; i <= 21; i++) await call(network, 'reservedIPs', 'beginCreating', { name: `ip${i}`, location: 'West US' });
    expect(Object.keys(emu.emulator.engine.sim.world.reservedIps)).toHaveLength(20);
    await expectRefused(emu.emulator, () => call(network, 'reservedIPs', 'create', { name: 'ip22', location: 'West US' }), {
      statusCode: 400, message: 'The subscription already holds 20 reserved IPs, the maximum (20); remove one you no longer use.',
    });
  });
});
