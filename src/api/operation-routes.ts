import { getGatewayOperationStatus, getOperationStatus, type OperationRecord } from '../asm/index.js';
import type { Route } from './dispatch.js';
import { answerQuery } from './route-answers.js';
import { formatPlatformTime } from './wire-time.js';
import { parentElement, textElement, type XmlNode } from './xml-writer.js';

/** The two polling URLs of asynchronous operations (asm-recorded.md §2.6, §3.5). */
export const operationRoutes: Route[] = [
  {
    method: 'GET', path: 'operations/{id}',
    handle: (context) => answerQuery(context.engine.query(getOperationStatus, { id: context.params['id'] ?? '' }), describeOperation),
  },
  {
    method: 'GET', path: 'services/networking/operation/{id}',
    handle: (context) => answerQuery(context.engine.query(getGatewayOperationStatus, { id: context.params['id'] ?? '' }), describeGatewayOperation),
  },
];

// ID, Status, HttpStatusCode?, Error? (§3.5); a failed operation is still HTTP 200 on the poll.
function describeOperation(record: OperationRecord): XmlNode {
  const outcome = record.outcome;
  const children = [textElement('ID', record.id)];
  if (outcome === undefined) return parentElement('Operation', [...children, textElement('Status', 'InProgress')]);
  if (outcome.status === 'succeeded') return parentElement('Operation', [...children, textElement('Status', 'Succeeded'), textElement('HttpStatusCode', 200)]);
  return parentElement('Operation', [
    ...children, textElement('Status', 'Failed'), textElement('HttpStatusCode', outcome.error.status),
    parentElement('Error', [textElement('Code', outcome.error.code), textElement('Message', outcome.error.message)]),
  ]);
}

// Alphabetical: Data, Error?, HealthStatus, HttpStatusCode?, ID, OperationCompletedTime?, OperationName, OperationStartedTime,
// Status; `Successful`, HttpStatusCode the enum name `OK`, times without Z (GWC16, §2.6).
function describeGatewayOperation(record: OperationRecord): XmlNode {
  const outcome = record.outcome;
  const done = outcome !== undefined && record.completedMs !== undefined;
  return parentElement('GatewayOperation', [
    parentElement('Data', []),
    ...(outcome?.status === 'failed' ? [parentElement('Error', [textElement('Code', outcome.error.code), textElement('Message', outcome.error.message)])] : []),
    parentElement('HealthStatus', []),
    ...(done ? [textElement('HttpStatusCode', outcome.status === 'succeeded' ? 'OK' : outcome.error.code)] : []),
    textElement('ID', record.id),
    ...(done ? [textElement('OperationCompletedTime', formatPlatformTime(record.completedMs ?? 0, false))] : []),
    textElement('OperationName', record.name),
    textElement('OperationStartedTime', formatPlatformTime(record.startedMs, false)),
    textElement('Status', outcome === undefined ? 'InProgress' : outcome.status === 'succeeded' ? 'Successful' : 'Failed'),
  ]);
}
