import {
  LOCATIONS, ROLE_SIZES, createAffinityGroup, deleteAffinityGroup, getAffinityGroup, getSubscription, listAffinityGroups, type AffinityGroupView,
  type SubscriptionView,
} from '../asm/index.js';
import type { Route } from './dispatch.js';
import { answerMutation, answerQuery, emptyResponse } from './route-answers.js';
import { formatPlatformTime } from './wire-time.js';
import { childText } from './xml-reader.js';
import { nullableElement, parentElement, textElement, type XmlNode } from './xml-writer.js';

/** The subscription, affinity groups and locations (asm-recorded.md §4; azure-asm-mgmt, x-ms-version 2014-10-01). */
export const managementRoutes: Route[] = [
  {
    method: 'GET', path: '',
    handle: (context) => answerQuery(context.engine.query(getSubscription, undefined), describeSubscription),
  },
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

/** Who administers the emulated subscription (the platform showed the Microsoft account; example.com is reserved). */
const ADMINISTRATOR = 'administrator@example.com';

// The documented order (hh403995) through CurrentStorageAccounts and MaxVirtualNetworkSites; the rest in the order the
// generated client reads them (azure-asm-mgmt managementClient.js SubscriptionOperations.get), which follows the spec.
// MaxReservedIPs and CurrentReservedIPs: their place is NOT confirmed. The stored copies of hh403995 end before them and
// azure-asm-mgmt does not read them; they go last because the client models found that declare them (a C# Subscription
// entity and an XmlNode wrapper in public repositories) put them after CurrentDnsServers, Max before Current, with only
// elements this emulator does not send (OfferCategories, MaxExtraVIPCount, AADTenantID) in between.
function describeSubscription(subscription: SubscriptionView): XmlNode {
  return parentElement('Subscription', [
    textElement('SubscriptionID', subscription.subscriptionId),
    textElement('SubscriptionName', subscription.subscriptionName),
    textElement('SubscriptionStatus', subscription.status),
    textElement('AccountAdminLiveEmailId', ADMINISTRATOR),
    textElement('ServiceAdminLiveEmailId', ADMINISTRATOR),
    textElement('MaxCoreCount', subscription.maxCoreCount),
    textElement('MaxStorageAccounts', subscription.maxStorageAccounts),
    textElement('MaxHostedServices', subscription.maxHostedServices),
    textElement('CurrentCoreCount', subscription.currentCoreCount),
    textElement('CurrentHostedServices', subscription.currentHostedServices),
    textElement('CurrentStorageAccounts', subscription.currentStorageAccounts),
    textElement('MaxVirtualNetworkSites', subscription.maxVirtualNetworkSites),
    textElement('CurrentVirtualNetworkSites', subscription.currentVirtualNetworkSites),
    textElement('MaxLocalNetworkSites', subscription.maxLocalNetworkSites),
    textElement('MaxDnsServers', subscription.maxDnsServers),
    textElement('CurrentLocalNetworkSites', subscription.currentLocalNetworkSites),
    textElement('CurrentDnsServers', subscription.currentDnsServers),
    textElement('MaxReservedIPs', subscription.maxReservedIps),
    textElement('CurrentReservedIPs', subscription.currentReservedIps),
  ]);
}
