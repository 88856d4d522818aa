import { drawDurationMs } from '../common/index.js';
import type { ComputeLimits, ComputeProfile, DecideContext } from '../vm/index.js';
import { drawPublicIp } from './public-ip-pool.js';
import type { Rng } from './rng.js';
import type { World } from './world.js';

/** First port the platform picks automatically (the IANA dynamic range; RDP auto ports were "5xxxx" high ports). */
export const AUTO_PORT_MIN = 49_152;
/** Last port of the automatic range. */
export const AUTO_PORT_MAX = 65_535;

/** Independent random streams, one per kind of choice, so adding a draw of one kind never shifts another. */
export interface RandomStreams {
  vip: Rng;
  port: Rng;
  mac: Rng;
  fabric: Rng;
  /** How long each VM operation takes within its recorded range. */
  timing: Rng;
}

/** Forks the streams from the simulation's root RNG. */
export function forkStreams(root: Rng): RandomStreams {
  return { vip: root.fork('vip'), port: root.fork('port'), mac: root.fork('mac'), fabric: root.fork('fabric'), timing: root.fork('vm-timing') };
}

/** Copies of the streams at their current positions (a trial run draws from these, never from the engine's). */
export function cloneStreams(streams: RandomStreams): RandomStreams {
  return { vip: streams.vip.clone(), port: streams.port.clone(), mac: streams.mac.clone(), fabric: streams.fabric.clone(), timing: streams.timing.clone() };
}

// Every byte's two upper-case hex digits, built once: a MAC is drawn per VM.
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).toUpperCase().padStart(2, '0'));

function hexByte(rng: Rng): string {
  return HEX_BYTES[rng.nextInt(256)]!;
}

/**
 * Builds the context rules decide with: time, profile, limits and the seeded pickers over the live world. Built once
 * per simulation; the engine sets `nowMs` before each decision.
 */
export function createDecideContext(world: World, streams: RandomStreams, profile: ComputeProfile, limits: ComputeLimits): DecideContext {
  return {
    nowMs: 0,
    profile,
    limits,
    pickPublicIp: (alsoTaken) => drawPublicIp(streams.vip, world.publicIps, alsoTaken),
    pickPublicPort: (isTaken) => {
      const span = AUTO_PORT_MAX - AUTO_PORT_MIN + 1;
      for (let attempt = 0; attempt < 64; attempt++) {
        const port = AUTO_PORT_MIN + streams.port.nextInt(span);
        if (!isTaken(port)) return port;
      }
      // A crowded VIP: fall back to the first free port so the pick always ends.
      for (let port = AUTO_PORT_MIN; port <= AUTO_PORT_MAX; port++) if (!isTaken(port)) return port;
      throw new RangeError('no free public port left on the VIP');
    },
    // 00-15-5D is Hyper-V's OUI, the prefix classic VM NICs carried. Joined, not concatenated: one flat string kept by
    // the VM and its event instead of a chain of partial strings per VM.
    pickMac: () => ['00-15-5D', hexByte(streams.mac), hexByte(streams.mac), hexByte(streams.mac)].join('-'),
    pickFabricPrefix: () => `10.${streams.fabric.nextInt(256)}.${streams.fabric.nextInt(64) * 4}.0/22`,
    drawDurationMs: (range) => drawDurationMs(range, streams.timing),
  };
}
