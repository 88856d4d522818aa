import { expect } from 'vitest';
import {
  EXPECTATION_KINDS, parseScenario, runScenario, type ExpectationContext, type RunReport, type Verdict,
} from '../../src/scenario/index.js';
import { replayEvents } from '../../src/sim/index.js';

/*
 * A story for the expectation kinds about the gateway, the log and history: CorpVNet's StaticRouting gateway
 * (created at 1m) fails on a key mismatch until the device gets the Azure key at 40m, is deleted at 1h and re-created
 * as DynamicRouting at 1h10m (a new IP); web/web1 is image-based (provisioned), web/web2 boots a specialized disk.
 */
export const GATEWAY_STORY = `name: facts
seed: 9
era: 2014
network:
  localNetworkSites:
    - { name: HQ, addressSpace: [192.168.0.0/16], vpnGatewayAddress: 131.107.0.10 }
  virtualNetworkSites:
    - name: CorpVNet
      location: West US
      addressSpace: [10.1.0.0/16]
      subnets:
        - { name: FrontEnd, addressPrefix: 10.1.1.0/24 }
        - { name: GatewaySubnet, addressPrefix: 10.1.255.0/29 }
      gateway: { connectionsToLocalNetwork: [HQ] }
devices:
  - { site: HQ, sharedKey: old-key, publicIp: 131.107.0.10, ikeVersions: [1, 2], routing: PolicyBased }
compute:
  services:
    - { name: web, region: West US }
    - { name: idle, region: West US }
  images:
    - { name: win2012, os: Windows }
  disks:
    - { name: erp-os, os: Windows }
  vms:
    - { service: web, name: web1, image: win2012, vnet: CorpVNet, subnet: FrontEnd, hostName: web01, adminUser: ops, password: "Pa55w.rd!" }
    - { service: web, name: web2, disk: erp-os, vnet: CorpVNet, subnet: FrontEnd }
timeline:
  - at: 1m
    createGateway: { vnet: CorpVNet, gatewayType: StaticRouting }
  - at: 20m
    setSharedKey: { vnet: CorpVNet, site: HQ, key: s3cret }
  - at: 40m
    configureDevice: { site: HQ, sharedKey: s3cret }
  - at: 45m
    createVm: { service: idle, name: vm9, disk: erp-os }
  - at: 1h
    deleteGateway: { vnet: CorpVNet }
  - at: 1h10m
    createGateway: { vnet: CorpVNet, gatewayType: DynamicRouting }
until: 2h
`;

/** The story's run, once per test file. */
export const storyReport: RunReport = runScenario(parseScenario(GATEWAY_STORY, 'facts.yaml'));

/** The story's world at `atMs`, rebuilt from the run's log by the engine's own fold, with the log up to then. */
export function contextAt(atMs: number, report: RunReport = storyReport): ExpectationContext {
  const events = [...report.events].filter((event) => event.time <= atMs);
  return { world: replayEvents(events), events, refused: report.refused.filter((r) => r.atMs <= atMs), nowMs: atMs };
}

/** Validates parameters with the kind's schema (as the loader does), binds and evaluates them. */
export function check(key: string, parameters: unknown, context: ExpectationContext): Verdict {
  const kind = EXPECTATION_KINDS.find((candidate) => candidate.key === key);
  if (kind === undefined) throw new Error(`no kind ${key}`);
  return kind.bind(kind.schema.parse(parameters)).evaluate(context);
}

/** The load error a scenario with this one expectation (written as a YAML line under `expect:`) gets, or `loaded`. */
export function loadErrorOf(expectation: string, story: string = GATEWAY_STORY): string {
  try {
    parseScenario(`${story}expect:\n  - at: 2h\n    ${expectation}\n`, 'facts.yaml');
    return 'loaded';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The line the expectation written by loadErrorOf is on. */
export const EXPECTATION_LINE = GATEWAY_STORY.split('\n').length + 2;

/** Minutes in simulated ms. */
export function minutes(n: number): number {
  return n * 60_000;
}

/** The column of `marker` in an expectation written by loadErrorOf (indented four spaces). */
export function columnOf(expectation: string, marker: string): number {
  return 5 + expectation.indexOf(marker);
}

/** Asserts that the expectation is refused when the scenario loads, at `marker`'s line and column, with `message`. */
export function expectLoadError(expectation: string, marker: string, message: string): void {
  const error = loadErrorOf(expectation);
  expect(error).toContain(`facts.yaml:${EXPECTATION_LINE}:${columnOf(expectation, marker)}: error `);
  expect(error).toContain(message);
}
