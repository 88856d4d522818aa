import { computeMatrix, keyOfVm, representPair, type ReachClass, type TopologyIndex } from '../topology/index.js';
import { MAX_MATRIX_CLASSES, type MatrixClass, type MatrixReply } from '../viz/index.js';
import { abbreviateClassLabel } from './matrix-format.js';
import { memberNodeId } from './serve-diff.js';
import type { MomentIndexer } from './serve-moment.js';

/**
 * Answers the page's matrix at a moment with `vnetsim matrix`'s computeMatrix: its classes (the first
 * MAX_MATRIX_CLASSES, the reply counts them all) with the members standing for each cell, so a click on a cell asks
 * the reach question `vnetsim reach` would answer for those two, and the delivered cells among the classes sent.
 */
export function createMatrixAnswerer(moments: MomentIndexer): (atSeq?: number) => MatrixReply {
  return (atSeq) => {
    const { index, atSeq: seq, atMs } = moments.indexAt(atSeq);
    const matrix = computeMatrix(index);
    const classes = matrix.classes.slice(0, MAX_MATRIX_CLASSES);
    const sent = new Set(classes.map((c) => c.id));
    return {
      atSeq: seq,
      atMs,
      classes: classes.map((c) => toMatrixClass(index, c)),
      cells: matrix.flows.filter((f) => sent.has(f.from) && sent.has(f.to)).map(({ from, to, path, ports }) => ({ from, to, path, ports })),
      classCount: matrix.classes.length,
    };
  };
}

function toMatrixClass(index: TopologyIndex, cls: ReachClass): MatrixClass {
  // The diagonal's partner is the one the matrix itself evaluated (a member of another service when there is one).
  const pair = cls.kind === 'vms' && cls.members.length > 1 ? representPair(index, cls, cls) : undefined;
  const partner = pair?.to.kind === 'vm' ? keyOfVm(pair.to.vm) : undefined;
  return {
    id: cls.id,
    kind: cls.kind,
    label: abbreviateClassLabel(cls),
    memberCount: cls.members.length,
    nodeId: memberNodeId(cls.kind, cls.members[0] ?? ''),
    partnerNodeId: partner === undefined ? null : memberNodeId(cls.kind, partner),
  };
}
