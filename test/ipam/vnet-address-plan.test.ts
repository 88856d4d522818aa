import { describe, expect, it } from 'vitest';
import { formatIPv4, IpamUsageError, parseIPv4, parsePrefix4, VnetAddressPlan, type Prefix4 } from '../../src/ipam/index.js';

function prefix(text: string): Prefix4 {
  const parsed = parsePrefix4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function ip(text: string): number {
  const parsed = parseIPv4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function makePlan(): VnetAddressPlan {
  return new VnetAddressPlan([
    { name: 'BackEnd', prefix: prefix('10.20.1.0/24') },
    { name: 'FrontEnd', prefix: prefix('10.20.0.0/24') },
    { name: 'GatewaySubnet', prefix: prefix('10.20.2.0/29') },
  ]);
}

describe('VnetAddressPlan', () => {
  it('finds the subnet holding an address', () => {
    const plan = makePlan();
    expect(plan.subnetOf(ip('10.20.0.4'))).toBe('FrontEnd');
    expect(plan.subnetOf(ip('10.20.1.255'))).toBe('BackEnd');
    expect(plan.subnetOf(ip('10.20.2.7'))).toBe('GatewaySubnet');
    expect(plan.subnetOf(ip('10.20.2.8'))).toBeUndefined();
    expect(plan.subnetOf(ip('10.19.255.255'))).toBeUndefined();
    expect(plan.subnetNames()).toEqual(['FrontEnd', 'BackEnd', 'GatewaySubnet']);
  });

  it('gives each subnet its own allocator starting at .4', () => {
    const plan = makePlan();
    expect(formatIPv4(plan.subnet('BackEnd')?.allocateDynamic() ?? 0)).toBe('10.20.1.4');
    expect(formatIPv4(plan.subnet('FrontEnd')?.allocateDynamic() ?? 0)).toBe('10.20.0.4');
    expect(plan.subnet('Missing')).toBeUndefined();
  });

  it('answers Test-AzureStaticVNetIP across subnets', () => {
    const plan = makePlan();
    plan.subnet('FrontEnd')?.reserve(ip('10.20.0.10'));
    expect(plan.testStaticIp(ip('10.20.0.11'))).toEqual({ isAvailable: true, availableAddresses: [] });
    expect(plan.testStaticIp(ip('10.20.0.10'), 2)).toEqual({ isAvailable: false, availableAddresses: [ip('10.20.0.9'), ip('10.20.0.11')] });
    // outside every subnet: suggestions come from the nearest subnet
    expect(plan.testStaticIp(ip('10.20.3.1'), 1)).toEqual({ isAvailable: false, availableAddresses: [ip('10.20.2.6')] });
    expect(plan.testStaticIp(ip('10.19.0.0'), 1)).toEqual({ isAvailable: false, availableAddresses: [ip('10.20.0.4')] });
    expect(new VnetAddressPlan([]).testStaticIp(ip('10.0.0.4'))).toEqual({ isAvailable: false, availableAddresses: [] });
  });

  it('clones every allocator independently', () => {
    const plan = makePlan();
    plan.subnet('FrontEnd')?.allocateDynamic();
    const copy = plan.clone();
    plan.subnet('FrontEnd')?.allocateDynamic();
    expect(copy.subnet('FrontEnd')?.allocatedCount).toBe(1);
    expect(copy.subnetOf(ip('10.20.1.9'))).toBe('BackEnd');
  });

  it('refuses a repeated subnet name as misuse', () => {
    expect(
      () =>
        new VnetAddressPlan([
          { name: 'A', prefix: prefix('10.0.0.0/24') },
          { name: 'A', prefix: prefix('10.0.1.0/24') },
        ]),
    ).toThrow(IpamUsageError);
  });
});
