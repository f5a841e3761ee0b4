/** Left-aligned columns separated by two spaces; columns listed in `right` are right-aligned (numbers). */
export function formatTable(headers: string[], rows: string[][], right: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells
    .map((cell, i) => (i === cells.length - 1 && !right.includes(i) ? cell : right.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
