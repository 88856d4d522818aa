import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * The issues worth reporting for a value no branch of a union accepted, with paths from the schema's root. zod gives
 * one list per branch, so a mapping with a misspelt key fails every mapping branch the same way; reported as is, the
 * user would read the same unknown key once per branch, or only zod's "Invalid input". A mapping is judged by the
 * branches that take mappings: the keys none of them takes, once each, else the issues of the branch it came closest
 * to; a union inside a branch is explained first. Anything else keeps the union's own issue (a schema that words its
 * union's error says it there), unless one branch alone takes scalars.
 */
export function explainUnionIssue(issue: Extract<Issue, { code: 'invalid_union' }>, value: unknown): Issue[] {
  const isMapping = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isMapping) {
    // A scalar is judged by the branches that take scalars; with one such branch its own words say what is wrong.
    const scalarBranches = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.expected === 'object' && i.path.length === 0));
    const [only] = scalarBranches;
    return scalarBranches.length === 1 && only !== undefined ? only.map((inner) => prefixPath(issue, inner)) : [issue];
  }
  // A union inside a branch (`heldBy: { not: … }` around "none" or a mapping) is explained first, as that branch.
  const branches = issue.errors.map((branch) =>
    branch.flatMap((inner) => (inner.code === 'invalid_union' && inner.path.length === 0 ? explainUnionIssue(inner, value) : [inner])),
  );
  // A branch that refused the value as a whole (its type, a literal) is a branch for another kind of value.
  const candidates = branches.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code !== 'unrecognized_keys'));
  if (candidates.length === 0) return [issue];
  const prefix = (inner: Issue): Issue => prefixPath(issue, inner);
  const unknownKeys = mergeUnknownKeys(candidates);
  if (unknownKeys.length > 0) return unknownKeys.map(prefix);
  const closest = candidates.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.map(prefix);
}

/** A branch's issue with its path from the schema's root. */
function prefixPath(union: Issue, inner: Issue): Issue {
  return { ...inner, path: [...union.path, ...inner.path] } as Issue;
}

/**
 * One unrecognized-keys issue per mapping with the keys no candidate branch takes there, each once however many
 * branches reported it (a key one branch knows is not misspelt, it only means another branch).
 */
function mergeUnknownKeys(candidates: readonly Issue[][]): Issue[] {
  const byPath = new Map<string, { issue: Extract<Issue, { code: 'unrecognized_keys' }>; keys: Set<string>; branches: Map<string, number> }>();
  for (const branch of candidates) {
    for (const issue of branch) {
      if (issue.code !== 'unrecognized_keys') continue;
      const id = JSON.stringify(issue.path.map(String));
      const entry = byPath.get(id) ?? { issue, keys: new Set<string>(), branches: new Map<string, number>() };
      for (const key of issue.keys) {
        entry.keys.add(key);
        entry.branches.set(key, (entry.branches.get(key) ?? 0) + 1);
      }
      byPath.set(id, entry);
    }
  }
  return [...byPath.values()]
    .map(({ issue, keys, branches }) => ({ ...issue, keys: [...keys].filter((key) => branches.get(key) === candidates.length) }))
    .filter((issue) => issue.keys.length > 0);
}
