import { VM_SIZES } from '../sim/index.js';
import { succeed } from './errors.js';
import type { QueryFunction } from './state.js';

/**
 * Get Subscription (`GET /<subscription-id>`, hh403995): who the subscription is and its quotas against what it holds.
 * The maxima are the platform's default limits of the era (LIMITS-2015, azure-classic.md §2.6): a new subscription got
 * the Default column and raised it through support, which an emulated subscription never did.
 */

/** The name publishsettings gives the emulated subscription, shown back by Get Subscription. */
export const SUBSCRIPTION_NAME = 'vnetsim';

/** Default quotas of a classic subscription (LIMITS-2015 Default column, azure-classic.md §2.6). */
export const SUBSCRIPTION_QUOTAS = {
  cores: 20,
  hostedServices: 20,
  // Not in the reference's table: LIMITS-2015's storage section gave 100 storage accounts per subscription.
  storageAccounts: 100,
  virtualNetworkSites: 50,
  localNetworkSites: 10,
  dnsServers: 9,
} as const;

/** The fields of a Get Subscription answer, quota by quota. */
export interface SubscriptionView {
  subscriptionId: string;
  subscriptionName: string;
  status: 'Active';
  maxCoreCount: number;
  maxStorageAccounts: number;
  maxHostedServices: number;
  currentCoreCount: number;
  currentHostedServices: number;
  currentStorageAccounts: number;
  maxVirtualNetworkSites: number;
  currentVirtualNetworkSites: number;
  maxLocalNetworkSites: number;
  maxDnsServers: number;
  currentLocalNetworkSites: number;
  currentDnsServers: number;
  /** The engine's limit on reserved IPs (20 by default, LIMITS-2015) and how many the subscription holds. */
  maxReservedIps: number;
  currentReservedIps: number;
}

// A deallocated VM releases its cores (that is what StoppedDeallocated was for); every other state holds them.
const RELEASES_CORES = new Set(['StoppedDeallocated']);

/** Get Subscription: the quotas and what the world holds now (allocated cores, services, accounts, network objects). */
export const getSubscription: QueryFunction<undefined, SubscriptionView> = (state) => {
  const cores = [...state.world.vms.inCreationOrder]
    .filter((vm) => !RELEASES_CORES.has(vm.state))
    .reduce((sum, vm) => sum + VM_SIZES[vm.size].cores, 0);
  const network = state.network;
  return succeed({
    subscriptionId: state.subscriptionId,
    subscriptionName: SUBSCRIPTION_NAME,
    status: 'Active',
    maxCoreCount: SUBSCRIPTION_QUOTAS.cores,
    maxStorageAccounts: SUBSCRIPTION_QUOTAS.storageAccounts,
    maxHostedServices: SUBSCRIPTION_QUOTAS.hostedServices,
    currentCoreCount: cores,
    currentHostedServices: Object.keys(state.world.services).length,
    currentStorageAccounts: Object.keys(state.compute.storageAccounts).length,
    maxVirtualNetworkSites: SUBSCRIPTION_QUOTAS.virtualNetworkSites,
    currentVirtualNetworkSites: network?.vnets.length ?? 0,
    maxLocalNetworkSites: SUBSCRIPTION_QUOTAS.localNetworkSites,
    maxDnsServers: SUBSCRIPTION_QUOTAS.dnsServers,
    currentLocalNetworkSites: network?.localSites.length ?? 0,
    currentDnsServers: network?.dnsServers.length ?? 0,
    maxReservedIps: state.limits.reservedIpsPerSubscription,
    currentReservedIps: Object.keys(state.world.reservedIps).length,
  });
};
