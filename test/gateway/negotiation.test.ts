import { describe, expect, it } from 'vitest';
import {
  findRefusalReason, findSilenceReason, formatWireNotify, isProposalAccepted, type AzureEnd, type IkeExchange, type PeerEnd, type SiteEnd,
} from '../../src/gateway/negotiation.js';
import { createSiteRecord } from '../../src/gateway/site-record.js';
import type { LocalSiteSpec } from '../../src/gateway/types.js';

const STATIC: AzureEnd = { gatewayType: 'StaticRouting', publicIp: '40.0.0.1', sharedKey: 'k', vnetAddressSpace: ['10.0.0.0/16'] };
const DYNAMIC: AzureEnd = { ...STATIC, gatewayType: 'DynamicRouting' };
const SITE_SPEC: LocalSiteSpec = { name: 'Site1', addressPrefixes: ['192.168.0.0/16'], vpnGatewayAddress: '203.0.113.10' };
const SITE: SiteEnd = createSiteRecord(SITE_SPEC);
const PEER: PeerEnd = { sharedKey: 'k', publicIp: '203.0.113.10', ikeVersions: [1, 2], routing: 'PolicyBased', up: true, reachable: true };

describe('findSilenceReason', () => {
  it.each<[string, Partial<PeerEnd>, Partial<LocalSiteSpec>, boolean, string | undefined]>([
    ['healthy device answers', {}, {}, false, undefined],
    ['powered-off device is silent', { up: false }, {}, false, 'PEER_UNREACHABLE'],
    ['broken link is silent', { reachable: false }, {}, false, 'PEER_UNREACHABLE'],
    ['site points at another address', {}, { vpnGatewayAddress: '203.0.113.99' }, false, 'WRONG_PEER_IP'],
    ['device points at a stale gateway IP', { gatewayAddress: '40.0.0.9' }, {}, false, 'WRONG_PEER_IP'],
    ['device pointing at the right gateway IP answers', { gatewayAddress: '40.0.0.1' }, {}, false, undefined],
    ['device IP inside the site answers while the tunnel is down', { publicIp: '192.168.1.1' }, { vpnGatewayAddress: '192.168.1.1' }, false, undefined],
    ['device IP inside the site goes silent once the tunnel is up', { publicIp: '192.168.1.1' }, { vpnGatewayAddress: '192.168.1.1' }, true, 'DEVICE_IP_INSIDE_SITE'],
  ])('%s', (_name, peer, site, tunnelUp, expected) => {
    expect(findSilenceReason(STATIC, createSiteRecord({ ...SITE_SPEC, ...site }), { ...PEER, ...peer }, tunnelUp)).toBe(expected);
  });
});

describe('findRefusalReason', () => {
  it.each<[string, AzureEnd, IkeExchange, Partial<PeerEnd>, string | undefined]>([
    ['IKEv1 main mode succeeds on a static gateway', STATIC, 'MAIN_MODE', {}, undefined],
    ['IKEv2-only device on a static gateway', STATIC, 'MAIN_MODE', { ikeVersions: [2] }, 'NO_PROPOSAL_CHOSEN'],
    ['IKEv1-only device (Cisco ASA) on a dynamic gateway', DYNAMIC, 'IKE_SA_INIT', { ikeVersions: [1] }, 'NO_PROPOSAL_CHOSEN'],
    ['unsupported phase 1 proposal', DYNAMIC, 'IKE_SA_INIT', { proposals: ['aes128-sha1-modp1024'] }, 'NO_PROPOSAL_CHOSEN'],
    ['one acceptable proposal among several', DYNAMIC, 'IKE_SA_INIT', { proposals: ['des-md5-modp768', 'aes256-sha256-modp1024'] }, undefined],
    ['wrong key in IKEv2 IKE_AUTH', DYNAMIC, 'IKE_AUTH', { sharedKey: 'other' }, 'AUTHENTICATION_FAILED'],
    ['wrong key in IKEv1 main mode', STATIC, 'MAIN_MODE', { sharedKey: 'other' }, 'AUTHENTICATION_FAILED'],
    ["empty device key means Azure's key", DYNAMIC, 'IKE_AUTH', { sharedKey: '' }, undefined],
    ['policy-based selectors must equal the VNet space', STATIC, 'QUICK_MODE', { trafficSelectors: ['10.0.0.0/24'] }, 'TS_UNACCEPTABLE'],
    ['split but equal selectors are accepted', STATIC, 'QUICK_MODE', { trafficSelectors: ['10.0.0.0/17', '10.0.128.0/17'] }, undefined],
    ['route-based device proposes any-to-any to a static gateway', STATIC, 'QUICK_MODE', { routing: 'RouteBased' }, 'TS_UNACCEPTABLE'],
    ['route-based gateway accepts narrowed selectors', DYNAMIC, 'IKE_AUTH', { trafficSelectors: ['10.0.0.0/24'] }, undefined],
    ['IKEv2 rekey re-checks proposals, not the key', DYNAMIC, 'CREATE_CHILD_SA', { sharedKey: 'changed' }, undefined],
    ['liveness probe is always answered', DYNAMIC, 'INFORMATIONAL', { sharedKey: 'x', ikeVersions: [1] }, undefined],
  ])('%s', (_name, azure, exchange, peer, expected) => {
    expect(findRefusalReason(exchange, azure, SITE, { ...PEER, ...peer })).toBe(expected);
  });
});

describe('isProposalAccepted', () => {
  it.each<[string, 'StaticRouting' | 'DynamicRouting', boolean]>([
    ['aes256-sha1-modp1024', 'StaticRouting', true],
    ['AES128-SHA1-DH2', 'StaticRouting', true],
    ['aes128-sha1-modp1024', 'DynamicRouting', false],
    ['3des-sha256-modp1024', 'DynamicRouting', true],
    ['aes256-sha256-modp1024', 'StaticRouting', false],
    ['aes256-sha1-modp2048', 'DynamicRouting', false],
    ['aes256-sha1', 'DynamicRouting', false],
  ])('%s on %s → %s', (proposal, type, expected) => {
    expect(isProposalAccepted(type, proposal)).toBe(expected);
  });
});

describe('formatWireNotify', () => {
  it.each<[IkeExchange, 'TS_UNACCEPTABLE' | 'AUTHENTICATION_FAILED' | 'NO_PROPOSAL_CHOSEN', string]>([
    ['QUICK_MODE', 'TS_UNACCEPTABLE', "INVALID_ID_INFORMATION (IKEv1's TS_UNACCEPTABLE)"],
    ['IKE_AUTH', 'TS_UNACCEPTABLE', 'TS_UNACCEPTABLE'],
    ['MAIN_MODE', 'AUTHENTICATION_FAILED', 'AUTHENTICATION_FAILED'],
    ['IKE_SA_INIT', 'NO_PROPOSAL_CHOSEN', 'NO_PROPOSAL_CHOSEN'],
  ])('%s refused with %s is sent as %s', (exchange, reason, expected) => {
    expect(formatWireNotify(exchange, reason)).toBe(expected);
  });
});
