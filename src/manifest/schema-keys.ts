import type { z } from 'zod';

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  valueType?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object in the schema allows at a path, for did-you-mean on unknown keys. */
export function allowedKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  let candidates = [schema];
  for (const segment of path) {
    candidates = candidates.flatMap((candidate) => child(candidate, segment));
  }
  return [...new Set(candidates.flatMap((candidate) => Object.keys(objectShape(candidate) ?? {})))];
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  return unwrap(schema)
    .map((s) => defOf(s).shape)
    .find(Boolean);
}

function child(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  return unwrap(schema).flatMap((s) => {
    const def = defOf(s);
    if (def.type === 'array' && def.element) return [def.element];
    if (def.type === 'record' && def.valueType) return [def.valueType];
    const next = def.shape?.[String(segment)];
    return next ? [next] : [];
  });
}
