// Applies 1-based text edits (the editors' way of counting: lines split at \n, a \r before it not counted, columns
// in UTF-16 code units, end column exclusive) to a string. The core computes edits, the editor applies them; tests
// and the CLI use this to see the result.
import { SourceRange } from '../opensslConfig/configFinding';

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** Offsets of the start of each line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function visibleEnd(text: string, starts: number[], line: number): number {
  let end = line < starts.length ? starts[line] - 1 : text.length;
  if (line < starts.length && end > starts[line - 1] && text[end - 1] === '\r') end--;
  return end;
}

/** Offset of a 1-based position, clamped to the text as an editor clamps it. */
export function offsetAt(text: string, line: number, column: number, starts = lineStarts(text)): number {
  if (line < 1) return 0;
  if (line > starts.length) return text.length;
  const start = starts[line - 1];
  return Math.min(start + Math.max(0, column - 1), visibleEnd(text, starts, line));
}

/** Applies non-overlapping edits given against the same original text; inserts at one place keep their order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const located = edits.map((edit, index) => ({
    start: offsetAt(text, edit.range.line, edit.range.column, starts),
    end: offsetAt(text, edit.range.endLine, edit.range.endColumn, starts),
    newText: edit.newText,
    index,
  }));
  located.sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  let out = '';
  let at = 0;
  for (const edit of located) {
    if (edit.start < at) throw new Error('applyTextEdits: overlapping edits');
    out += text.slice(at, edit.start) + edit.newText;
    at = Math.max(at, edit.end);
  }
  return out + text.slice(at);
}
