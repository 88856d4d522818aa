import { z } from 'zod';
import type { World } from '../../sim/index.js';
import type { ObjectReference } from '../object-reference.js';
import { mapMatch, pathsOfMatch, valuesOfMatch, type ValueMatch } from './value-match.js';

/*
 * Names instead of addresses: `vip:SERVICE` is the service's production VIP and `gateway:VNET` the VNet gateway's
 * public IP, both drawn by the seed. An expectation names them and they are read from the world at the moment it is
 * checked, so a story never hard-codes an address the seed chose.
 */

const VIP_PREFIX = 'vip:';
const GATEWAY_PREFIX = 'gateway:';
const NAMED_ADDRESS_PATTERN = /^(vip|gateway):([^\s:/]+)$/;
const DOTTED_QUAD_PATTERN = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * An IPv4 address, `vip:SERVICE` or `gateway:VNET` (the name is resolved when the expectation is checked), or one
 * of `words` (such as `none`).
 */
export function addressSchema(words: readonly string[] = []) {
  const alternatives = ['\\d{1,3}(?:\\.\\d{1,3}){3}', 'vip:[^\\s:/]+', 'gateway:[^\\s:/]+', ...words];
  const also = words.map((word) => `, or ${word}`).join('');
  return z
    .string()
    .regex(new RegExp(`^(?:${alternatives.join('|')})$`), {
      error: `write an IPv4 address (10.1.1.4), vip:SERVICE (its production VIP) or gateway:VNET (its public IP)${also}`,
    })
    .refine((text) => !DOTTED_QUAD_PATTERN.test(text) || isIPv4(text), { error: 'each part of an IPv4 address is 0–255' });
}

/** What a named address stands for now: the address, or why it has none at this moment. */
export type AddressResolution = { ok: true; address: string } | { ok: false; reason: string };

/** Whether the text names an address (`vip:…`, `gateway:…`) rather than spelling one. */
export function isAddressName(text: string): boolean {
  return NAMED_ADDRESS_PATTERN.test(text);
}

/** Reads a named address from the world as it is now; a spelt-out address stands for itself. */
export function resolveAddress(world: World, text: string): AddressResolution {
  if (text.startsWith(VIP_PREFIX)) {
    const service = text.slice(VIP_PREFIX.length);
    const vip = world.services[service]?.vips.production ?? null;
    if (vip !== null) return { ok: true, address: vip };
    const why = world.services[service] === undefined ? `service ${service} does not exist` : `service ${service} holds no production VIP`;
    return { ok: false, reason: `${text} has no address now: ${why}` };
  }
  if (text.startsWith(GATEWAY_PREFIX)) {
    const vnet = text.slice(GATEWAY_PREFIX.length);
    const gateway = world.gateway.gateways[vnet];
    if (gateway?.publicIp !== undefined) return { ok: true, address: gateway.publicIp };
    return { ok: false, reason: `${text} has no address now: the gateway of ${vnet} is ${gateway?.state ?? 'NotProvisioned'}` };
  }
  return { ok: true, address: text };
}

/**
 * Resolves every name a match holds (`{ not: vip:web }`): the match on addresses and the match in words with each
 * name's address (`not vip:web (168.62.0.4)`), or the first reason a name has no address now.
 */
export function resolveAddressMatch(
  world: World,
  match: ValueMatch<string>,
): { ok: true; match: ValueMatch<string>; shown: ValueMatch<string> } | { ok: false; reason: string } {
  const addresses = new Map<string, string>();
  for (const text of valuesOfMatch(match)) {
    const resolved = resolveAddress(world, text);
    if (!resolved.ok) return resolved;
    addresses.set(text, resolved.address);
  }
  const addressOf = (text: string): string => addresses.get(text) ?? text;
  return { ok: true, match: mapMatch(match, addressOf), shown: mapMatch(match, (text) => (isAddressName(text) ? `${text} (${addressOf(text)})` : text)) };
}

/** References of every name a match holds, each at its own path below `field`. */
export function referencesOfAddressMatch(match: ValueMatch<string>, field: string): ObjectReference[] {
  return pathsOfMatch(match).flatMap(({ value, path }) => referenceOfAddress(value, [field, ...path]) ?? []);
}

/** The object a named address names (the service of `vip:`, the VNet of `gateway:`), for the check before the run. */
export function referenceOfAddress(text: string, path: readonly PropertyKey[]): ObjectReference | undefined {
  const match = NAMED_ADDRESS_PATTERN.exec(text);
  if (match?.[2] === undefined) return undefined;
  return { kind: match[1] === 'vip' ? 'service' : 'vnet', name: match[2], path };
}

function isIPv4(text: string): boolean {
  return text.split('.').every((part) => Number(part) <= 255);
}
