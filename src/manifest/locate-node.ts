import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a manifest path lives in the YAML source. A path that does not exist (a missing
 * field) resolves to its nearest existing parent; `key: true` points at a map key, not its value.
 */
export function locate(
  document: Document,
  lines: LineCounter,
  path: PropertyKey[],
  options: { key?: boolean } = {},
): Position {
  let node: unknown = document.contents;
  let at: { range?: [number, number, number] | null } | undefined = document.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const keyNode = pair.key as Node;
      at = last && options.key ? keyNode : ((pair.value as Node | null) ?? keyNode);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      at = node as Node;
    } else {
      break;
    }
  }
  const offset = at?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** `['environments', 0, 'after']` -> `environments[0].after`. */
export function formatPath(path: PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
