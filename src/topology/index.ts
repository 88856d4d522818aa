/** Public face of the reachability engine: who can reach whom, with every verdict explained. */
export type {
  TopologyModel, TopoAffinityGroup, TopoVnet, TopoSubnet, TopoGateway, TopoConnection, TopoService, TopoVm,
  TopoEndpoint, TopoAclRule, TopoLocalSite, GatewayState, ConnectionState, GatewayType, ServiceKind, FlowProtocol,
} from './model.js';
export { RUNNING_VM_STATE, NO_DIP, isVmRunning, keyOfVm } from './model.js';
export type { Disposition, BlockerCode, Blocker, Hop, HopKind, Leg, PathKind, FlowAnswer, ReachAnswer } from './answer.js';
export { DISPOSITIONS, pickDisposition } from './answer.js';
export { evaluateAcl, type AclDecision } from './acl.js';
export type { FlowEnd, FlowSource } from './flow-end.js';
export { describeFlowEnd } from './flow-end.js';
export type { FlowQuery } from './flow.js';
export { evaluateFlow } from './flow.js';
export { evaluateFlowVerdict, type FlowVerdict } from './flow-verdict.js';
export {
  resolveFlowSource, resolveFlowTarget, sampleSiteAddress,
  type EndpointError, type EndpointErrorCode, type ResolveResult,
} from './endpoint-resolve.js';
export { queryReach, reach, answerReach, summariseFlow, type ReachResult } from './reach.js';
export { queryReachOnAnyPort, type AnyPortResult } from './reach-any-port.js';
export { TopologyIndex, buildTopologyIndex } from './topology-index.js';
export type { TopologyIndexOptions } from './topology-index-options.js';
export type { VmSource } from './vm-source.js';
export { TopologyError, type TopologyChange, type TopologyErrorCode, type TopologyNetwork } from './topology-change.js';
export type { ReachClass } from './reach-classes.js';
export { partitionWorld, nameClassMembers } from './reach-classes.js';
export {
  computeMatrix, matrix, evaluateCell, listDeliveredPorts, representPair, ANY_PORT, type ReachMatrix, type MatrixFlow, type CellAnswers,
} from './matrix.js';
export { diffIndexes, diffReachability, type ReachDiff, type FlowChange } from './diff.js';
export { findNearNames } from '../common/index.js';
