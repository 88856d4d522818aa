import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EMULATOR_SEED, EMULATOR_SCENARIO_NAME, formatRecordedScenario, type Emulator } from '../../src/api/index.js';
import { parseScenario, runScenario } from '../../src/scenario/index.js';
import { formatEventLine } from '../../src/sim/index.js';
import { CREATE_SERVICE, DEPLOYMENT } from './compute-bodies.js';
import { callApi, startTestEmulator } from './emulator-helpers.js';

let emulator: Emulator;
afterEach(async () => {
  await emulator.close();
});

const COMPUTE = { version: '2017-01-01' };
const NETWORK = `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration><VirtualNetworkSites>
  <VirtualNetworkSite name="CorpNet" Location="West US"><AddressSpace><AddressPrefix>10.4.0.0/16</AddressPrefix></AddressSpace>
  <Subnets><Subnet name="Subnet-1"><AddressPrefix>10.4.0.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite>
</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
const SECOND_ROLE = DEPLOYMENT
  .replace(/^[\s\S]*?<Role i:type="PersistentVMRole">/, '<PersistentVMRole xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">')
  .replace(/<\/Role><\/RoleList>[\s\S]*$/, '</PersistentVMRole>')
  .replace('<RoleName>web1</RoleName>', '<RoleName>web2</RoleName>')
  .replace('<Port>80</Port>', '<Port>8080</Port>');

const RESERVED_IP = '<ReservedIP xmlns="http://schemas.microsoft.com/windowsazure"><Name>ip1</Name><Location>West US</Location></ReservedIP>';
const LOAD_BALANCER = '<LoadBalancer xmlns="http://schemas.microsoft.com/windowsazure"><Name>ilb1</Name><FrontendIpConfiguration><Type>Private</Type><SubnetName>Subnet-1</SubnetName></FrontendIpConfiguration></LoadBalancer>';

describe('--record of a compute session', () => {
  it('replays with vnetsim run to a byte-identical event log (gallery image, reserved VIP, internal load balancer, endpoints, role operations)', async () => {
    emulator = await startTestEmulator({ paused: true });
    const engine = emulator.engine;
    const step = async (atMs: number, method: string, path: string, body?: string): Promise<number> => {
      const answer = await callApi(emulator, method, path, { ...COMPUTE, ...(body === undefined ? {} : { body }) });
      engine.advanceTo(atMs);
      return answer.status;
    };
    expect(await step(60_000, 'PUT', '/services/networking/media', NETWORK)).toBe(202);
    expect(await step(70_000, 'POST', '/services/hostedservices', CREATE_SERVICE)).toBe(201);
    expect(await step(80_000, 'POST', '/services/networking/reservedips', RESERVED_IP)).toBe(202);
    expect(await step(20 * 60_000, 'POST', '/services/hostedservices/svc1/deployments', DEPLOYMENT.replace('<Name>svc1</Name>', '<Name>svc1</Name><ReservedIPName>ip1</ReservedIPName>'))).toBe(202);
    expect(await step(30 * 60_000, 'POST', '/services/hostedservices/svc1/deployments/svc1/loadbalancers', LOAD_BALANCER)).toBe(202);
    // A second internal load balancer is refused (LBDUP): neither in the log nor recorded.
    expect(await step(31 * 60_000, 'POST', '/services/hostedservices/svc1/deployments/svc1/loadbalancers', LOAD_BALANCER)).toBe(400);
    expect(await step(40 * 60_000, 'POST', '/services/hostedservices/svc1/deployments/svc1/roles', SECOND_ROLE)).toBe(202);
    const shutdown = '<ShutdownRoleOperation xmlns="http://schemas.microsoft.com/windowsazure"><OperationType>ShutdownRoleOperation</OperationType><PostShutdownAction>StoppedDeallocated</PostShutdownAction></ShutdownRoleOperation>';
    expect(await step(50 * 60_000, 'POST', '/services/hostedservices/svc1/deployments/svc1/roleinstances/web2/Operations', shutdown)).toBe(202);
    // Refused (only one deployment per service): neither in the log nor recorded.
    expect(await step(51 * 60_000, 'POST', '/services/hostedservices/svc1/deployments', DEPLOYMENT)).toBe(409);
    expect(await step(60 * 60_000, 'DELETE', '/services/hostedservices/svc1/deployments/svc1/roles/web2?comp=media')).toBe(202);

    const text = formatRecordedScenario({ name: EMULATOR_SCENARIO_NAME, seed: DEFAULT_EMULATOR_SEED, era: '2014' }, engine.accepted, engine.sim.clock.now());
    const report = runScenario(parseScenario(text, 'recorded.yaml'));
    expect([...report.events].map(formatEventLine)).toEqual([...engine.events].map(formatEventLine));
    expect(engine.accepted.map((a) => a.command.type)).toEqual([
      'setNetworkConfig', 'createService', 'createReservedIp', 'addImage', 'createVm', 'removeEndpoint', 'addEndpoint', 'addInternalLoadBalancer',
      'createVm', 'removeEndpoint', 'addEndpoint', 'stopVm', 'deleteVm',
    ]);
    expect(engine.sim.world.services['svc1']?.vips.production).toBe(engine.sim.world.reservedIps['ip1']?.ip);
  });
});
