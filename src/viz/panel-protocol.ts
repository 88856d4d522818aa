/**
 * The socket messages of the page's diff and matrix panels (protocol.ts adds them to its unions). Both are computed
 * on the server with the same functions as `vnetsim diff` and `vnetsim matrix`, for moments the page names by the
 * last event it shows (`atSeq`), and both are bounded so a large world cannot flood the page.
 */

/** A moment of the log: the last event shown (0 before the first) and its simulated time. */
export interface MomentRef {
  atSeq: number;
  atMs: number;
}

/** Flows sent per list (gained, lost) of a diff; the text says when the list goes on. */
export const MAX_DIFF_FLOWS_SENT = 200;

/** Characters of a diff's CLI text sent; a longer text is cut at a line and says so. */
export const MAX_DIFF_TEXT_CHARS = 100_000;

/** Classes a matrix reply carries (the matrix is classes², so 60 classes are 3,600 cells); the reply says when cut. */
export const MAX_MATRIX_CLASSES = 60;

/** A class of interchangeable VMs, or an on-premises site, as the page draws it: its graph nodes and its label. */
export interface ClassRef {
  id: string;
  kind: 'vms' | 'site';
  /** The label `vnetsim diff`/`matrix` print (a large class abbreviated). */
  label: string;
  /** Graph node ids of the members (`vm:svc/name`, `site:NAME`). */
  nodeIds: string[];
}

/** An event between the two moments that touched an object a changed flow depends on. */
export interface DiffCause {
  seq: number;
  time: number;
  type: string;
  object: string;
  detail: string;
}

/** A flow gained or lost between two classes, on a port label, with its dispositions before and after. */
export interface DiffFlow {
  from: string;
  to: string;
  port: string;
  before: string;
  after: string;
  causes: DiffCause[];
}

/** The flows gained and lost from moment `from` to moment `to`, and what `vnetsim diff` prints for them. */
export interface DiffReply {
  from: MomentRef;
  to: MomentRef;
  /** The classes the flows sent name. */
  classes: ClassRef[];
  gained: DiffFlow[];
  lost: DiffFlow[];
  /** How many flows there are in all; more than sent when a list was cut at MAX_DIFF_FLOWS_SENT. */
  gainedCount: number;
  lostCount: number;
  text: string;
}

/** Reply to a diff query, matched by `requestId`. */
export interface DiffMessage extends DiffReply {
  type: 'diff';
  requestId: string;
}

/** A class as a row and column of the matrix, with the graph nodes a reach query about its cells starts and ends at. */
export interface MatrixClass {
  id: string;
  kind: 'vms' | 'site';
  label: string;
  memberCount: number;
  /** The member standing for the class in every cell (the first). */
  nodeId: string;
  /** The member standing for the class's own diagonal cell, `null` when it has only one (a VM does not reach itself). */
  partnerNodeId: string | null;
}

/** A cell whose flows are delivered: every member of `from` reaches every member of `to` on these ports. */
export interface MatrixCell {
  from: string;
  to: string;
  path: string;
  ports: string[];
}

/** Who reaches whom, class to class, at a moment; the first MAX_MATRIX_CLASSES classes when there are more. */
export interface MatrixReply extends MomentRef {
  classes: MatrixClass[];
  /** Delivered cells between the classes sent; every other cell of a VM row or column is not delivered. */
  cells: MatrixCell[];
  /** Classes in the world; more than `classes.length` when the reply was cut. */
  classCount: number;
}

/** Reply to a matrix query, matched by `requestId`. */
export interface MatrixMessage extends MatrixReply {
  type: 'matrix';
  requestId: string;
}
