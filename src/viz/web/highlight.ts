import type { ReachAnswer } from '../protocol.js';

/** What to emphasise on the graph: the nodes picked for a reach query and the traced path or blockers. */
export interface Highlight {
  selected: ReadonlySet<string>;
  pathNodes: ReadonlySet<string>;
  /** Link ids (`source>target` or `tunnel:vnet/site`) along the path, in either direction. */
  pathLinks: ReadonlySet<string>;
  blockers: ReadonlySet<string>;
  /** Ends of the flows a diff between two moments shows gained, and lost (diff-panel.ts). */
  gained: ReadonlySet<string>;
  lost: ReadonlySet<string>;
}

/** Nothing emphasised. */
export const NO_HIGHLIGHT: Highlight = {
  selected: new Set(), pathNodes: new Set(), pathLinks: new Set(), blockers: new Set(), gained: new Set(), lost: new Set(),
};

/** Emphasis for a reach answer: each consecutive pair of hops marks the link between them. */
export function highlightOf(selected: readonly string[], answer: ReachAnswer | null): Highlight {
  if (answer === null) return { ...NO_HIGHLIGHT, selected: new Set(selected) };
  const pathNodes = new Set(answer.hops.map((h) => h.nodeId));
  const pathLinks = new Set<string>();
  for (let i = 1; i < answer.hops.length; i++) {
    const a = answer.hops[i - 1]!.nodeId;
    const b = answer.hops[i]!.nodeId;
    pathLinks.add(`${a}>${b}`).add(`${b}>${a}`);
  }
  const blockers = new Set(answer.blockers.flatMap((b) => (b.nodeId === null ? [] : [b.nodeId])));
  return { ...NO_HIGHLIGHT, selected: new Set(selected), pathNodes, pathLinks, blockers };
}

/** Whether a link lies on the highlighted path, walked in either direction; a tunnel matches by its gateway and site. */
export function isLinkOnPath(highlight: Highlight, link: { source: string; target: string }): boolean {
  return highlight.pathLinks.has(`${link.source}>${link.target}`);
}
