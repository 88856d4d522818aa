import {
  decideCreateReservedIp, decideDeleteReservedIp, findReservedIp, listReservedIps, platformErrors, toMutation, type ReservedIpView,
} from '../asm/index.js';
import type { ApiContext, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, emptyResponse } from './route-answers.js';
import { childText } from './xml-reader.js';
import { optionalElement, parentElement, textElement, type XmlNode } from './xml-writer.js';

/**
 * Reserved IP addresses under /services/networking/reservedips (x-ms-version 2014-05-01 and later; azure-asm-network
 * ReservedIPOperations, `azure network reserved-ip`). Create and delete are asynchronous: 202 with x-ms-request-id,
 * then the operation at /operations/<request id>, which the SDK polls (its `create`/`deleteMethod` wrappers).
 */
export const reservedIpRoutes: Route[] = [
  {
    method: 'POST', path: 'services/networking/reservedips', body: 'ReservedIP',
    handle: (context) => {
      const name = bodyText(context, 'Name');
      if (name === undefined) return errorResponse(platformErrors.missingElement('Name'));
      const location = bodyText(context, 'Location');
      if (location === undefined) return errorResponse(platformErrors.missingElement('Location'));
      const request = { name, location, label: bodyText(context, 'Label'), serviceName: bodyText(context, 'ServiceName') };
      return answerMutation(context, toMutation(decideCreateReservedIp(request), 'CreateReservedIP'), {}, () => emptyResponse(202));
    },
  },
  {
    method: 'GET', path: 'services/networking/reservedips',
    handle: (context) => ({
      status: 200,
      body: parentElement('ReservedIPs', listReservedIps(context.state.world, context.state.compute).map(describeReservedIp)),
    }),
  },
  {
    method: 'GET', path: 'services/networking/reservedips/{name}',
    handle: (context) => {
      const name = context.params['name'] ?? '';
      const found = findReservedIp(context.state.world, context.state.compute, name);
      return found === undefined ? errorResponse(platformErrors.reservedIpNotFound(name)) : { status: 200, body: describeReservedIp(found) };
    },
  },
  {
    method: 'DELETE', path: 'services/networking/reservedips/{name}',
    handle: (context) => {
      const decision = decideDeleteReservedIp(context.state.world, context.params['name'] ?? '');
      return answerMutation(context, toMutation(decision, 'DeleteReservedIP'), {}, () => emptyResponse(202));
    },
  },
];

/** A body element's text; empty counts as absent (the SDK omits unset parameters, a hand-written body may not). */
function bodyText(context: ApiContext, name: string): string | undefined {
  const value = context.body === undefined ? undefined : childText(context.body, name);
  return value === '' ? undefined : value;
}

// The order of Get Reserved IP Address as the generated client reads it (azure-asm-network networkManagementClient.js,
// ReservedIPOperations.get/list: Name, Address, Id, Label, State, InUse, ServiceName, DeploymentName, Location),
// which follows the REST spec it was generated from; no live recording of this response is in the reference.
// Elements without a value are left out rather than nil: the CLI prints `label || ""`.
function describeReservedIp(ip: ReservedIpView): XmlNode {
  return parentElement('ReservedIP', [
    textElement('Name', ip.name),
    textElement('Address', ip.address),
    textElement('Id', ip.id),
    ...optionalElement('Label', ip.label ?? undefined),
    textElement('State', 'Created'),
    textElement('InUse', ip.inUse),
    ...optionalElement('ServiceName', ip.serviceName ?? undefined),
    ...optionalElement('DeploymentName', ip.deploymentName ?? undefined),
    textElement('Location', ip.location),
  ]);
}
