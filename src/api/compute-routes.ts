import {
  computeErrors, decideAddDataDisk, decideAddRole, decideCreateDeployment, decideCreateHostedService, decideDeleteDataDisk,
  decideDeleteDeployment, decideDeleteHostedService, decideDeleteRole, decideRoleOperation, decideUpdateRole, isValidServiceName,
  toMutation, type PlatformError,
} from '../asm/index.js';
import { findVm } from '../sim/index.js';
import { deploymentXml, hostedServicesXml, hostedServiceXml, persistentVmRoleXml, type ComputeShapeContext } from './compute-xml.js';
import {
  RequestReadError, readCreateDeployment, readCreateHostedService, readDataDiskRequest, readRole, readRoleOperation,
} from './compute-request-xml.js';
import type { ApiContext, ApiResponse, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, emptyResponse } from './route-answers.js';
import { formatPlatformTime } from './wire-time.js';
import { parseRequestXml, type RequestElement } from './xml-reader.js';

/**
 * Hosted services, deployments, roles, role instance operations and data disks (asm-recorded.md §3; azure-asm-compute,
 * x-ms-version 2017-01-01). Creates of hosted services are synchronous (201 with the `/compute/` Location); the other
 * writes are pattern-A operations (202, polled at /operations/<request id>).
 */

/** The shape context of a request: its world, records, URL base and clock. */
export function shapeContext(context: ApiContext): ComputeShapeContext {
  return {
    world: context.state.world,
    records: context.state.compute,
    subscriptionUrl: `${context.origin}/${context.state.subscriptionId}`,
    formatTime: (ms) => formatPlatformTime(ms, true),
  };
}

/** Reads a body with `read`; a malformed value is the platform's 400 BadRequest naming it. */
export function withBody<T>(context: ApiContext, read: (root: RequestElement) => T, use: (request: T) => ApiResponse): ApiResponse {
  if (context.body === undefined) return errorResponse({ status: 400, code: 'InvalidXmlRequest', message: 'The request body is missing.' });
  let request: T;
  try {
    request = read(context.body);
  } catch (error) {
    if (error instanceof RequestReadError) return errorResponse({ status: 400, code: 'BadRequest', message: error.message });
    throw error;
  }
  return use(request);
}

const param = (context: ApiContext, name: string): string => context.params[name] ?? '';
const hasMedia = (context: ApiContext): boolean => context.query.get('comp')?.toLowerCase() === 'media';
const accepted = (): ApiResponse => emptyResponse(202);

/** The named service, or the platform's 400 (malformed name) / 404 (unknown) as NEGNAME and AFFFAIL recorded. */
function lookUpService(context: ApiContext): { name: string } | PlatformError {
  const name = param(context, 'service');
  if (!isValidServiceName(name)) return computeErrors.hostedServiceNameInvalid();
  return context.state.world.services[name] === undefined ? computeErrors.hostedServiceNotFound() : { name };
}

/** The named service and its deployment of the URL's name, or the platform's 400/404 (NEGNAME, AFFFAIL, by-name 404). */
export function lookUpDeployment(context: ApiContext): { service: string } | PlatformError {
  const found = lookUpService(context);
  if ('status' in found) return found;
  const name = param(context, 'deployment');
  const deployment = context.state.world.services[found.name]?.deployments.production;
  return deployment?.name.toLowerCase() === name.toLowerCase() ? { service: found.name } : computeErrors.deploymentNotFound(name);
}

function computeContext(context: ApiContext): { nowMs: number; requestId: string } {
  return { nowMs: context.engine.now(), requestId: context.requestId };
}

/** Every compute route. */
export const computeRoutes: Route[] = [
  {
    method: 'POST', path: 'services/hostedservices', body: 'CreateHostedService',
    handle: (context) => withBody(context, readCreateHostedService, (request) =>
      answerMutation(context, toMutation(decideCreateHostedService(context.state.world, request, context.engine.now()), undefined), {}, () =>
        // SVCC: 201, empty, Location under /subscriptions/{sub}/compute/{name} (587 of 587 successes).
        emptyResponse(201, { location: `${context.origin}/subscriptions/${context.state.subscriptionId}/compute/${request.serviceName}` }))),
  },
  {
    method: 'GET', path: 'services/hostedservices',
    handle: (context) => ({ status: 200, body: hostedServicesXml(shapeContext(context)) }),
  },
  {
    method: 'GET', path: 'services/hostedservices/{service}',
    handle: (context) => {
      const found = lookUpService(context);
      if ('status' in found) return errorResponse(found);
      const service = context.state.world.services[found.name];
      const embedDetail = context.query.get('embed-detail')?.toLowerCase() === 'true';
      return service === undefined ? errorResponse(computeErrors.hostedServiceNotFound()) : { status: 200, body: hostedServiceXml(service, shapeContext(context), embedDetail) };
    },
  },
  {
    method: 'DELETE', path: 'services/hostedservices/{service}',
    handle: (context) => {
      const media = hasMedia(context);
      const decision = decideDeleteHostedService(context.state.world, context.state.compute, param(context, 'service'), media);
      // 200 synchronous; with comp=media 202 and asynchronous (asm-recorded.md §3.1).
      return answerMutation(context, toMutation(decision, media ? 'DeleteHostedService' : undefined), {}, () => emptyResponse(media ? 202 : 200));
    },
  },
  {
    method: 'GET', path: 'services/hostedservices/{service}/deploymentslots/{slot}',
    handle: (context) => {
      const found = lookUpService(context);
      if ('status' in found) return errorResponse(found);
      const service = context.state.world.services[found.name];
      // SHUT15: an empty slot is 404 "No deployments were found." — routine traffic for `azure vm list`.
      if (service?.deployments.production == null || param(context, 'slot').toLowerCase() !== 'production') return errorResponse(computeErrors.noDeployments());
      return { status: 200, body: deploymentXml(service, shapeContext(context)) };
    },
  },
  {
    method: 'GET', path: 'services/hostedservices/{service}/deployments/{deployment}',
    handle: (context) => {
      const found = lookUpDeployment(context);
      const service = 'status' in found ? undefined : context.state.world.services[found.service];
      return service === undefined ? errorResponse('status' in found ? found : computeErrors.hostedServiceNotFound()) : { status: 200, body: deploymentXml(service, shapeContext(context)) };
    },
  },
  {
    method: 'POST', path: 'services/hostedservices/{service}/deployments', body: 'Deployment',
    handle: (context) => withBody(context, readCreateDeployment, (request) => {
      const decision = decideCreateDeployment(context.state.world, context.state.compute, param(context, 'service'), request, computeContext(context));
      return answerMutation(context, toMutation(decision, 'CreateDeployment'), {}, accepted);
    }),
  },
  {
    method: 'DELETE', path: 'services/hostedservices/{service}/deployments/{deployment}',
    handle: (context) => {
      const decision = decideDeleteDeployment(context.state.world, param(context, 'service'), param(context, 'deployment'), hasMedia(context));
      return answerMutation(context, toMutation(decision, 'DeleteDeployment'), {}, accepted);
    },
  },
  {
    method: 'POST', path: 'services/hostedservices/{service}/deployments/{deployment}/roles', body: 'PersistentVMRole',
    handle: (context) => withBody(context, readRole, (role) => {
      const decision = decideAddRole(context.state.world, param(context, 'service'), param(context, 'deployment'), role, computeContext(context));
      return answerMutation(context, toMutation(decision, 'AddRole'), {}, accepted);
    }),
  },
  {
    method: 'GET', path: 'services/hostedservices/{service}/deployments/{deployment}/roles/{role}',
    handle: (context) => {
      const found = lookUpDeployment(context);
      if ('status' in found) return errorResponse(found);
      const vm = findVm(context.state.world, found.service, param(context, 'role'));
      return vm === undefined ? errorResponse(computeErrors.roleNotFound(param(context, 'role'))) : { status: 200, body: persistentVmRoleXml(vm, shapeContext(context)) };
    },
  },
  {
    method: 'PUT', path: 'services/hostedservices/{service}/deployments/{deployment}/roles/{role}', body: 'PersistentVMRole',
    handle: (context) => withBody(context, readRole, (role) => {
      const decision = decideUpdateRole(context.state.world, param(context, 'service'), param(context, 'deployment'), param(context, 'role'), role);
      return answerMutation(context, toMutation(decision, 'UpdateRole'), {}, accepted);
    }),
  },
  {
    method: 'DELETE', path: 'services/hostedservices/{service}/deployments/{deployment}/roles/{role}',
    handle: (context) => {
      const decision = decideDeleteRole(context.state.world, param(context, 'service'), param(context, 'deployment'), param(context, 'role'), hasMedia(context));
      return answerMutation(context, toMutation(decision, 'DeleteRole'), {}, accepted);
    },
  },
  {
    // The root names the operation (StartRoleOperation, RestartRoleOperation, ShutdownRoleOperation), so the body is
    // read here rather than by a fixed root.
    method: 'POST', path: 'services/hostedservices/{service}/deployments/{deployment}/roleinstances/{role}/Operations',
    handle: (context) => {
      const root = parseRequestXml(context.rawBody);
      if (root === undefined) return errorResponse({ status: 400, code: 'InvalidXmlRequest', message: 'The request body is not well-formed XML.' });
      return withBody({ ...context, body: root }, (body) => readRoleOperation(body, root.name), (operation) => {
        if (operation === undefined) return errorResponse(computeErrors.unknownRoleOperation(root.name));
        const decision = decideRoleOperation(context.state.world, param(context, 'service'), param(context, 'deployment'), param(context, 'role'), operation, computeContext(context));
        return answerMutation(context, toMutation(decision, 'RoleOperation'), {}, accepted);
      });
    },
  },
  {
    method: 'POST', path: 'services/hostedservices/{service}/deployments/{deployment}/roles/{role}/DataDisks', body: 'DataVirtualHardDisk',
    handle: (context) => withBody(context, readDataDiskRequest, (disk) => {
      const decision = decideAddDataDisk(context.state.world, context.state.compute, param(context, 'service'), param(context, 'role'), disk, context.engine.now());
      return answerMutation(context, toMutation(decision, 'AddDataDisk'), {}, accepted);
    }),
  },
  {
    method: 'DELETE', path: 'services/hostedservices/{service}/deployments/{deployment}/roles/{role}/DataDisks/{lun}',
    handle: (context) => {
      const lun = Number(param(context, 'lun'));
      if (!Number.isInteger(lun) || lun < 0) return errorResponse(computeErrors.parameterIncorrect(`the LUN '${param(context, 'lun')}' is not a whole number.`));
      const decision = decideDeleteDataDisk(context.state.world, context.state.compute, param(context, 'service'), param(context, 'role'), lun, hasMedia(context));
      return answerMutation(context, toMutation(decision, 'DeleteDataDisk'), {}, accepted);
    },
  },
];
