import { fail, platformErrors, succeed } from './errors.js';
import { LOCATIONS, findLocation } from './locations.js';
import type { AsmState, Mutation, OperationFunction, QueryFunction } from './state.js';

/** Create Affinity Group (POST /affinitygroups, CreateAffinityGroup). */
export interface CreateAffinityGroupRequest {
  name: string;
  /** The label as the platform stores it (base64 in requests and responses). */
  label: string;
  description: string | undefined;
  location: string;
}

/** An affinity group as List/Get show it. */
export interface AffinityGroupView {
  name: string;
  label: string;
  description: string | undefined;
  location: string;
  createdMs: number;
  hostedServices: string[];
}

// "The name can contain only letters, numbers, and hyphens, must start with a letter and be at most 63 characters".
const AFFINITY_GROUP_NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

/** Creates an affinity group: 201 synchronous (asm-recorded.md §4). */
export const createAffinityGroup: OperationFunction<CreateAffinityGroupRequest> = (state, request) => {
  if (request.name === '') return fail(platformErrors.missingElement('Name'));
  if (!AFFINITY_GROUP_NAME.test(request.name)) return fail(platformErrors.affinityGroupNameInvalid());
  if (findAffinityGroupName(state, request.name) !== undefined) return fail(platformErrors.affinityGroupExists());
  const location = findLocation(request.location);
  if (location === undefined) return fail(platformErrors.unknownLocation(request.location, LOCATIONS.map((l) => l.name)));
  const mutation: Mutation = {
    commands: [{ type: 'createAffinityGroup', name: request.name, region: location.name }],
    remember: (s) => s.affinityGroups.set(request.name, { label: request.label, description: request.description, createdMs: s.nowMs }),
  };
  return succeed(mutation);
};

/** Lists every affinity group. */
export const listAffinityGroups: QueryFunction<void, AffinityGroupView[]> = (state) =>
  succeed(Object.keys(state.world.affinityGroups).map((name) => describeAffinityGroup(state, name)));

/** Gets one affinity group with its hosted services; an unknown name is 404 (AGSHOW404). */
export const getAffinityGroup: QueryFunction<{ name: string }, AffinityGroupView> = (state, request) => {
  const name = findAffinityGroupName(state, request.name);
  return name === undefined ? fail(platformErrors.affinityGroupNotFound()) : succeed(describeAffinityGroup(state, name));
};

/** Deletes an affinity group: 200 synchronous; an unknown name is 400 (AGDEL400), a group in use 400. */
export const deleteAffinityGroup: OperationFunction<{ name: string }> = (state, request) => {
  const name = findAffinityGroupName(state, request.name);
  if (name === undefined) return fail(platformErrors.affinityGroupNameInvalid());
  return succeed({ commands: [{ type: 'deleteAffinityGroup', name }], remember: (s) => s.affinityGroups.delete(name) });
};

// Affinity group names were case-insensitive on the platform.
function findAffinityGroupName(state: AsmState, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.keys(state.world.affinityGroups).find((n) => n.toLowerCase() === wanted);
}

function describeAffinityGroup(state: AsmState, name: string): AffinityGroupView {
  const details = state.affinityGroups.get(name);
  return {
    name,
    label: details?.label ?? btoa(name),
    description: details?.description,
    location: state.world.affinityGroups[name]?.region ?? '',
    createdMs: details?.createdMs ?? 0,
    hostedServices: Object.values(state.world.services).filter((s) => s.affinityGroup === name).map((s) => s.name),
  };
}
