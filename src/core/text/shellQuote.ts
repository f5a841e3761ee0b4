// The one quoting for every command the product prints for people to paste (openssl equivalents, verification
// commands, the curl test call, the CLI's hints). File names come from the workspace, which may be a cloned
// repository: a name like `$(touch x).crt` must reach the command as those characters, never run.
//
// Single quotes are the only POSIX quoting in which every character is literal, newlines included; a single quote
// itself cannot appear inside them and is written as '\'' (close, escaped quote, reopen). Bash, dash, ksh and zsh
// read the result alike. A line break stays a line break inside the quotes: correct when pasted into a shell, and
// it is up to whoever displays the command to show it plainly (`$'\n'` would be one line, but dash does not read it).

export interface ShellQuoteOptions {
  /**
   * The word is a file path. A relative path starting with `-` would be read as an option (`openssl verify -x.crt`)
   * and a lone `-` as standard input or output, so such a path gets `./` in front: the same file, never an option.
   * Only paths: `./` would change any other word.
   */
  path?: boolean;
}

/** Words made only of these are the same bare as quoted, so the common case reads like the rotation guide. */
const BARE = /^[A-Za-z0-9_./:@%+=,-]+$/;

/** `word` as one shell word that stands for exactly its characters. */
export function shellQuote(word: string, options: ShellQuoteOptions = {}): string {
  const text = options.path && word.startsWith('-') ? `./${word}` : word;
  // A leading = is zsh's command-path expansion (`=ls`): quoted too, for people whose shell is zsh.
  if (BARE.test(text) && !text.startsWith('=')) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
