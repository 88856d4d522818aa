import { describe, expect, it } from 'vitest';
import { dashRequestId, deriveGatewayOperationId } from '../../src/asm/index.js';

const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('gateway operation ids (pattern B)', () => {
  it.each([
    ['8a03457d288a9c9e9e8072a71cc5d08d'],
    ['5a1e0000000040008000000000000001'],
    ['5a1e0000000040008000000000000002'],
    ['00000000000000000000000000000000'],
  ])('are version-4 GUIDs of their own, the same for the same request id: %s', (requestId) => {
    const id = deriveGatewayOperationId(requestId);
    expect(id).toMatch(GUID_V4);
    expect(deriveGatewayOperationId(requestId)).toBe(id);
    expect(deriveGatewayOperationId(requestId.toUpperCase())).toBe(id);
    // GWC16: the gateway operation's ID is not the request id as pattern A shows it.
    expect(id).not.toBe(dashRequestId(requestId));
  });

  it('differ for 10,000 consecutive request ids', () => {
    const ids = new Set(Array.from({ length: 10_000 }, (_, n) => deriveGatewayOperationId(`5a1e0000000040008000${n.toString(16).padStart(12, '0')}`)));
    expect(ids.size).toBe(10_000);
  });
});
