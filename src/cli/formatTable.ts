import { escapeControlCharacters } from '../core/text/escapeControlCharacters';

/**
 * Left-aligned columns separated by two spaces; columns listed in `right` are right-aligned (numbers). Cells
 * hold names from certificates and files: their control characters are escaped, so a row stays one line.
 */
export function formatTable(headers: string[], rawRows: string[][], right: number[] = []): string {
  const rows = rawRows.map((row) => row.map(escapeControlCharacters));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 && !right.includes(i)
          ? cell
          : right.includes(i)
            ? cell.padStart(widths[i])
            : cell.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
