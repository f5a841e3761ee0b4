/** A path as a POSIX shell word, quoted only when it needs to be, so that commands can be pasted as they are. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
