/**
 * What an InputEndpoint carries beyond the engine's port mapping and ACL (asm-recorded.md §3.3, the InputEndpoint
 * element order: LoadBalancerProbe{Path?, Port, Protocol, IntervalInSeconds, TimeoutInSeconds}, LoadBalancerName?):
 * the load-balanced set's health probe and the internal load balancer the endpoint listens on. The engine models
 * reachability only, so these are the platform's records of the role, kept per endpoint name.
 */

/** A load-balanced set's health probe: TCP connect, or HTTP GET of a path expecting 200 (Add-AzureEndpoint help). */
export interface LoadBalancerProbeSpec {
  protocol: 'tcp' | 'http';
  port: number;
  /** HTTP probes only: the relative URI probed (`/healthcheck.aspx`). */
  path: string | undefined;
  intervalSeconds: number;
  timeoutSeconds: number;
}

/**
 * Interval and timeout the platform used when a request named none (15 s and 31 s, as the Add-AzureEndpoint help of
 * 2014 stated [U: recalled from the cmdlet help; azure-classic.md §4.1 lists the parameters without defaults]).
 */
export const DEFAULT_PROBE_INTERVAL_SECONDS = 15;
export const DEFAULT_PROBE_TIMEOUT_SECONDS = 31;

/** The recorded extras of one endpoint of a role. */
export interface EndpointSettingsRecord {
  probe: LoadBalancerProbeSpec | undefined;
  /** Set when the endpoint is on the deployment's internal load balancer instead of the public VIP. */
  internalLoadBalancerName: string | undefined;
}

/** The extras of the endpoints that have any, by endpoint name; undefined when none has (the record stays as it was). */
export function recordEndpointSettings(
  endpoints: readonly { name: string; probe?: LoadBalancerProbeSpec | undefined; internalLoadBalancerName?: string | undefined }[],
): Record<string, EndpointSettingsRecord> | undefined {
  const settings: Record<string, EndpointSettingsRecord> = {};
  for (const e of endpoints) {
    if (e.probe === undefined && e.internalLoadBalancerName === undefined) continue;
    settings[e.name] = { probe: e.probe, internalLoadBalancerName: e.internalLoadBalancerName };
  }
  return Object.keys(settings).length === 0 ? undefined : settings;
}
