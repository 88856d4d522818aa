import { describe, expect, it } from 'vitest';
import { check, contextAt, expectLoadError, minutes } from './expectation-story.js';

describe('passedThrough / neverReached read states from the log between two times', () => {
  const end = contextAt(minutes(120));
  it.each([
    ['passedThrough', { service: 'web', vm: 'web1', state: 'Provisioning' }, true, 'held Provisioning → ReadyRole'],
    ['neverReached', { service: 'web', vm: 'web2', state: 'Provisioning' }, true, 'held StartingVM → ReadyRole'],
    ['neverReached', { service: 'web', vm: 'web1', state: 'Provisioning', from: '10m' }, true, 'held ReadyRole'],
    ['passedThrough', { service: 'web', vm: 'web2', state: { oneOf: ['StoppedVM', 'StartingVM'] } }, true, 'held StartingVM → ReadyRole'],
    ['passedThrough', { vnet: 'CorpVNet', state: 'Deprovisioning' }, true, undefined],
    ['passedThrough', { vnet: 'CorpVNet', state: 'Deprovisioning', until: '59m' }, false, 'held NotProvisioned → Provisioning → Provisioned'],
    ['passedThrough', { vnet: 'CorpVNet', state: 'NotProvisioned', from: '1h', until: '1h5m' }, true, 'held Deprovisioning → NotProvisioned'],
    ['neverReached', { vnet: 'CorpVNet', state: 'Provisioned', from: '1h1m', until: '1h30m' }, true, 'held NotProvisioned → Provisioning'],
    ['neverReached', { vnet: 'CorpVNet', site: 'HQ', state: 'Connected', until: '39m' }, true, 'held NotConnected → Connecting'],
    ['neverReached', { vnet: 'CorpVNet', site: 'HQ', state: 'Connected' }, false, 'held NotConnected → Connecting → Connected'],
    ['passedThrough', { vnet: 'CorpVNet', site: 'HQ', state: 'Connected', from: '40m', until: '40m' }, false, 'held Connecting'],
    ['passedThrough', { vnet: 'CorpVNet', site: 'HQ', state: 'Connected', from: '40m', until: '41m' }, true, 'held Connecting → Connected'],
    ['passedThrough', { vnet: 'CorpVNet', site: 'HQ', state: 'Connected', from: '45m', until: '59m' }, true, 'held Connected'],
    ['passedThrough', { service: 'idle', vm: 'vm9', state: 'ReadyRole' }, false, 'no state logged'],
  ])('%s %j → holds %s (actual %s)', (key, parameters, holds, actual) => {
    const verdict = check(key, parameters, end);
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });

  it('says the history in words', () => {
    const verdict = check('neverReached', { vnet: 'CorpVNet', site: 'HQ', state: { not: 'NotConnected' }, until: '10m' }, end);
    expect(verdict).toEqual({ holds: true, expected: 'never reached not NotConnected', actual: 'held NotConnected' });
  });

  it.each([
    ['neverReached: { service: web, vm: web1, state: Running }', 'Running', 'expect.0.neverReached.state: Running is not a state of a vm; use one of: RoleStateUnknown'],
    ['passedThrough: { vnet: CorpVNet, site: HQ, state: Provisioned }', 'Provisioned', 'expect.0.passedThrough.state: Provisioned is not a state of a tunnel; use one of: NotConnected, Connecting, Connected'],
    ['passedThrough: { vnet: CorpVNet, state: Connected }', 'Connected', 'expect.0.passedThrough.state: Connected is not a state of a gateway; use one of: NotProvisioned'],
    ['passedThrough: { service: web, vm: web1, stat: ReadyRole }', 'stat', 'expect.0.passedThrough.stat: unknown key "stat"'],
    ['passedThrough: { service: web, state: ReadyRole }', '{', 'expect.0.passedThrough: name a VM (service and vm), a gateway (vnet) or a tunnel (vnet and site), and nothing else'],
    ['neverReached: { service: web, vm: web1, state: { oneOf: [ReadyRole, Connected] } }', 'Connected', 'expect.0.neverReached.state.oneOf.1: Connected is not a state of a vm'],
    ['neverReached: { vnet: CorpVNet, site: HQ, state: Connected, from: 3h }', '3h', "from 3h is after this expectation's time (at: 2h)"],
    ['neverReached: { vnet: CorpVNet, site: HQ, state: Connected, from: 1h, until: 10m }', '10m', 'expect.0.neverReached.until: until 10m is before from 1h'],
    ['neverReached: { vnet: CorpVNet, site: HQQ, state: Connected }', 'HQQ', 'site "HQQ" is not declared'],
    ['passedThrough: { service: web, vm: web3, state: ReadyRole }', 'web3', 'vm "web/web3" is not declared'],
  ])('refuses %s at %j', expectLoadError);
});
