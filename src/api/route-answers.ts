import type { Mutation, OperationRecord, PlatformResult, RefusalContext } from '../asm/index.js';
import type { ApiContext, ApiResponse } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { textElement, type XmlNode } from './xml-writer.js';

/** Answers a read: 200 with the body built from the value, or the platform error. */
export function answerQuery<T>(result: PlatformResult<T>, toBody: (value: T) => XmlNode): ApiResponse {
  return result.ok ? { status: 200, body: toBody(result.value) } : errorResponse(result.error);
}

/**
 * Answers a write: runs the mutation on the live engine (a refusal is the platform error and changes nothing) and
 * builds the success response from the operation it opened.
 */
export function answerMutation(
  context: ApiContext,
  result: PlatformResult<Mutation>,
  refusal: RefusalContext,
  respond: (operation: OperationRecord | undefined) => ApiResponse,
): ApiResponse {
  if (!result.ok) return errorResponse(result.error);
  const performed = context.engine.perform(result.value, context.requestId, refusal);
  return performed.ok ? respond(performed.value) : errorResponse(performed.error);
}

/** An empty response (Content-Length 0, no Content-Type): the platform's 200/201/202 of synchronous and pattern-A calls. */
export function emptyResponse(status: number, headers?: Record<string, string>): ApiResponse {
  return { status, headers };
}

/** The body of a started gateway operation: `<GatewayOperationAsyncResponse><ID>guid</ID>` (GWC16). */
export function gatewayOperationResponse(status: number, operation: OperationRecord | undefined): ApiResponse {
  return { status, body: { name: 'GatewayOperationAsyncResponse', children: [textElement('ID', operation?.id ?? '')] } };
}
