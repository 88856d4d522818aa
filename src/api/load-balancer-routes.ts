import {
  computeErrors, decideAddInternalLoadBalancer, decideRemoveInternalLoadBalancer, decideUpdateInternalLoadBalancer, toMutation, type PlatformError,
} from '../asm/index.js';
import { lookUpDeployment, withBody } from './compute-routes.js';
import { readLoadBalancer } from './compute-request-xml.js';
import type { ApiContext, Route } from './dispatch.js';
import { errorResponse } from './pipeline.js';
import { answerMutation, emptyResponse } from './route-answers.js';

/**
 * A deployment's internal load balancer (x-ms-version 2014-05-01 and later; azure-asm-compute LoadBalancerOperations,
 * `azure service internal-load-balancer add|set|delete`). Every write is asynchronous: 202 with x-ms-request-id, polled at
 * /operations/<request id> — the status the SDK insists on (Delete Load Balancer's page says 200; the generated client
 * accepts only 202). There is no GET: clients read the Deployment's LoadBalancers element (compute-xml.ts).
 */
export const loadBalancerRoutes: Route[] = [
  {
    method: 'POST', path: 'services/hostedservices/{service}/deployments/{deployment}/loadbalancers', body: 'LoadBalancer',
    handle: (context) => withBody(context, readLoadBalancer, (request) => {
      const found = lookUpDeployment(context);
      if ('status' in found) return errorResponse(found);
      // The engine refuses a second one with LBDUP's 400 "LoadBalancer already exists: …" (asm-recorded.md §7).
      return answerMutation(context, toMutation(decideAddInternalLoadBalancer(found.service, request), 'CreateLoadBalancer'), {}, () => emptyResponse(202));
    }),
  },
  {
    method: 'PUT', path: 'services/hostedservices/{service}/deployments/{deployment}/loadbalancers/{name}', body: 'LoadBalancer',
    handle: (context) => withBody(context, readLoadBalancer, (request) => {
      const found = lookUpNamedLoadBalancer(context);
      if ('status' in found) return errorResponse(found);
      if (request.name.toLowerCase() !== found.name.toLowerCase()) {
        return errorResponse({ status: 400, code: 'BadRequest', message: `The body names load balancer ${request.name} but the URL ${found.name}; a load balancer cannot be renamed.` });
      }
      return answerMutation(context, toMutation(decideUpdateInternalLoadBalancer(found.service, request), 'UpdateLoadBalancer'), {}, () => emptyResponse(202));
    }),
  },
  {
    method: 'DELETE', path: 'services/hostedservices/{service}/deployments/{deployment}/loadbalancers/{name}',
    handle: (context) => {
      const found = lookUpNamedLoadBalancer(context);
      if ('status' in found) return errorResponse(found);
      const decision = decideRemoveInternalLoadBalancer(context.state.world, context.state.compute, found.service);
      return answerMutation(context, toMutation(decision, 'DeleteLoadBalancer'), {}, () => emptyResponse(202));
    },
  },
];

/** The deployment of the URL and its internal load balancer of the URL's name, or the platform's 400/404. */
function lookUpNamedLoadBalancer(context: ApiContext): { service: string; name: string } | PlatformError {
  const found = lookUpDeployment(context);
  if ('status' in found) return found;
  const name = context.params['name'] ?? '';
  const ilb = context.state.world.internalLoadBalancers[found.service];
  return ilb?.name.toLowerCase() === name.toLowerCase() ? { service: found.service, name: ilb.name } : computeErrors.loadBalancerNotFound(found.service, name);
}
