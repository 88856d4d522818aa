import { z } from 'zod';
import { commandParameterSchemas, deploymentFields, endpointFields, vmFields } from './command-schemas.js';
import { durationSchema, timedEntrySchema } from './entry-schema.js';
import { EXPECTATION_KINDS } from './expectations/registry.js';
import { networkSectionSchema } from '../input/index.js';
import { deviceSchema, limitsSchema, profileSchema } from './settings-schema.js';

/*
 * The whole scenario file. Unknown keys are errors everywhere (strict objects), so a misspelt key is reported at the
 * key instead of being silently ignored. Every list is optional: a scenario can be just a network plan, or just a
 * timeline. The compute section is declarative sugar over the timeline's commands (applied at 0s).
 */

/** A VM of the compute section: New-AzureVM's fields plus its input endpoints (Add-AzureEndpoint). */
export const computeVmSchema = z.strictObject({
  ...vmFields,
  endpoints: z.array(z.strictObject(endpointFields)).optional(),
});

/** The compute section: what exists at time 0, created in dependency order. */
export const computeSectionSchema = z.strictObject({
  affinityGroups: z.array(commandParameterSchemas.createAffinityGroup).optional(),
  services: z.array(commandParameterSchemas.createService).optional(),
  images: z.array(commandParameterSchemas.addImage).optional(),
  disks: z.array(commandParameterSchemas.addDisk).optional(),
  deployments: z.array(z.strictObject(deploymentFields)).optional(),
  vms: z.array(computeVmSchema).optional(),
});

/** One timeline entry: `at` plus exactly one command of the catalogue, e.g. `{ at: 20m, stopVm: {…} }`. */
export const timelineEntrySchema = timedEntrySchema(commandParameterSchemas, 'command');

/** One expectation: `at` plus exactly one registered kind, e.g. `{ at: 15m, vmState: {…} }`. */
export const expectationEntrySchema = timedEntrySchema(
  Object.fromEntries(EXPECTATION_KINDS.map((kind) => [kind.key, kind.schema])),
  'expectation',
);

/** The scenario file. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  // Same seed, same VIPs, DIP order, auto ports and MACs: the event log is byte-identical across runs.
  seed: z.number().int().min(0),
  // The platform month the scenario plays: every feature it uses must exist by then (src/ipam/platform-timeline.ts).
  era: z.union([z.enum(['2012', '2014']), z.literal(2012), z.literal(2014), z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/)]),
  network: networkSectionSchema.optional(),
  compute: computeSectionSchema.optional(),
  devices: z.array(deviceSchema).optional(),
  profile: profileSchema.optional(),
  limits: limitsSchema.optional(),
  until: durationSchema.optional(),
  timeline: z.array(timelineEntrySchema).optional(),
  expect: z.array(expectationEntrySchema).optional(),
});

/** The scenario file as validated, before conversion into timed commands and expectations. */
export type ScenarioFile = z.output<typeof scenarioSchema>;
