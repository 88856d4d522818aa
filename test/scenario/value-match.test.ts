import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeMatch, matchOf, matchesValue } from '../../src/scenario/expectations/value-match.js';
import { explainUnionIssue } from '../../src/input/index.js';
import { EXPECTATION_LINE, check, contextAt, loadErrorOf, minutes } from './expectation-story.js';

describe('a compared value: the value, { not } or { oneOf }', () => {
  it.each([
    ['ReadyRole', 'ReadyRole', true, 'ReadyRole'],
    ['ReadyRole', 'StoppedVM', false, 'ReadyRole'],
    [{ not: 'Connected' }, 'Connecting', true, 'not Connected'],
    [{ not: 'Connected' }, 'Connected', false, 'not Connected'],
    [{ oneOf: ['Provisioning', 'Provisioned'] }, 'Provisioned', true, 'one of Provisioning, Provisioned'],
    [{ oneOf: ['Provisioning', 'Provisioned'] }, 'NotProvisioned', false, 'one of Provisioning, Provisioned'],
  ])('%j against %s → %s (%s)', (match, actual, holds, words) => {
    expect(matchesValue(match, actual)).toBe(holds);
    expect(describeMatch(match)).toBe(words);
  });

  it.each([
    ['A', true],
    [{ not: 'B' }, true],
    [{ oneOf: ['A', 'C'] }, true],
    [{ oneOf: ['A'] }, false],
    [{ not: 'A', oneOf: ['B', 'C'] }, false],
    [{}, false],
    [{ nto: 'A' }, false],
    ['D', false],
  ])('the schema of a matched enum accepts %j: %s', (value, accepted) => {
    expect(matchOf(z.enum(['A', 'B', 'C'])).safeParse(value).success).toBe(accepted);
  });
});

describe('a compared value that fits neither form is reported as the form it meant', () => {
  const schema = z.strictObject({ is: matchOf(z.enum(['A', 'B', 'C'])) });
  const reported = (value: { is: unknown }) => {
    const result = schema.safeParse(value);
    const issues = result.success ? [] : result.error.issues;
    return issues.flatMap((issue) => (issue.code === 'invalid_union' ? explainUnionIssue(issue, value.is) : [issue])).map((i) => `${i.path.join('.')}: ${i.code}`);
  };

  it.each([
    [{ is: 'D' }, ['is: invalid_value']],
    [{ is: 5 }, ['is: invalid_value']],
    [{ is: { not: 'D' } }, ['is.not: invalid_value']],
    [{ is: { oneOf: ['A', 'D'] } }, ['is.oneOf.1: invalid_value']],
    [{ is: { nto: 'A' } }, ['is: unrecognized_keys']],
    [{ is: { not: 'A', oneOf: ['B', 'C'] } }, ['is: unrecognized_keys']],
  ])('%j → %j', (value, issues) => {
    expect(reported(value)).toEqual(issues);
  });
});

describe('not / oneOf on every state expectation', () => {
  const at30 = contextAt(minutes(30));
  const at45 = contextAt(minutes(45));
  const atMinute = (n: number) => (n === 30 ? at30 : at45);
  it.each([
    ['vmState', { service: 'web', vm: 'web1', is: { not: 'Provisioning' } }, 30, true, 'ReadyRole'],
    ['vmState', { service: 'web', vm: 'web1', is: { oneOf: ['StoppedVM', 'StartingVM'] } }, 30, false, 'ReadyRole'],
    ['vmState', { service: 'web', vm: 'nope', is: { not: 'ReadyRole' } }, 30, false, 'no such VM'],
    ['gatewayState', { vnet: 'CorpVNet', is: { oneOf: ['Provisioning', 'Provisioned'] } }, 30, true, 'Provisioned'],
    ['connection', { vnet: 'CorpVNet', site: 'HQ', is: { not: 'Connected' } }, 30, true, undefined],
    ['connection', { vnet: 'CorpVNet', site: 'HQ', is: { not: 'Connected' } }, 45, false, undefined],
    ['connection', { vnet: 'CorpVNet', site: 'HQ', reason: { oneOf: ['none', 'DPD_TIMEOUT'] } }, 45, true, undefined],
    ['endpoint', { service: 'web', vm: 'web1', name: 'RemoteDesktop', publicPort: { not: 3389 }, privatePort: 3389 }, 30, true, undefined],
    ['endpoint', { service: 'web', vm: 'web1', name: 'RemoteDesktop', privatePort: { not: 3389 } }, 30, false, undefined],
    ['serviceKind', { service: 'idle', is: { not: 'IaaS' } }, 30, true, 'empty'],
    ['serviceKind', { service: 'web', is: { oneOf: ['PaaS', 'empty'] } }, 30, false, 'IaaS'],
    ['serviceVip', { service: 'idle', is: { not: 'assigned' } }, 30, true, 'none'],
    ['vmDip', { service: 'web', vm: 'web2', is: { oneOf: ['10.1.1.5', '10.1.1.6'] } }, 30, true, '10.1.1.5'],
    ['vmDip', { service: 'web', vm: 'web2', is: { not: '10.1.1.5' } }, 30, false, '10.1.1.5'],
    ['diskLease', { disk: 'erp-os', heldBy: { not: 'none' } }, 30, true, 'web/web2'],
    ['diskLease', { disk: 'erp-os', heldBy: { not: { service: 'web', vm: 'web2' } } }, 30, false, 'web/web2'],
    ['vmEndpoints', { service: 'web', vm: 'web2', are: { not: [] } }, 30, false, '(none)'],
    ['vmEndpoints', { service: 'web', vm: 'web1', are: { oneOf: [['SSH'], ['PowerShell', 'RemoteDesktop']] } }, 30, true, 'PowerShell, RemoteDesktop'],
  ])('%s %j at minute %i → holds %s (actual %s)', (key, parameters, minute, holds, actual) => {
    const verdict = check(key, parameters, atMinute(minute));
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });

  it('says the match in words on both sides of a verdict', () => {
    expect(check('connection', { vnet: 'CorpVNet', site: 'HQ', is: { not: 'Connected' } }, at45).expected).toBe('not Connected');
    expect(check('endpoint', { service: 'web', vm: 'web1', name: 'RemoteDesktop', publicPort: { not: 3389 } }, at30).expected).toBe('public not 3389 → private any');
    expect(check('diskLease', { disk: 'erp-os', heldBy: { oneOf: ['none', { service: 'web', vm: 'web2' }] } }, at30).expected).toBe('one of none, web/web2');
  });

  it.each([
    ['vmState: { service: web, vm: web1, is: { not: Redy } }', 51, 'expect.0.vmState.is.not: is the text "Redy"; use one of: RoleStateUnknown'],
    ['connection: { vnet: CorpVNet, site: HQ, is: { oneOf: [Connected] } }', 58, 'expect.0.connection.is.oneOf: oneOf lists at least two values'],
    ['connection: { vnet: CorpVNet, site: HQ, reason: AUTH_FAILED }', 53, 'expect.0.connection.reason: is the text "AUTH_FAILED"; use one of: none, AUTHENTICATION_FAILED'],
    ['endpoint: { service: web, vm: web1, name: RemoteDesktop, publicPort: { nto: 3389 } }', 76, 'expect.0.endpoint.publicPort.nto: unknown key "nto"; did you mean "not"? (keys allowed here: not, oneOf)'],
    ['gatewayState: { vnet: CorpVNet, is: { not: Provisioned, oneOf: [Provisioning, Provisioned] } }', 61, 'expect.0.gatewayState.is.oneOf: unknown key "oneOf"; it does not go with the other keys of this mapping; keep one of them (keys allowed here: not, oneOf)'],
  ])('refuses %s at its line and column', (expectation, column, message) => {
    expect(loadErrorOf(expectation)).toContain(`facts.yaml:${EXPECTATION_LINE}:${column}: error `);
    expect(loadErrorOf(expectation)).toContain(message);
  });
});
