import { describe, expect, it } from 'vitest';
import { check, contextAt, expectLoadError, minutes } from './expectation-story.js';

describe('logged / notLogged count the catalogue events in a window', () => {
  const end = contextAt(minutes(120));
  it.each([
    ['logged', { type: 'gateway.stateChanged', subject: 'CorpVNet', fields: { to: 'Provisioned' } }, true, '2 (00:11:29, 01:38:28)'],
    ['logged', { type: 'gateway.stateChanged', subject: 'CorpVNet', fields: { to: 'Provisioned' }, distinct: 'publicIp', count: 2 }, true, '2 distinct publicIp (138.91.200.15, 138.91.141.1)'],
    ['logged', { type: 'gateway.stateChanged', subject: 'CorpVNet', fields: { to: 'Provisioned' }, until: '1h' }, true, '1 (00:11:29)'],
    ['logged', { type: 'connection.stateChanged', subject: 'CorpVNet/HQ', fields: { to: 'Connected' }, count: 2 }, false, '1 (00:40:00)'],
    ['logged', { type: 'connection.stateChanged', fields: { reason: 'AUTHENTICATION_FAILED', retry: { not: true }, to: 'NotConnected' }, min: 5, max: 20 }, false, '23 (00:11:29, 00:11:41, 00:12:05, … 20 more)'],
    ['logged', { type: 'connection.ike', subject: 'CorpVNet/HQ', fields: { exchange: { oneOf: ['IKE_SA_INIT', 'IKE_AUTH'] } }, from: '40m', until: '1h' }, false, '0'],
    ['logged', { type: 'vm.stateChanged', subject: 'web/web1', fields: { from: 'Provisioning', to: 'ReadyRole' }, count: 1 }, true, undefined],
    ['logged', { type: 'disk.leased', subject: 'erp-os', fields: { service: 'web', vm: 'web2' }, max: 1 }, true, '1 (00:00:00)'],
    ['logged', { type: 'vnet.defined', fields: { addressSpace: ['10.1.0.0/16'] } }, true, '1 (00:00:00)'],
    ['logged', { type: 'connection.stateChanged', subject: 'CorpVNet/HQ' }, true, undefined],
    ['notLogged', { type: 'deployment.created', subject: 'idle' }, true, '0'],
    ['notLogged', { type: 'vm.created', fields: { vm: 'vm9' } }, true, '0'],
    ['notLogged', { type: 'vm.stateChanged', subject: 'web/web2', fields: { to: 'Provisioning' } }, true, '0'],
    ['notLogged', { type: 'gateway.stateChanged', subject: 'CorpVNet', fields: { to: 'Deprovisioning' } }, false, '1 (01:00:00)'],
    ['notLogged', { type: 'gateway.stateChanged', subject: 'CorpVNet', fields: { to: 'Deprovisioning' }, until: '59m' }, true, '0'],
  ])('%s %j → holds %s (actual %s)', (key, parameters, holds, actual) => {
    const verdict = check(key, parameters, end);
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });

  it('lists three times, then counts the rest', () => {
    const verdict = check('logged', { type: 'connection.ike', subject: 'CorpVNet/HQ', count: 1 }, end);
    expect(verdict.actual).toMatch(/^\d+ \(00:11:29, 00:11:41, 00:12:05, … \d+ more\)$/);
  });

  it.each([
    [{ count: 3 }, 'exactly 3'],
    [{}, 'at least 1'],
    [{ min: 2 }, 'at least 2'],
    [{ max: 2 }, 'at most 2'],
    [{ min: 2, max: 5 }, 'between 2 and 5'],
    [{ min: 2, distinct: 'publicIp' }, 'at least 2 distinct publicIp'],
  ])('says the count %j as "%s"', (count, words) => {
    expect(check('logged', { type: 'gateway.stateChanged', ...count }, end).expected).toBe(words);
  });

  it.each([
    ['logged: { type: vm.stateChange }', 'vm.stateChange', "expect.0.logged.type: 'vm.stateChange' is not an event type of the catalogue; did you mean vm.stateChanged?"],
    ['logged: { type: vm.stateChanged, subject: web1 }', 'web1', 'expect.0.logged.subject: vm.stateChanged events are about a service/vm: write the subject as SERVICE/VM'],
    ['notLogged: { type: world.started, subject: x }', 'x }', 'expect.0.notLogged.subject: world.started events name no object; match a field instead (fields: scenario, seed, era)'],
    ['logged: { type: vm.stateChanged, fields: { state: ReadyRole } }', 'ReadyRole', 'expect.0.logged.fields.state: "state" is not a field of vm.stateChanged events; (fields: service, vm, from, to)'],
    ['logged: { type: vm.stateChanged, fields: { to: Ready } }', 'Ready', 'expect.0.logged.fields.to: is the text "Ready"; use one of: RoleStateUnknown'],
    ['logged: { type: endpoint.added, fields: { publicPort: { not: http } } }', 'http', 'expect.0.logged.fields.publicPort.not: expected a number, found the text "http"'],
    ['logged: { type: gateway.stateChanged, distinct: publicIP }', 'publicIP', 'expect.0.logged.distinct: "publicIP" is not a field of gateway.stateChanged events; did you mean publicIp?'],
    ['logged: { type: gateway.stateChanged, count: 2, max: 3 }', '2,', 'expect.0.logged.count: count is an exact number; give either count or min/max'],
    ['logged: { type: gateway.stateChanged, min: 3, max: 2 }', '2 }', 'expect.0.logged.max: max 2 is below min 3'],
    ['logged: { type: gateway.stateChanged, from: 1h, until: 30m }', '30m', 'expect.0.logged.until: until 30m is before from 1h; write the earlier time as from'],
    ['logged: { type: gateway.stateChanged, until: 3h }', '3h', "until 3h is after this expectation's time (at: 2h)"],
    ['logged: { type: gateway.stateChanged, subject: CorpVNt }', 'CorpVNt', 'vnet "CorpVNt" is not declared; did you mean "CorpVNet"?'],
    ['notLogged: { type: vm.created, subject: web/web9 }', 'web/web9', 'vm "web/web9" is not declared'],
  ])('refuses %s at %j', expectLoadError);
});
