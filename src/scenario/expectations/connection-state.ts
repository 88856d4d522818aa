import { z } from 'zod';
import type { ConnectionStatus } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';

// ConnectivityState of Get-AzureVNetConnection (azure-classic.md §3.4).
const connectivityState = z.enum(['NotConnected', 'Connecting', 'Connected']);
const NO_REASON = 'none';

/**
 * `connection: { vnet, site, is?, reason?, message? }`: the site tunnel's ConnectivityState, the failure reason
 * (e.g. AUTHENTICATION_FAILED, or `none`), and a substring of its LastEventMessage.
 */
export const connectionKind = defineExpectationKind({
  key: 'connection',
  schema: z
    .strictObject({
      vnet: z.string().min(1),
      site: z.string().min(1),
      is: connectivityState.optional(),
      reason: z.string().min(1).optional(),
      message: z.string().min(1).optional(),
    })
    .refine((p) => p.is !== undefined || p.reason !== undefined || p.message !== undefined, {
      error: 'say what to expect: "is", "reason" and/or "message"',
    }),
  describe: (p) => `tunnel ${p.vnet} ↔ ${p.site} ${describeExpected(p)}`,
  references: (p) => [
    { kind: 'vnet', name: p.vnet, path: ['vnet'] },
    { kind: 'site', name: p.site, path: ['site'] },
  ],
  evaluate: (p, { world }) => {
    const connection = world.gateway.gateways[p.vnet]?.connections[p.site];
    const state = connection?.ConnectivityState ?? 'NotConnected';
    const reason = connection?.reason ?? NO_REASON;
    const message = connection?.LastEventMessage ?? '';
    const holds =
      (p.is === undefined || state === p.is) &&
      (p.reason === undefined || reason === p.reason) &&
      (p.message === undefined || message.includes(p.message));
    return { holds, expected: describeExpected(p), actual: describeActual(connection, state, reason) };
  },
});

function describeExpected(p: { is?: string | undefined; reason?: string | undefined; message?: string | undefined }): string {
  const parts: string[] = [];
  if (p.is !== undefined) parts.push(p.is);
  if (p.reason !== undefined) parts.push(`reason ${p.reason}`);
  if (p.message !== undefined) parts.push(`message containing "${p.message}"`);
  return parts.join(', ');
}

function describeActual(connection: ConnectionStatus | undefined, state: string, reason: string): string {
  if (connection === undefined) return 'no such connection (NotConnected)';
  return `${state}, reason ${reason}, message "${connection.LastEventMessage}"`;
}
