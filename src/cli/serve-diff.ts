import { eventLogWindow, type EventLog } from '../sim/index.js';
import { diffIndexes, type FlowChange, type ReachClass } from '../topology/index.js';
import {
  MAX_DIFF_FLOWS_SENT, MAX_DIFF_TEXT_CHARS, type ClassRef, type DiffFlow, type DiffReply,
} from '../viz/index.js';
import { findCauseEvents, listReachEvents } from './diff-causes.js';
import { abbreviateClassLabel } from './matrix-format.js';
import { formatDiffText, type DiffReport, type ExplainedChange } from './diff-format.js';
import type { MomentIndexer } from './serve-moment.js';
import type { ReachWorldLabel } from './serve-reach.js';

/**
 * Answers the page's "what changed between moment A and moment B" exactly as `vnetsim diff` does (the same
 * diffIndexes, cause finding and text), for moments named by event seq instead of time: the flows gained and lost,
 * each with the events in between that touched what it depends on, and the members of each class as graph nodes so
 * the page can mark them. A moment that is the last event of its second is the CLI's moment at that time.
 */
export function createDiffAnswerer(
  readEvents: () => EventLog, label: ReachWorldLabel, moments: MomentIndexer,
): (fromSeq: number, toSeq: number) => DiffReply {
  return (fromSeq, toSeq) => {
    // The earlier side gets an index of its own: the shared one is changed in place by the next fold.
    const before = moments.ownIndexAt(fromSeq);
    const after = moments.indexAt(toSeq);
    const diff = diffIndexes(before.index, after.index);
    const [early, late] = [Math.min(before.count, after.count), Math.max(before.count, after.count)];
    const between = listReachEvents(eventLogWindow(readEvents(), early, late));
    const explain = (change: FlowChange): ExplainedChange => ({ ...change, causes: findCauseEvents(change, diff.classes, between) });
    const report: DiffReport = {
      ...label, fromMs: before.atMs, toMs: after.atMs, classes: diff.classes, gained: diff.gained.map(explain), lost: diff.lost.map(explain),
    };
    const gained = report.gained.slice(0, MAX_DIFF_FLOWS_SENT).map(toDiffFlow);
    const lost = report.lost.slice(0, MAX_DIFF_FLOWS_SENT).map(toDiffFlow);
    const named = new Set([...gained, ...lost].flatMap((f) => [f.from, f.to]));
    return {
      from: { atSeq: before.atSeq, atMs: before.atMs },
      to: { atSeq: after.atSeq, atMs: after.atMs },
      classes: diff.classes.filter((c) => named.has(c.id)).map(toClassRef),
      gained,
      lost,
      gainedCount: report.gained.length,
      lostCount: report.lost.length,
      text: capText(formatDiffText(report)),
    };
  };
}

/** A class with its members as graph node ids, labelled as the CLI labels it. */
export function toClassRef(cls: ReachClass): ClassRef {
  return { id: cls.id, kind: cls.kind, label: abbreviateClassLabel(cls), nodeIds: cls.members.map((m) => memberNodeId(cls.kind, m)) };
}

/** The graph node of a class member: `vm:svc/name` for a VM key `svc/name`, `site:NAME` for a site. */
export function memberNodeId(kind: ReachClass['kind'], member: string): string {
  return kind === 'site' ? `site:${member}` : `vm:${member}`;
}

function toDiffFlow(change: ExplainedChange): DiffFlow {
  return { from: change.from, to: change.to, port: change.port, before: change.before, after: change.after, causes: change.causes };
}

/** The text as the CLI prints it, cut at a line when longer than MAX_DIFF_TEXT_CHARS (the cut says so). */
function capText(text: string): string {
  if (text.length <= MAX_DIFF_TEXT_CHARS) return text;
  const cut = text.lastIndexOf('\n', MAX_DIFF_TEXT_CHARS) + 1;
  const left = text.slice(cut).split('\n').length - 1;
  return `${text.slice(0, cut)}… ${left} more lines: run vnetsim diff for the whole list\n`;
}
