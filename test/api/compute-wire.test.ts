import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestXml } from '../../src/api/xml-reader.js';
import { makePlan } from '../sim/helpers.js';
import { CREATE_SERVICE, DEPLOYMENT } from './compute-bodies.js';
import type { Emulator } from '../../src/api/index.js';
import { startTestEmulator } from './emulator-helpers.js';
import { findVm } from '../../src/vm/index.js';

describe('compute on the wire', () => {
  let server: Emulator;
  const send = (method: string, path: string, body?: string): Promise<Response> =>
    fetch(`${server.apiUrl}/${server.subscriptionId}/${path}`, { method, headers: { 'x-ms-version': '2015-04-01', 'content-type': 'application/xml' }, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    const plan = makePlan([{ name: 'CorpNet', region: 'West US', addressSpace: ['10.4.0.0/16'], subnets: { 'Subnet-1': '10.4.0.0/24' } }]);
    server = await startTestEmulator({ start: { kind: 'network', plan } });
  });
  afterAll(async () => server.close());

  it('creates a hosted service: 201, empty, Location under /subscriptions/{sub}/compute/{name}', async () => {
    const response = await send('POST', 'services/hostedservices', CREATE_SERVICE);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${server.apiUrl}/subscriptions/${server.subscriptionId}/compute/svc1`);
    expect([response.headers.get('content-length'), response.headers.get('content-type')]).toEqual(['0', null]);
    expect(response.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads a Deployment by element name in any order and answers 202, InProgress until the VM is ReadyRole', async () => {
    const response = await send('POST', 'services/hostedservices/svc1/deployments', DEPLOYMENT);
    expect(response.status).toBe(202);
    const id = response.headers.get('x-ms-request-id') ?? '';
    let body = '';
    for (let polls = 0; polls < 200 && !body.includes('Succeeded'); polls++) {
      body = await (await send('GET', `operations/${id}`)).text();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    expect(body).toBe(`<Operation xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ID>${dashed}</ID><Status>Succeeded</Status><HttpStatusCode>200</HttpStatusCode></Operation>`);
    expect(findVm(server.engine.sim.world, 'svc1', 'web1')?.endpoints['http']).toMatchObject({ protocol: 'tcp', publicPort: 80, privatePort: 8080 });
  });

  it('answers GET deploymentslots/Production compactly, in the recorded element order (STSHOW)', async () => {
    const text = await (await send('GET', 'services/hostedservices/svc1/deploymentslots/Production')).text();
    expect(text).not.toMatch(/>\s+</);
    const root = parseRequestXml(text);
    expect(root?.children.map((c) => c.name)).toEqual([
      'Name', 'DeploymentSlot', 'PrivateID', 'Status', 'Label', 'Url', 'Configuration', 'RoleInstanceList', 'UpgradeDomainCount',
      'RoleList', 'SdkVersion', 'Locked', 'RollbackAllowed', 'VirtualNetworkName', 'CreatedTime', 'LastModifiedTime',
      'ExtendedProperties', 'VirtualIPs', 'InternalDnsSuffix', 'LoadBalancers', 'VirtualNetworkId',
    ]);
    expect(text).toContain('<Label>VmlydHVhbCBtYWNoaW5lIHdlYjE=</Label>');
    expect(text).toContain('<Role i:type="PersistentVMRole">');
    expect(text).toContain('<ConfigurationSet i:type="NetworkConfigurationSet"><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType>');
    expect(text).toMatch(/<InstanceStatus>ReadyRole<\/InstanceStatus>.*<IpAddress>10\.4\.0\.4<\/IpAddress><InstanceEndpoints>.*<\/InstanceEndpoints><PowerState>Started<\/PowerState>/);
    expect(text).toContain('<Name>svc1ContractContract</Name>');
    expect(text).not.toContain('UserPassword');
  });

  it('refuses a malformed port with 400 naming the element, and an unknown role operation', async () => {
    const bad = await send('POST', 'services/hostedservices/svc1/deployments/svc1/roles', DEPLOYMENT.replace('<Port>80</Port>', '<Port>eighty</Port>').replace(/^[\s\S]*?<Role i:type="PersistentVMRole">/, '<PersistentVMRole xmlns="http://schemas.microsoft.com/windowsazure">').replace(/<\/Role><\/RoleList>[\s\S]*$/, '</PersistentVMRole>'));
    expect([bad.status, await bad.text()]).toEqual([400, expect.stringContaining("<Message>The value &apos;eighty&apos; of Port is not a whole number.</Message>")]);
    const unknown = await send('POST', 'services/hostedservices/svc1/deployments/svc1/roleinstances/web1/Operations', '<CaptureRoleOperation xmlns="http://schemas.microsoft.com/windowsazure"/>');
    expect([unknown.status, await unknown.text()]).toEqual([400, expect.stringContaining('The role operation CaptureRoleOperation is not supported.')]);
  });
});
