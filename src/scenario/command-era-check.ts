import { diagnosticAt, type Diagnostic } from '../common/index.js';
import { CONNECT_REPLACEMENTS, CONNECT_RETIREMENT_DATE, isConnectCommand } from '../connect/index.js';
import { describeFeatureDate, featureAvailable, platformFeature, type PlatformFeatureId } from '../ipam/index.js';
import type { Command } from '../sim/index.js';
import type { ScheduledCommand } from './scenario.js';

/** Code of a diagnostic for a feature used before the platform had it (the plan rule of the same name covers the plan). */
export const FEATURE_ERA_RULE = 'feature-era';

/** What replaced Connect (MSDN gg432959 [V]). */
const CONNECT_ERA_FIX = `Connect was retired on ${CONNECT_RETIREMENT_DATE}; ${CONNECT_REPLACEMENTS}`;

/** The dated features a command uses, each with what the scenario should do instead. */
function featuresOfCommand(command: Command): ReadonlyArray<{ feature: PlatformFeatureId; fix: string }> {
  if (isConnectCommand(command)) return [{ feature: 'azure-connect', fix: CONNECT_ERA_FIX }];
  switch (command.type) {
    case 'createGateway':
      return [
        ...(command.gatewayType === 'DynamicRouting'
          ? [{ feature: 'dynamic-routing-gateway' as const, fix: 'create a StaticRouting gateway' }]
          : []),
        ...(command.sku === 'HighPerformance' ? [{ feature: 'gateway-high-performance' as const, fix: 'use the Default SKU' }] : []),
      ];
    case 'resizeGateway':
      return command.sku === 'HighPerformance' ? [{ feature: 'gateway-high-performance', fix: 'keep the Default SKU' }] : [];
    case 'createVm':
      return command.staticIp === undefined ? NO_FEATURES : [{ feature: 'static-vnet-ip', fix: 'let the VM take a DHCP address' }];
    case 'setStaticIp':
      return [{ feature: 'static-vnet-ip', fix: 'let the VM keep its DHCP address' }];
    default:
      return NO_FEATURES;
  }
}

/** What most commands use: no dated feature (one shared empty list). */
const NO_FEATURES: ReadonlyArray<{ feature: PlatformFeatureId; fix: string }> = [];

/**
 * Each scenario command that uses a platform feature before the scenario's era had it, at the command: the
 * timeline is judged by the same feature timeline as the plan (src/ipam/platform-timeline.ts).
 */
export function checkCommandEras(commands: readonly ScheduledCommand[], eraMonth: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  // a loop, not flatMap: an estate has a few hundred thousand commands and most use no dated feature
  for (const { command, at } of commands) {
    for (const { feature, fix } of featuresOfCommand(command)) {
      if (featureAvailable(feature, eraMonth)) continue;
      problems.push(
        diagnosticAt(
          at,
          FEATURE_ERA_RULE,
          'error',
          `${command.type} uses ${describeFeatureDate(feature)}, but the scenario plays ${eraMonth}: ${fix}, or set ${describeOtherEra(feature, eraMonth)}:`,
        ),
      );
    }
  }
  return problems;
}

/** Which era would accept the feature: a later one, or for a retired feature an earlier one. */
function describeOtherEra(feature: PlatformFeatureId, eraMonth: string): string {
  const { since, retired } = platformFeature(feature);
  return retired !== undefined && eraMonth >= retired && eraMonth >= since ? `an era before ${retired}` : 'a later era';
}
