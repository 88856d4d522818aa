/*
 * The expectation kinds, one export line each, in any order: the registry sorts them by export name. To add a kind
 * (e.g. topology's `reach` / `noReach`), write it with defineExpectationKind in its own file and add one line here;
 * the schema, the JSON Schema, the loader and the runner pick it up from the registry.
 */
export { commandRefusedKind } from './command-refused.js';
export { connectAgentKind, connectNameKind, connectReachKind } from './connect.js';
export { connectionKind } from './connection-state.js';
export { diskLeaseKind } from './disk-lease.js';
export { endpointKind } from './endpoint-port.js';
export { gatewayKind } from './gateway-facts.js';
export { gatewayStateKind } from './gateway-state.js';
export { loggedKind } from './logged.js';
export { neverReachedKind } from './state-history.js';
export { noConnectReachKind } from './connect.js';
export { noReachKind } from './reach.js';
export { notLoggedKind } from './logged.js';
export { passedThroughKind } from './state-history.js';
export { reachKind } from './reach.js';
export { serviceKindKind } from './service-kind.js';
export { serviceVipKind } from './service-vip.js';
export { vmDipKind } from './vm-dip.js';
export { vmEndpointsKind } from './vm-endpoints.js';
export { vmProvisioningKind } from './vm-provisioning.js';
export { vmStateKind } from './vm-state.js';
