import { z } from 'zod';
import { durationSchema } from './entry-schema.js';

/** An on-premises VPN device at a local network site (what the gateway negotiates with). */
export const deviceSchema = z.strictObject({
  site: z.string().min(1),
  sharedKey: z.string(),
  publicIp: z.ipv4(),
  ikeVersions: z.array(z.union([z.literal(1), z.literal(2)])).min(1),
  routing: z.enum(['PolicyBased', 'RouteBased']),
  trafficSelectors: z.array(z.cidrv4()).optional(),
  proposals: z.array(z.string()).optional(),
  gatewayAddress: z.ipv4().optional(),
  // A device is usually powered and reachable; scenarios break it with setDevicePower / setLinkFault.
  up: z.boolean().optional(),
  reachable: z.boolean().optional(),
});
