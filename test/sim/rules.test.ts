import { describe, expect, it } from 'vitest';
import { serializeWorld, type Command, type SimLimits } from '../../src/sim/index.js';
import { BASE_SETUP, diskVm, frontEndVm, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

interface RefusalRow {
  rule: string;
  setup?: Command[];
  /** Simulated ms to advance after setup (e.g. to let VMs reach ReadyRole). */
  advanceMs?: number;
  limits?: Partial<SimLimits>;
  command: Command;
  code: string;
  /** Words the message must contain (object names, the fix). */
  mentions: string[];
}

const READY_MS = 10 * 60_000;
const webRole = { name: 'WebRole1', kind: 'web' as const, instances: 2, endpoints: [{ name: 'http', protocol: 'tcp' as const, publicPort: 80, privatePort: 80 }] };

const ROWS: RefusalRow[] = [
  // affinity groups and services
  { rule: 'affinity group names are unique', command: { type: 'createAffinityGroup', name: 'CorpAG', region: 'East US' }, code: 'affinity-group-exists', mentions: ['CorpAG'] },
  { rule: 'service DNS names are unique', command: { type: 'createService', name: 'web', region: 'West US' }, code: 'service-exists', mentions: ['web.cloudapp.net'] },
  { rule: 'a service needs a place', command: { type: 'createService', name: 'nowhere' }, code: 'service-location-required', mentions: ['nowhere', 'affinity group'] },
  { rule: 'a service has one place only', command: { type: 'createService', name: 'both', affinityGroup: 'CorpAG', region: 'West US' }, code: 'service-location-ambiguous', mentions: ['CorpAG', 'West US'] },
  { rule: 'a service names an existing affinity group', command: { type: 'createService', name: 's', affinityGroup: 'NoAG' }, code: 'unknown-affinity-group', mentions: ['NoAG', 'New-AzureAffinityGroup'] },
  { rule: 'a service with a deployment cannot be deleted', setup: [windowsVm('other', 'a')], command: { type: 'deleteService', name: 'other' }, code: 'service-has-deployments', mentions: ['other'] },
  // sources
  { rule: 'VMs go into existing services', command: windowsVm('nope', 'a'), code: 'unknown-service', mentions: ['nope', 'New-AzureService'] },
  { rule: 'a VM needs a source', command: { type: 'createVm', service: 'other', name: 'a' }, code: 'vm-source-required', mentions: ["'a'", 'image', 'OS disk'] },
  { rule: 'a VM has one source only', command: { ...diskVm('other', 'a', 'dc-os'), image: 'win2012' }, code: 'vm-source-required', mentions: ['exactly one'] },
  { rule: 'images must be registered', command: windowsVm('other', 'a', { image: 'win2008' }), code: 'unknown-image', mentions: ['win2008', 'Add-AzureVMImage'] },
  { rule: 'disks must be registered', command: diskVm('other', 'a', 'nodisk'), code: 'unknown-disk', mentions: ['nodisk', 'Add-AzureDisk'] },
  { rule: 'image VMs need an admin and a password or key', command: { type: 'createVm', service: 'other', name: 'a', image: 'win2012', adminUser: 'x' }, code: 'provisioning-config-required', mentions: ['win2012', 'password'] },
  { rule: 'SSH keys are for Linux images', command: windowsVm('other', 'a', { sshKey: 'ssh-rsa' }), code: 'ssh-key-needs-linux', mentions: ['Windows'] },
  { rule: 'specialized disks are never customized', command: diskVm('other', 'a', 'dc-os', { adminUser: 'x' }), code: 'disk-not-customizable', mentions: ['dc-os', 'specialized'] },
  { rule: 'an OS disk boots one VM at a time', setup: [diskVm('other', 'a', 'dc-os')], command: diskVm('other', 'b', 'dc-os'), code: 'disk-leased', mentions: ["'dc-os'", "'a'", 'one VM at a time'] },
  { rule: 'an IaaS service has one deployment, named by its first VM', setup: [windowsVm('other', 'a', { deploymentName: 'prod' })], command: windowsVm('other', 'b', { deploymentName: 'other' }), code: 'deployment-name-fixed', mentions: ["'prod'", "'b'", 'deploymentName'] },
  { rule: 'VM names are unique in a service', setup: [windowsVm('other', 'a')], command: linuxVm('other', 'a'), code: 'vm-exists', mentions: ["'a'", 'other'] },
  // IaaS vs PaaS
  { rule: 'no VM in a PaaS service', setup: [{ type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }], command: windowsVm('api', 'a'), code: 'service-kind-mismatch', mentions: ['api', 'web/worker roles', 'never mix'] },
  { rule: 'no role in an IaaS service', setup: [windowsVm('other', 'a')], command: { type: 'createDeployment', service: 'other', slot: 'staging', roles: [webRole] }, code: 'service-kind-mismatch', mentions: ['other', 'virtual machines', 'never mix'] },
  // VNet placement
  { rule: 'VNets must exist', command: windowsVm('web', 'a', { vnet: 'NoNet', subnet: 'x' }), code: 'unknown-vnet', mentions: ['NoNet'] },
  { rule: 'an affinity-group VNet takes services of its group only', command: windowsVm('other', 'a', { vnet: 'CorpNet', subnet: 'FrontEnd' }), code: 'service-not-in-vnet-affinity-group', mentions: ['other', 'CorpNet', 'CorpAG', "region 'West US'"] },
  { rule: 'a regional VNet takes services of its region only', command: windowsVm('web', 'a', { vnet: 'RegionNet', subnet: 'Apps' }), code: 'service-not-in-vnet-region', mentions: ['web', 'RegionNet', 'West Europe'] },
  { rule: 'a service never moves to another VNet', setup: [frontEndVm('web', 'a')], command: windowsVm('web', 'b', { vnet: 'RegionNet', subnet: 'Apps' }), code: 'service-vnet-fixed', mentions: ['web', 'CorpNet', 'never move'] },
  { rule: 'a service deployed outside VNets cannot join one later', setup: [windowsVm('web', 'a')], command: frontEndVm('web', 'b'), code: 'service-vnet-fixed', mentions: ['no virtual network'] },
  { rule: 'a VM in a VNet names its subnet', command: windowsVm('web', 'a', { vnet: 'CorpNet' }), code: 'subnet-required', mentions: ['CorpNet', 'FrontEnd', 'BackEnd'] },
  { rule: 'GatewaySubnet is for the gateway only', command: frontEndVm('web', 'a', { subnet: 'GatewaySubnet' }), code: 'gateway-subnet-reserved', mentions: ['GatewaySubnet', 'gateway'] },
  { rule: 'the subnet must exist', command: frontEndVm('web', 'a', { subnet: 'Nope' }), code: 'unknown-subnet', mentions: ['Nope', 'FrontEnd'] },
  { rule: 'a subnet needs a VNet', command: windowsVm('web', 'a', { subnet: 'FrontEnd' }), code: 'subnet-needs-vnet', mentions: ['FrontEnd'] },
  // DIPs
  { rule: 'static IPs only inside a VNet', command: windowsVm('other', 'a', { staticIp: '10.0.0.4' }), code: 'static-ip-needs-vnet', mentions: ['10.0.0.4', 'Set-AzureStaticVNetIP'] },
  { rule: 'static IP inside the subnet', command: frontEndVm('web', 'a', { staticIp: '10.1.2.4' }), code: 'dip-outside-subnet', mentions: ['10.1.2.4', '10.1.1.0/24'] },
  { rule: 'static IP not on .1-.3', command: frontEndVm('web', 'a', { staticIp: '10.1.1.3' }), code: 'dip-reserved', mentions: ['10.1.1.3', '.4'] },
  { rule: 'static IP not on the network address', command: frontEndVm('web', 'a', { staticIp: '10.1.1.0' }), code: 'dip-reserved', mentions: ['10.1.1.0'] },
  { rule: 'static IP not on the broadcast address', command: frontEndVm('web', 'a', { staticIp: '10.1.1.255' }), code: 'dip-reserved', mentions: ['10.1.1.255'] },
  { rule: 'static IP not held by another VM', setup: [frontEndVm('web', 'a')], command: frontEndVm('web', 'b', { staticIp: '10.1.1.4' }), code: 'dip-in-use', mentions: ['10.1.1.4', 'web/a'] },
  { rule: 'static IP is an address', command: frontEndVm('web', 'a', { staticIp: '10.1.1' }), code: 'dip-invalid', mentions: ['10.1.1'] },
  { rule: 'a /29 holds three VMs', setup: ['a', 'b', 'c'].map((n) => frontEndVm('web', n, { subnet: 'BackEnd' })), command: frontEndVm('web', 'd', { subnet: 'BackEnd' }), code: 'subnet-full', mentions: ['BackEnd', '10.1.2.0/29', 'reserved'] },
  { rule: 'setStaticIp needs a VNet', setup: [windowsVm('other', 'a')], command: { type: 'setStaticIp', service: 'other', name: 'a', ip: '10.0.0.9' }, code: 'static-ip-needs-vnet', mentions: ['other'] },
  { rule: 'setStaticIp refuses a held address', setup: [frontEndVm('web', 'a'), frontEndVm('web', 'b')], command: { type: 'setStaticIp', service: 'web', name: 'b', ip: '10.1.1.4' }, code: 'dip-in-use', mentions: ['10.1.1.4'] },
  { rule: 'removeStaticIp needs a static IP', setup: [frontEndVm('web', 'a')], command: { type: 'removeStaticIp', service: 'web', name: 'a' }, code: 'dip-not-static', mentions: ["'a'"] },
  // disks
  { rule: 'a leased disk cannot be deleted', setup: [diskVm('other', 'dc1', 'dc-os')], command: { type: 'deleteDisk', name: 'dc-os' }, code: 'disk-in-use', mentions: ["A disk with name 'dc-os' is currently in use by virtual machine 'dc1' running within hosted service 'other', deployment 'other'.", 'Remove-AzureVM'] },
  { rule: 'the lease outlives the deleted VM for a while', setup: [diskVm('other', 'dc1', 'dc-os'), { type: 'deleteVm', service: 'other', name: 'dc1' }], command: { type: 'deleteDisk', name: 'dc-os' }, code: 'disk-in-use', mentions: ['is currently in use by virtual machine', 'already deleted', 'retry'] },
  { rule: 'deleting an unknown disk', command: { type: 'deleteDisk', name: 'ghost' }, code: 'unknown-disk', mentions: ['ghost'] },
  { rule: 'image names are unique', command: { type: 'addImage', name: 'ubuntu', os: 'Linux' }, code: 'image-exists', mentions: ['ubuntu'] },
  { rule: 'disk names are unique', command: { type: 'addDisk', name: 'dc-os', os: 'Windows' }, code: 'disk-exists', mentions: ['dc-os'] },
  // sizes and limits
  { rule: 'A8 cannot join an affinity group running other sizes', setup: [windowsVm('web', 'a')], command: windowsVm('web2', 'hpc', { size: 'A8' }), code: 'size-a8-a9-isolation', mentions: ['A8', 'CorpAG', 'Small'] },
  { rule: 'other sizes cannot join an affinity group running A9', setup: [windowsVm('web', 'hpc', { size: 'A9' })], command: windowsVm('web2', 'a', { size: 'Medium' }), code: 'size-a8-a9-isolation', mentions: ['Medium', 'A9'] },
  { rule: 'VMs per service', limits: { vmsPerService: 2 }, setup: [windowsVm('other', 'a'), windowsVm('other', 'b')], command: windowsVm('other', 'c'), code: 'limit-vms-per-service', mentions: ['other', '2'] },
  { rule: 'management endpoints count against the endpoint limit', limits: { endpointsPerService: 3 }, setup: [windowsVm('other', 'a')], command: windowsVm('other', 'b'), code: 'limit-endpoints-per-service', mentions: ['other', "'b'", 'limit 3'] },
  { rule: 'VMs and instances per VNet', limits: { instancesPerVnet: 1 }, setup: [frontEndVm('web', 'a')], command: frontEndVm('web', 'b'), code: 'limit-vms-per-vnet', mentions: ['CorpNet', '1'] },
  { rule: 'input endpoints per service', limits: { endpointsPerService: 2 }, setup: [windowsVm('other', 'a')], command: { type: 'addEndpoint', service: 'other', vm: 'a', name: 'web', protocol: 'tcp', publicPort: 80, privatePort: 80 }, code: 'limit-endpoints-per-service', mentions: ['other', '2'] },
  { rule: 'role instances count against the VNet limit', limits: { instancesPerVnet: 3 }, command: { type: 'createDeployment', service: 'api', slot: 'production', vnet: 'RegionNet', subnet: 'Apps', roles: [{ ...webRole, instances: 4 }] }, code: 'limit-vms-per-vnet', mentions: ['RegionNet', '4'] },
  // power
  { rule: 'stop needs a running VM', setup: [windowsVm('other', 'a')], command: { type: 'stopVm', service: 'other', name: 'a' }, code: 'vm-not-running', mentions: ['Provisioning', 'ReadyRole'] },
  { rule: 'restart needs a running VM', setup: [windowsVm('other', 'a')], command: { type: 'restartVm', service: 'other', name: 'a' }, code: 'vm-not-running', mentions: ["'a'"] },
  { rule: 'start needs a stopped VM', setup: [windowsVm('other', 'a')], advanceMs: READY_MS, command: { type: 'startVm', service: 'other', name: 'a' }, code: 'vm-not-stopped', mentions: ['ReadyRole'] },
  { rule: 'a VM whose provisioning failed cannot be started', setup: [windowsVm('other', 'a', { outcome: 'ProvisioningFailed' })], advanceMs: READY_MS, command: { type: 'startVm', service: 'other', name: 'a' }, code: 'vm-not-stopped', mentions: ['ProvisioningFailed', 'Remove-AzureVM', 'create it again'] },
  { rule: 'power commands name an existing VM', setup: [windowsVm('other', 'a')], command: { type: 'stopVm', service: 'other', name: 'b' }, code: 'unknown-vm', mentions: ["'b'", 'Get-AzureVM'] },
  // endpoints
  { rule: 'public ports are unique on the VIP', setup: [linuxVm('other', 'a'), linuxVm('other', 'b')], command: { type: 'addEndpoint', service: 'other', vm: 'b', name: 'ssh2', protocol: 'tcp', publicPort: 22, privatePort: 2222 }, code: 'public-port-in-use', mentions: ['22', "'SSH'", "'a'", 'load-balanced set'] },
  { rule: 'endpoint names are unique on a VM', setup: [linuxVm('other', 'a')], command: { type: 'addEndpoint', service: 'other', vm: 'a', name: 'SSH', protocol: 'tcp', publicPort: 2222, privatePort: 22 }, code: 'endpoint-exists', mentions: ['SSH'] },
  { rule: 'ports are 1-65535', setup: [linuxVm('other', 'a')], command: { type: 'addEndpoint', service: 'other', vm: 'a', name: 'bad', protocol: 'udp', publicPort: 70000, privatePort: 53 }, code: 'port-out-of-range', mentions: ['70000'] },
  { rule: 'a load-balanced set keeps one public port', setup: [linuxVm('other', 'a'), linuxVm('other', 'b'), { type: 'addEndpoint', service: 'other', vm: 'a', name: 'http', protocol: 'tcp', publicPort: 80, privatePort: 80, loadBalancedSet: 'web' }], command: { type: 'addEndpoint', service: 'other', vm: 'b', name: 'http', protocol: 'tcp', publicPort: 8080, privatePort: 80, loadBalancedSet: 'web' }, code: 'lb-set-mismatch', mentions: ["'web'", '80'] },
  { rule: 'ACL subnets are prefixes', setup: [linuxVm('other', 'a')], command: { type: 'setEndpointAcl', service: 'other', vm: 'a', name: 'SSH', acl: [{ order: 1, action: 'permit', remoteSubnet: 'office' }] }, code: 'acl-invalid-subnet', mentions: ['office'] },
  { rule: 'ACL orders are unique', setup: [linuxVm('other', 'a')], command: { type: 'setEndpointAcl', service: 'other', vm: 'a', name: 'SSH', acl: [{ order: 1, action: 'permit', remoteSubnet: '1.2.3.0/24' }, { order: 1, action: 'deny', remoteSubnet: '0.0.0.0/0' }] }, code: 'acl-order-duplicate', mentions: ['order 1'] },
  { rule: 'ACL rule limit', limits: { aclRulesPerEndpoint: 1 }, setup: [linuxVm('other', 'a')], command: { type: 'setEndpointAcl', service: 'other', vm: 'a', name: 'SSH', acl: [{ order: 1, action: 'permit', remoteSubnet: '1.2.3.0/24' }, { order: 2, action: 'deny', remoteSubnet: '0.0.0.0/0' }] }, code: 'limit-acl-rules', mentions: ['2 ACL rules'] },
  { rule: 'removing an unknown endpoint', setup: [linuxVm('other', 'a')], command: { type: 'removeEndpoint', service: 'other', vm: 'a', name: 'RDP' }, code: 'unknown-endpoint', mentions: ["'RDP'", "'SSH'"] },
  // PaaS
  { rule: 'one deployment per slot', setup: [{ type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }], command: { type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }, code: 'slot-occupied', mentions: ['production', 'api'] },
  { rule: 'a deployment has roles', command: { type: 'createDeployment', service: 'api', slot: 'production', roles: [] }, code: 'roles-required', mentions: ['api'] },
  { rule: 'role names are unique', command: { type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole, webRole] }, code: 'role-duplicate', mentions: ['WebRole1'] },
  { rule: 'roles have at least one instance', command: { type: 'createDeployment', service: 'api', slot: 'production', roles: [{ ...webRole, instances: 0 }] }, code: 'role-instances-invalid', mentions: ['WebRole1', '0'] },
  { rule: 'role endpoints share the VIP', command: { type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole, { ...webRole, name: 'Api' }] }, code: 'public-port-in-use', mentions: ['80', 'WebRole1', 'Api'] },
  { rule: 'both slots share one placement', setup: [{ type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }], command: { type: 'createDeployment', service: 'api', slot: 'staging', vnet: 'RegionNet', subnet: 'Apps', roles: [webRole] }, code: 'service-vnet-fixed', mentions: ['api', 'outside any virtual network'] },
  { rule: 'VIP swap is for PaaS', setup: [windowsVm('other', 'a')], command: { type: 'swapVip', service: 'other' }, code: 'swap-needs-paas', mentions: ['IaaS', 'production slot'] },
  { rule: 'VIP swap needs a staging deployment', setup: [{ type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }], command: { type: 'swapVip', service: 'api' }, code: 'swap-needs-staging', mentions: ['staging'] },
  { rule: 'VIP swap needs equal endpoint counts', setup: [{ type: 'createDeployment', service: 'api', slot: 'production', roles: [webRole] }, { type: 'createDeployment', service: 'api', slot: 'staging', roles: [{ ...webRole, endpoints: [] }] }], command: { type: 'swapVip', service: 'api' }, code: 'swap-endpoint-mismatch', mentions: ['1 endpoints', '0'] },
  { rule: 'deleting an empty slot', command: { type: 'deleteDeployment', service: 'api', slot: 'staging' }, code: 'unknown-deployment', mentions: ['staging', 'api'] },
];

const AT = { file: 'scenario.yaml', line: 12, column: 5 };

describe('every rule refuses with a stable code, a message that names the objects, and changes nothing', () => {
  it.each(ROWS)('$rule → $code', (row) => {
    const sim = startSimulation({ limits: row.limits });
    mustExecute(sim, ...BASE_SETUP, ...(row.setup ?? []));
    if (row.advanceMs !== undefined) sim.advanceTo(row.advanceMs);
    const before = serializeWorld(sim.world);
    const eventCount = sim.events.length;

    const result = sim.execute(row.command, AT);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic.rule).toBe(row.code);
    expect(result.diagnostic).toMatchObject({ severity: 'error', file: 'scenario.yaml', line: 12, column: 5 });
    for (const word of row.mentions) expect(result.diagnostic.message).toContain(word);
    expect(serializeWorld(sim.world)).toBe(before);
    expect(sim.events.slice(eventCount)).toEqual([
      { seq: eventCount + 1, time: sim.clock.now(), type: 'command.refused', command: row.command.type, code: row.code, message: result.diagnostic.message,
        ...(result.diagnostic.objects.length === 0 ? {} : { objects: result.diagnostic.objects }), at: 'scenario.yaml:12:5' },
    ]);
  });

  it('covers each refusal code the brief names', () => {
    const codes = new Set(ROWS.map((r) => r.code));
    for (const code of ['unknown-service', 'unknown-vm', 'service-kind-mismatch', 'service-not-in-vnet-affinity-group', 'service-vnet-fixed', 'vm-source-required', 'disk-in-use', 'disk-leased', 'dip-in-use', 'dip-reserved', 'dip-outside-subnet', 'static-ip-needs-vnet', 'public-port-in-use', 'limit-vms-per-service', 'limit-vms-per-vnet', 'limit-endpoints-per-service', 'subnet-full', 'size-a8-a9-isolation', 'vm-not-running', 'vm-not-stopped', 'deployment-name-fixed']) {
      expect(codes).toContain(code);
    }
  });
});
