/** GUIDs the platform showed, derived from text so every run and every call shows the same ones (no randomness). */

/** A GUID derived from a name (FNV-1a over the text), so a VNet's Id is the same on every run and every call. */
export function formatStableGuid(text: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A gateway operation's own ID (pattern B). The platform gave it a version-4 GUID unrelated to the request id (GWC16:
 * request 8a03457d…, operation 49624576-d6f2-4302-81c8-…); this one is derived from the request id instead, shaped
 * the same (version 4, RFC 4122 variant), so the same request ids give the same operation ids on every run.
 */
export function deriveGatewayOperationId(requestId: string): string {
  const guid = formatStableGuid(`gateway-operation/${requestId.toLowerCase()}`);
  const variant = '89ab'.charAt(Number.parseInt(guid.charAt(19), 16) & 3);
  return `${guid.slice(0, 14)}4${guid.slice(15, 19)}${variant}${guid.slice(20)}`;
}
