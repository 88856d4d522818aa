import { z } from 'zod';
import { EVENT_SCHEMAS, type ConnectionStatus } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue, type ValueMatch } from './value-match.js';

// ConnectivityState of Get-AzureVNetConnection (azure-classic.md §3.4).
export const CONNECTIVITY_STATE = z.enum(['NotConnected', 'Connecting', 'Connected']);
const NO_REASON = 'none';
// The failure reasons a tunnel can report: the catalogue's own list, so a typo is refused when the file loads.
const failureReason = z.enum([NO_REASON, ...EVENT_SCHEMAS['connection.stateChanged'].shape.reason.unwrap().options]);

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
      is: matchOf(CONNECTIVITY_STATE).optional(),
      reason: matchOf(failureReason).optional(),
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
      (p.is === undefined || matchesValue(p.is, state)) &&
      (p.reason === undefined || matchesValue(p.reason, reason)) &&
      (p.message === undefined || message.includes(p.message));
    return { holds, expected: describeExpected(p), actual: describeActual(connection, state, reason) };
  },
});

interface ExpectedConnection {
  is?: ValueMatch<string> | undefined;
  reason?: ValueMatch<string> | undefined;
  message?: string | undefined;
}

function describeExpected(p: ExpectedConnection): string {
  const parts: string[] = [];
  if (p.is !== undefined) parts.push(describeMatch(p.is));
  if (p.reason !== undefined) parts.push(`reason ${describeMatch(p.reason)}`);
  if (p.message !== undefined) parts.push(`message containing "${p.message}"`);
  return parts.join(', ');
}

function describeActual(connection: ConnectionStatus | undefined, state: string, reason: string): string {
  if (connection === undefined) return 'no such connection (NotConnected)';
  return `${state}, reason ${reason}, message "${connection.LastEventMessage}"`;
}
