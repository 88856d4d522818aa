import { z } from 'zod';

/*
 * The timeline's vocabulary for Windows Azure Connect (src/connect): the agent on machines, the roles whose service
 * configuration carries the activation token, and endpoint groups as the Connect portal's group dialog edits them.
 */

const name = z.string().min(1);

/** `{ machine, os }` for an on-premises machine, `{ service, vm }` for an IaaS VM whose image carries the agent. */
const installConnectAgent = z.strictObject({
  machine: name.optional(),
  os: z.enum(['Windows', 'Linux']).optional(),
  service: name.optional(),
  vm: name.optional(),
}).superRefine((p, context) => {
  const onPremises = p.machine !== undefined || p.os !== undefined;
  const onVm = p.service !== undefined || p.vm !== undefined;
  const complete = onPremises ? p.machine !== undefined && p.os !== undefined && !onVm : onVm && p.service !== undefined && p.vm !== undefined;
  if (!complete) {
    context.addIssue({ code: 'custom', message: 'name either an on-premises machine ({ machine, os }) or an IaaS VM ({ service, vm }), not both' });
  }
});

/** Parameters of every Connect command, keyed by command name (spread into commandParameterSchemas). */
export const connectCommandParameterSchemas = {
  installConnectAgent,
  activateConnectAgent: z.strictObject({ machine: name }),
  removeConnectAgent: z.strictObject({ machine: name }),
  enableConnectRole: z.strictObject({ service: name, role: name }),
  setConnectGroup: z.strictObject({
    name,
    endpoints: z.array(name).optional(),
    roles: z.array(z.strictObject({ service: name, role: name })).optional(),
    groups: z.array(name).optional(),
    interconnected: z.boolean().optional(),
  }),
  deleteConnectGroup: z.strictObject({ name }),
};
