import { describeReason, type FailureReason } from './reasons.js';
import type { ConnectivityState } from './types.js';

/**
 * The text and IDs Get-AzureVNetConnection showed. The documented sample is
 * "The connectivity state for the local network site 'Site1' changed from Not Connected to Connected." with
 * LastEventID 23401; messages spell states with spaces ("Not Connected") unlike the enum.
 */

/** LastEventID per kind of event. Only 23401 (to Connected) is documented; the neighbours are our assumption. */
export const CONNECTION_EVENT_IDS = {
  Connected: 23401,
  NotConnected: 23402,
  Connecting: 23403,
} as const satisfies Record<ConnectivityState, number>;

const STATE_TEXT: Record<ConnectivityState, string> = {
  NotConnected: 'Not Connected',
  Connecting: 'Connecting',
  Connected: 'Connected',
};

/** A connectivity state as the platform's messages spelled it. */
export function formatConnectivityState(state: ConnectivityState): string {
  return STATE_TEXT[state];
}

/** The LastEventMessage for a state change, with the reason and its fix appended when there is one. */
export function formatConnectivityMessage(
  site: string,
  from: ConnectivityState,
  to: ConnectivityState,
  reason: FailureReason | undefined,
): string {
  const base = from === to
    ? `The connectivity state for the local network site '${site}' is ${formatConnectivityState(to)}.`
    : `The connectivity state for the local network site '${site}' changed from ${formatConnectivityState(from)} to ${formatConnectivityState(to)}.`;
  return reason === undefined ? base : `${base} ${describeReason(reason)}`;
}
