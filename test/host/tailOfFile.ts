import * as fs from 'fs';

/** The last `lines` lines of a text file, or a note that it cannot be read. */
export function tailOfFile(file: string, lines: number): string {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(0, size - 256 * 1024);
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return `(cannot read ${file}: ${(err as Error).message})`;
  }
  return text.replace(/\s+$/, '').split('\n').slice(-lines).join('\n');
}
