import { describe, expect, it } from 'vitest';
import { check, contextAt, expectLoadError, minutes } from './expectation-story.js';

const at10 = contextAt(minutes(10));
const at65 = contextAt(minutes(65));
const end = contextAt(minutes(120));
const contextAtMinute = (n: number) => (n === 10 ? at10 : n === 65 ? at65 : end);
const firstIp = at10.world.gateway.gateways['CorpVNet']?.publicIp ?? '';
const secondIp = end.world.gateway.gateways['CorpVNet']?.publicIp ?? '';
const webVip = end.world.services['web']?.vips.production ?? '';

describe('gateway facts: state, type, SKU and public IP', () => {
  it('reads a different IP for the re-created gateway (the story relies on it)', () => {
    expect(firstIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(secondIp).not.toBe(firstIp);
  });

  it.each([
    [{ vnet: 'CorpVNet', is: 'Provisioning', type: 'StaticRouting', sku: 'Default' }, 10, true, `Provisioning, type StaticRouting, sku Default, public IP ${firstIp}`],
    [{ vnet: 'CorpVNet', publicIp: 'gateway:CorpVNet' }, 10, true, undefined],
    [{ vnet: 'CorpVNet', publicIp: { not: firstIp } }, 120, true, undefined],
    [{ vnet: 'CorpVNet', publicIp: firstIp }, 120, false, `Provisioned, type DynamicRouting, sku Default, public IP ${secondIp}`],
    [{ vnet: 'CorpVNet', publicIp: { not: 'vip:web' }, type: 'DynamicRouting' }, 120, true, undefined],
    [{ vnet: 'CorpVNet', is: 'NotProvisioned', type: 'none', sku: 'none', publicIp: 'none' }, 65, true, 'NotProvisioned, type none, sku none, public IP none'],
    [{ vnet: 'CorpVNet', publicIp: 'gateway:CorpVNet' }, 65, false, 'gateway:CorpVNet has no address now: the gateway of CorpVNet is NotProvisioned'],
    [{ vnet: 'CorpVNet', type: { oneOf: ['StaticRouting', 'DynamicRouting'] } }, 65, false, 'NotProvisioned, type none, sku none, public IP none'],
  ])('gateway %j at minute %i → holds %s (actual %s)', (parameters, minute, holds, actual) => {
    const verdict = check('gateway', parameters, contextAtMinute(minute));
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });

  it('shows the address a name stood for in the expected side', () => {
    expect(check('gateway', { vnet: 'CorpVNet', publicIp: 'vip:web' }, end).expected).toBe(`public IP vip:web (${webVip})`);
  });
});

describe('vmProvisioning: what an image-based VM was customized with, and that a disk-based one was not', () => {
  it.each([
    [{ service: 'web', vm: 'web1', customized: true, image: 'win2012', hostName: 'web01', adminUser: 'ops' }, true, undefined],
    [{ service: 'web', vm: 'web1', osDisk: { not: 'win2012' } }, true, undefined],
    [{ service: 'web', vm: 'web1', hostName: 'web1' }, false, 'customized true, image win2012, OS disk web-web1-0, host name web01, admin user ops'],
    [{ service: 'web', vm: 'web2', customized: false, hostName: 'none', adminUser: 'none', image: 'none', osDisk: 'erp-os' }, true, undefined],
    [{ service: 'web', vm: 'web2', customized: true }, false, 'customized false, image none, OS disk erp-os, host name none, admin user none'],
    [{ service: 'idle', vm: 'vm9', customized: false }, false, 'no such VM'],
  ])('%j → holds %s (actual %s)', (parameters, holds, actual) => {
    const verdict = check('vmProvisioning', parameters, end);
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });
});

describe('vip:SERVICE and gateway:VNET name addresses, read when the expectation is checked', () => {
  it.each([
    ['reach', { from: 'web1', to: 'vip:web:5986', port: 'tcp/5986' }, 120, true, undefined],
    ['noReach', { from: 'web1', to: 'vip:web:3389', port: 'tcp/3389', disposition: 'no-endpoint' }, 120, true, undefined],
    ['reach', { from: 'web1', to: 'vip:idle:80' }, 120, false, 'vip:idle has no address now: service idle holds no production VIP'],
    ['reach', { from: 'web1', to: 'gateway:CorpVNet' }, 65, false, 'gateway:CorpVNet has no address now: the gateway of CorpVNet is NotProvisioned'],
    ['vmDip', { service: 'web', vm: 'web1', is: { not: 'vip:web' } }, 120, true, '10.1.1.4'],
    ['vmDip', { service: 'web', vm: 'web1', is: 'vip:idle' }, 120, false, 'vip:idle has no address now: service idle holds no production VIP'],
  ])('%s %j at minute %i → holds %s (actual %s)', (key, parameters, minute, holds, actual) => {
    const verdict = check(key, parameters, contextAtMinute(minute));
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });
});

describe('the facts and names are checked when the scenario loads', () => {
  it.each([
    ['gateway: { vnet: CorpVNet }', '{', 'expect.0.gateway: say what to expect: "is" (its state), "type", "sku" and/or "publicIp"'],
    ['gateway: { vnet: CorpVNet, type: RouteBased }', 'RouteBased', 'expect.0.gateway.type: is the text "RouteBased"; use one of: StaticRouting, DynamicRouting, none'],
    ['gateway: { vnet: CorpVNet, publicIp: 10.1.2 }', '10.1.2', 'expect.0.gateway.publicIp: write an IPv4 address (10.1.1.4), vip:SERVICE (its production VIP) or gateway:VNET (its public IP), or none'],
    ['gateway: { vnet: CorpVNet, publicIp: 300.1.2.3 }', '300', 'expect.0.gateway.publicIp: each part of an IPv4 address is 0–255'],
    ['gateway: { vnet: CorpVNet, publicIp: vip:wbe }', 'vip:wbe', 'service "wbe" is not declared'],
    ['gateway: { vnet: CorpVNet, publicIp: { not: gateway:Corp } }', 'gateway:Corp', 'vnet "Corp" is not declared'],
    ['reach: { from: web1, to: vip:wbe:80 }', 'vip:wbe:80', 'service "wbe" is not declared'],
    ['noReach: { from: gateway:CorpVNt, to: web1 }', 'gateway:CorpVNt', 'vnet "CorpVNt" is not declared'],
    ['vmProvisioning: { service: web, vm: web1 }', '{', 'expect.0.vmProvisioning: say what to expect: one or more of hostName, adminUser, customized, image, osDisk'],
    ['vmProvisioning: { service: web, vm: web1, customized: yes please }', 'yes', 'expect.0.vmProvisioning.customized: expected true or false'],
  ])('refuses %s at %j', expectLoadError);
});
