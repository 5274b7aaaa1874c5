/** Aligns rows into columns for the terminal; the last column is left ragged. */
export function table(rows: string[][], indent = '  '): string {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes to measure visible width
  const visible = (cell: string) => cell.replace(/\u001B\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) =>
            i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell)),
          )
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}
