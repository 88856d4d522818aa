import {
  LOCATIONS, ROLE_SIZES, createAffinityGroup, deleteAffinityGroup, getAffinityGroup, listAffinityGroups, type AffinityGroupView,
} from '../asm/index.js';
import type { Route } from './dispatch.js';
import { answerMutation, answerQuery, emptyResponse } from './route-answers.js';
import { formatPlatformTime } from './wire-time.js';
import { childText } from './xml-reader.js';
import { nullableElement, parentElement, textElement, type XmlNode } from './xml-writer.js';

/** Affinity groups and locations (asm-recorded.md §4; azure-asm-mgmt, x-ms-version 2014-10-01). */
export const managementRoutes: Route[] = [
  {
    method: 'POST', path: 'affinitygroups', body: 'CreateAffinityGroup',
    handle: (context) => {
      const body = context.body;
      const name = body === undefined ? '' : childText(body, 'Name') ?? '';
      const request = {
        name,
        label: body === undefined ? '' : childText(body, 'Label') ?? '',
        description: body === undefined ? undefined : childText(body, 'Description'),
        location: body === undefined ? '' : childText(body, 'Location') ?? '',
      };
      // AGC: 201 with the Location of the new group, singular `affinitygroup`.
      return answerMutation(context, createAffinityGroup(context.state, request), { affinityGroup: name }, () =>
        emptyResponse(201, { location: `${context.origin}/subscriptions/${context.state.subscriptionId}/affinitygroup/${name}` }));
    },
  },
  {
    method: 'GET', path: 'affinitygroups',
    handle: (context) => answerQuery(context.engine.query(listAffinityGroups, undefined), (groups) =>
      parentElement('AffinityGroups', groups.map((group) => parentElement('AffinityGroup', describeGroup(group, false))))),
  },
  {
    method: 'GET', path: 'affinitygroups/{name}',
    handle: (context) => answerQuery(context.engine.query(getAffinityGroup, { name: context.params['name'] ?? '' }), (group) =>
      parentElement('AffinityGroup', describeGroup(group, true, context.origin, context.state.subscriptionId))),
  },
  {
    method: 'DELETE', path: 'affinitygroups/{name}',
    handle: (context) => {
      const name = context.params['name'] ?? '';
      return answerMutation(context, deleteAffinityGroup(context.state, { name }), { affinityGroup: name }, () => emptyResponse(200));
    },
  },
  {
    method: 'GET', path: 'locations',
    handle: () => ({
      status: 200,
      body: parentElement('Locations', LOCATIONS.map((location) => parentElement('Location', [
        textElement('Name', location.name),
        textElement('DisplayName', location.displayName),
        parentElement('AvailableServices', location.availableServices.map((s) => textElement('AvailableService', s))),
        computeCapabilities(),
      ]))),
    }),
  },
];

// List: Name, Label, Description, Location, Capabilities, CreatedTime; Get adds HostedServices and StorageServices
// after Location (AGSHOW, STC).
function describeGroup(group: AffinityGroupView, withServices: boolean, origin = '', subscription = ''): XmlNode[] {
  const head = [
    textElement('Name', group.name),
    textElement('Label', group.label),
    nullableElement('Description', group.description),
    textElement('Location', group.location),
  ];
  const services = withServices ? [
    parentElement('HostedServices', group.hostedServices.map((service) => parentElement('HostedService', [
      textElement('Url', `${origin}/${subscription}/services/hostedservices/${service}`),
      textElement('ServiceName', service),
    ]))),
    parentElement('StorageServices', []),
  ] : [];
  return [
    ...head,
    ...services,
    parentElement('Capabilities', ['PersistentVMRole', 'HighMemory'].map((c) => textElement('Capability', c))),
    textElement('CreatedTime', formatPlatformTime(group.createdMs, true)),
    ...(withServices ? [] : [computeCapabilities()]),
  ];
}

function computeCapabilities(): XmlNode {
  const sizes = (name: string): XmlNode => parentElement(name, ROLE_SIZES.map((size) => textElement('RoleSize', size)));
  return parentElement('ComputeCapabilities', [sizes('WebWorkerRoleSizes'), sizes('VirtualMachinesRoleSizes')]);
}
