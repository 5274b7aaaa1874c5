/**
 * Inlines local `$ref`s (`#/components/...`) so schemas can be validated and sampled on their own.
 * Contracts here are single files; a ref to another file is reported by lint, not followed.
 * A recursive schema is cut at its second visit (replaced by `{}`), which accepts anything there.
 */
export function resolveRefs<T>(value: T, root: unknown): T {
  return inline(value, root, new Set()) as T;
}

export function refTarget(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function inline(value: unknown, root: unknown, visiting: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, root, visiting));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const ref = record.$ref;
    const target = refTarget(ref, root);
    if (target === undefined || visiting.has(ref)) return {};
    visiting.add(ref);
    const resolved = inline(target, root, visiting);
    visiting.delete(ref);
    const { $ref: _ref, ...siblings } = record;
    return Object.keys(siblings).length && resolved && typeof resolved === 'object'
      ? { ...(resolved as object), ...(inline(siblings, root, visiting) as object) }
      : resolved;
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, inline(item, root, visiting)]));
}
