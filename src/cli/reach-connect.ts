import { traceConnectPath, type ConnectPath } from '../connect/index.js';
import { resolveConnectParty, type World } from '../sim/index.js';

/**
 * The Connect answer `vnetsim reach` prints beside the VNet and gateway paths: asked only when the world has Connect
 * state (an agent or an enabled role) and both ends read as Connect ends; undefined otherwise.
 */
export function answerConnectReach(world: World, from: string, to: string): ConnectPath | undefined {
  const { endpoints, roles } = world.connect;
  if (Object.keys(endpoints).length === 0 && Object.keys(roles).length === 0) return undefined;
  const a = resolveConnectParty(world, from);
  const b = resolveConnectParty(world, to);
  if (!a.ok || !b.ok) return undefined;
  return traceConnectPath(world.connect, a.party, b.party, 'ipv6');
}

/** The Connect section of `vnetsim reach`'s text: the path hop by hop, its blockers with fixes, and the contrast. */
export function formatConnectPath(path: ConnectPath, from: string, to: string): string[] {
  const lines = ['', `connect: ${from} → ${to} over IPv6 through the relay: ${path.allowed ? 'allowed' : 'blocked'}`];
  const width = Math.max(...path.hops.map((h) => h.object.length));
  for (const hop of path.hops) lines.push(`  ${hop.ok ? '✓' : '✗'} ${hop.kind.padEnd(8)} ${hop.object.padEnd(width)}  ${hop.detail}`);
  if (path.blockers.length > 0) {
    lines.push(`  blockers (${path.blockers.length}; fix every one):`);
    for (const b of path.blockers) lines.push(`    ✗ ${b.code}  ${b.object}`, `        ${b.message}`, `        fix: ${b.fix}`);
  }
  lines.push(`  note: ${path.contrast}`);
  return lines;
}
