import { fail, platformErrors, succeed } from './errors.js';
import { dashRequestId, type OperationRecord } from './operations.js';
import type { QueryFunction } from './state.js';

/** Get Operation Status (pattern A, `/operations/<request id>`); an id never issued is 404. */
export const getOperationStatus: QueryFunction<{ id: string }, OperationRecord> = (state, request) => {
  state.operations.settle(state.world, state.nowMs);
  // Clients poll with the x-ms-request-id as sent (32 hex); the record is kept under its dashed form (GWC16).
  const record = state.operations.find(/^[0-9a-f]{32}$/i.test(request.id) ? dashRequestId(request.id) : request.id, 'compute');
  return record === undefined ? fail(platformErrors.unknownOperation(request.id)) : succeed(record);
};

/** Get Virtual Network Gateway Operation Status (pattern B, `/services/networking/operation/<id>`). */
export const getGatewayOperationStatus: QueryFunction<{ id: string }, OperationRecord> = (state, request) => {
  state.operations.settle(state.world, state.nowMs);
  const record = state.operations.find(request.id, 'gateway');
  return record === undefined ? fail(platformErrors.unknownOperation(request.id)) : succeed(record);
};
