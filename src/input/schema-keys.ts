import type { z } from 'zod';

/** The parts of a zod schema's definition that lead to the mappings below it. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schemas a value at `path` below `schema` may be checked against (several under a union). */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return def.innerType === undefined ? [] : schemasAt(def.innerType, path);
    case 'pipe':
      return def.in === undefined ? [] : schemasAt(def.in, path);
    case 'lazy':
      return def.getter === undefined ? [] : schemasAt(def.getter(), path);
    case 'union':
      return (def.options ?? []).flatMap((option) => schemasAt(option, path));
    case 'intersection':
      return [def.left, def.right].flatMap((side) => (side === undefined ? [] : schemasAt(side, path)));
    default:
      break;
  }
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (def.type === 'array' && typeof head === 'number' && def.element !== undefined) return schemasAt(def.element, rest);
  const child = def.type === 'object' && typeof head === 'string' ? def.shape?.[head] : undefined;
  return child === undefined ? [] : schemasAt(child, rest);
}

/**
 * The keys a mapping at `path` may hold according to `schema`, in declaration order; empty when no mapping is there.
 * Lets an "unknown key" diagnostic say which keys are allowed there, so a misspelling is fixed at a glance.
 */
export function listAllowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const found of schemasAt(schema, path)) {
    const def = defOf(found);
    if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  }
  return [...keys];
}
