/**
 * All-pairs combinations: every value of every parameter meets every value of every other
 * parameter in at least one row, in far fewer rows than the full product. Greedy and
 * deterministic: each row starts from the first uncovered pair and fills the other parameters
 * with the value that covers the most uncovered pairs (first value on ties).
 */
export function pairwise<T extends Record<string, readonly unknown[]>>(
  parameters: T,
): { [K in keyof T]: T[K][number] }[] {
  const names = Object.keys(parameters) as (keyof T & string)[];
  const key = (a: string, i: number, b: string, j: number) => `${a}=${i}|${b}=${j}`;
  const uncovered = new Set<string>();
  names.forEach((a, x) =>
    names
      .slice(x + 1)
      .forEach((b) =>
        parameters[a]!.forEach((_, i) => parameters[b]!.forEach((_, j) => uncovered.add(key(a, i, b, j)))),
      ),
  );
  const rows: Record<string, number>[] = [];
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const [left, right] = first!.split('|') as [string, string];
    const [a, i] = left.split('=') as [string, string];
    const [b, j] = right.split('=') as [string, string];
    const row: Record<string, number> = { [a]: Number(i), [b]: Number(j) };
    for (const name of names) {
      if (name in row) continue;
      let best = 0;
      let bestGain = -1;
      parameters[name]!.forEach((_, candidate) => {
        const gain = Object.entries(row).filter(([other, value]) => {
          const [p, q] = names.indexOf(other) < names.indexOf(name) ? [other, name] : [name, other];
          const pi = p === name ? candidate : value;
          const qi = q === name ? candidate : value;
          return uncovered.has(key(p, pi, q, qi));
        }).length;
        if (gain > bestGain) [best, bestGain] = [candidate, gain];
      });
      row[name] = best;
    }
    names.forEach((p, x) => names.slice(x + 1).forEach((q) => uncovered.delete(key(p, row[p]!, q, row[q]!))));
    rows.push(row);
  }
  return rows.map(
    (row) => Object.fromEntries(names.map((name) => [name, parameters[name]![row[name]!]])) as never,
  );
}
