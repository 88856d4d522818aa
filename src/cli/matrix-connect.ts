import { describeParty, judgeConnect, type ConnectBlockerCode, type ConnectParty } from '../connect/index.js';
import { listConnectParties, type World } from '../sim/index.js';

/** One end of the Connect matrix: a local endpoint, or the instances of one role that the policy treats alike. */
export interface ConnectMatrixEnd {
  name: string;
  kind: 'local' | 'role';
  members: string[];
}

/** One unordered pair of ends (a role with several instances is also paired with itself): delivered, or its blockers. */
export interface ConnectMatrixPair {
  a: string;
  b: string;
  verdict: 'delivered' | 'blocked';
  blockers: ConnectBlockerCode[];
}

/** Who reaches whom through the Connect relay (IPv6), beside the network matrix. */
export interface ConnectMatrix {
  ends: ConnectMatrixEnd[];
  pairs: ConnectMatrixPair[];
}

/**
 * The Connect section of `vnetsim matrix`, or undefined when the world has no Connect state (no agent, no enabled
 * role), so a world without Connect prints what it always did. Instances of one role in one deployment state are one
 * end: the policy judges an instance by its role and whether it runs, never by its name (src/connect/policy.ts).
 */
export function computeConnectMatrix(world: World): ConnectMatrix | undefined {
  const { endpoints, roles } = world.connect;
  if (Object.keys(endpoints).length === 0 && Object.keys(roles).length === 0) return undefined;
  const groups = groupParties(listConnectParties(world));
  const pairs: ConnectMatrixPair[] = [];
  groups.forEach((from, i) => {
    for (const to of groups.slice(from.end.members.length > 1 ? i : i + 1)) {
      const verdict = judgeConnect(world.connect, from.party, to.party, 'ipv6');
      pairs.push({
        a: from.end.name,
        b: to.end.name,
        verdict: verdict.allowed ? 'delivered' : 'blocked',
        blockers: [...new Set(verdict.blockers.map((b) => b.code))],
      });
    }
  });
  return { ends: groups.map((g) => g.end), pairs };
}

/** The Connect section as text lines, to follow the network matrix. */
export function formatConnectMatrixText(matrix: ConnectMatrix): string[] {
  const nameWidth = Math.max(0, ...matrix.ends.map((e) => e.name.length));
  const pairLabels = matrix.pairs.map((p) => (p.a === p.b ? `${p.a} ↔ each other` : `${p.a} ↔ ${p.b}`));
  const pairWidth = Math.max(0, ...pairLabels.map((l) => l.length));
  return [
    '',
    `connect: who reaches whom through the Windows Azure Connect relay (IPv6 only), ${matrix.ends.length} ends, ${matrix.pairs.length} pairs`,
    ...matrix.ends.map((e) => `  ${e.name.padEnd(nameWidth)}  ${e.kind === 'local' ? 'local endpoint' : `role instances: ${e.members.join(', ')}`}`),
    '',
    ...matrix.pairs.map((p, i) => `  ${(pairLabels[i] ?? '').padEnd(pairWidth)}  ${p.verdict === 'delivered' ? 'delivered through the relay' : `blocked: ${p.blockers.join(', ')}`}`),
  ];
}

/** What a delivered Connect pair's CSV rows say in the path and ports columns: the relay, IPv6 only, any port. */
export const CONNECT_CSV_PATH = 'connect-relay-ipv6';

/**
 * The Connect pairs as rows of the matrix CSV (from, from_members, to, to_members, path, ports): like the network
 * rows, only what is delivered, one row per direction (a policy link carries both ways), a role with itself once.
 */
export function connectCsvRows(matrix: ConnectMatrix): string[][] {
  const membersOf = new Map(matrix.ends.map((e) => [e.name, e.members.join(' ')]));
  const rows: string[][] = [];
  for (const p of matrix.pairs) {
    if (p.verdict !== 'delivered') continue;
    const row = (from: string, to: string): string[] => [from, membersOf.get(from) ?? '', to, membersOf.get(to) ?? '', CONNECT_CSV_PATH, 'any'];
    rows.push(row(p.a, p.b));
    if (p.a !== p.b) rows.push(row(p.b, p.a));
  }
  return rows;
}

/** Local endpoints one by one; instances grouped by service, role and whether they run, with the first as the one judged. */
function groupParties(parties: readonly ConnectParty[]): Array<{ end: ConnectMatrixEnd; party: ConnectParty }> {
  const groups: Array<{ end: ConnectMatrixEnd; party: ConnectParty }> = [];
  const byRole = new Map<string, ConnectMatrixEnd>();
  for (const party of parties) {
    if (party.kind !== 'instance') {
      groups.push({ end: { name: describeParty(party), kind: 'local', members: [describeParty(party)] }, party });
      continue;
    }
    const key = `${party.service}/${party.role}${party.running ? '' : ' (not running)'}`;
    const known = byRole.get(key);
    if (known !== undefined) {
      known.members.push(party.instance);
      continue;
    }
    const end: ConnectMatrixEnd = { name: key, kind: 'role', members: [party.instance] };
    byRole.set(key, end);
    groups.push({ end, party });
  }
  return groups;
}
