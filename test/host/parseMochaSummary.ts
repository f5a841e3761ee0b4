export interface MochaSummary {
  /** From the line `VS Code <version>` that the tests' entry prints first. */
  vscodeVersion?: string;
  passing?: number;
  failing?: number;
  pending?: number;
}

/**
 * Reads the end of a mocha run (spec reporter) from its output: `N passing (2s)`, `N pending`, `N failing`.
 * A count that is absent stays undefined; mocha omits `failing` and `pending` when they are zero.
 */
export function parseMochaSummary(lines: readonly string[]): MochaSummary {
  const summary: MochaSummary = {};
  for (const raw of lines) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    let m: RegExpMatchArray | null;
    if (summary.vscodeVersion === undefined && (m = /^VS Code (\d+\.\d+\.\d+\S*)/.exec(line.trim())))
      summary.vscodeVersion = m[1];
    else if ((m = /^\s*(\d+) passing\b/.exec(line))) summary.passing = Number(m[1]);
    else if ((m = /^\s*(\d+) failing\b/.exec(line))) summary.failing = Number(m[1]);
    else if ((m = /^\s*(\d+) pending\b/.exec(line))) summary.pending = Number(m[1]);
  }
  return summary;
}
