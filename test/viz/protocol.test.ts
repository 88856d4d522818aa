import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, parseClientMessage, readResumeSeq } from '../../src/viz/index.js';

describe('parseClientMessage', () => {
  it.each([
    ['{"type":"play"}', { type: 'play' }],
    ['{"type":"play","speed":3600}', { type: 'play', speed: 3600 }],
    ['{"type":"pause"}', { type: 'pause' }],
    ['{"type":"step"}', { type: 'step' }],
    ['{"type":"seek","timeMs":60000}', { type: 'seek', timeMs: 60000 }],
    ['{"type":"reach","requestId":"r1","from":"vm:web/web1","to":"site:OnPrem"}', { type: 'reach', requestId: 'r1', from: 'vm:web/web1', to: 'site:OnPrem' }],
    ['{"type":"reach","requestId":"r2","from":"vm:web/web1","to":"site:OnPrem","atSeq":40}', { type: 'reach', requestId: 'r2', from: 'vm:web/web1', to: 'site:OnPrem', atSeq: 40 }],
    ['{"type":"diff","requestId":"d1","fromSeq":40,"toSeq":3}', { type: 'diff', requestId: 'd1', fromSeq: 40, toSeq: 3 }],
    ['{"type":"matrix","requestId":"m1"}', { type: 'matrix', requestId: 'm1' }],
    ['{"type":"matrix","requestId":"m2","atSeq":0}', { type: 'matrix', requestId: 'm2', atSeq: 0 }],
  ])('accepts %s', (text, message) => {
    expect(parseClientMessage(text)).toEqual({ ok: true, message });
  });

  it.each([
    ['not json', 'bad-json', null, 'not JSON'],
    ['{"type":"fly"}', 'bad-message', null, 'type'],
    ['{"type":"play","speed":-1}', 'bad-message', null, 'speed'],
    ['{"type":"play","speed":"fast"}', 'bad-message', null, 'speed'],
    ['{"type":"pause","extra":1}', 'bad-message', null, 'extra'],
    ['{"type":"seek","timeMs":1.5}', 'bad-message', null, 'timeMs'],
    ['{"type":"reach","requestId":"r9","from":"web1","to":"site:OnPrem"}', 'bad-message', 'r9', 'from'],
    ['{"type":"reach","requestId":"r8","from":"vm:web/web1","to":"site:OnPrem","atSeq":-1}', 'bad-message', 'r8', 'atSeq'],
    ['{"type":"reach","requestId":"r7","from":"vm:web/web1","to":"site:OnPrem","atSeq":1.5}', 'bad-message', 'r7', 'atSeq'],
    ['{"type":"diff","requestId":"d2","fromSeq":4}', 'bad-message', 'd2', 'toSeq'],
    ['{"type":"diff","requestId":"d3","fromSeq":-1,"toSeq":4}', 'bad-message', 'd3', 'fromSeq'],
    ['{"type":"diff","requestId":"d4","fromSeq":1,"toSeq":"4"}', 'bad-message', 'd4', 'toSeq'],
    ['{"type":"diff","requestId":"d5","fromSeq":1,"toSeq":4,"atSeq":2}', 'bad-message', 'd5', 'atSeq'],
    ['{"type":"matrix","requestId":"m3","atSeq":2.5}', 'bad-message', 'm3', 'atSeq'],
    ['{"type":"matrix","atSeq":2}', 'bad-message', null, 'requestId'],
    ['[1,2]', 'bad-message', null, '(message)'],
  ])('refuses %s with %s', (text, code, requestId, mention) => {
    const parsed = parseClientMessage(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ type: 'error', code, requestId });
    expect(parsed.error.message).toContain(mention);
  });
});

describe('readResumeSeq', () => {
  it.each([
    ['?lastSeq=42', 42], ['?lastSeq=-1', -1], ['?lastSeq=0', 0], ['', null], ['?lastSeq=abc', null], ['?lastSeq=-2', null], ['?lastSeq=1e3', null],
  ])('reads %s as %s', (search, seq) => expect(readResumeSeq(search)).toBe(seq));
});

describe('request guard', () => {
  it.each([
    ['127.0.0.1:8080', 8080, '127.0.0.1', true],
    ['localhost:8080', 8080, '127.0.0.1', true],
    ['[::1]:8080', 8080, '127.0.0.1', true],
    ['127.0.0.1:9999', 8080, '127.0.0.1', false],
    ['evil.example:8080', 8080, '127.0.0.1', false],
    ['127.0.0.1', 8080, '127.0.0.1', false],
    [undefined, 8080, '127.0.0.1', false],
    ['sim.lan:8080', 8080, 'sim.lan', true],
  ])('Host %s on port %s (bound to %s) allowed: %s', (host, port, bound, allowed) => {
    expect(isAllowedHost(host, port, bound)).toBe(allowed);
  });

  it.each([
    [undefined, '127.0.0.1:8080', true],
    ['http://127.0.0.1:8080', '127.0.0.1:8080', true],
    ['http://evil.example', '127.0.0.1:8080', false],
    ['http://localhost:8080', '127.0.0.1:8080', false],
    ['null', '127.0.0.1:8080', false],
  ])('Origin %s with Host %s allowed: %s', (origin, host, allowed) => {
    expect(isAllowedOrigin(origin, host)).toBe(allowed);
  });
});
