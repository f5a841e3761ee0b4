// Preloaded into a CLI run (`node -r out/test/support/reportPeakRss.js dist/cli.js ...`): on exit, writes the
// process's peak resident set size in kilobytes to the file named by MTLS_PEAK_RSS_FILE. Measured from inside,
// so that it is the CLI's own peak and not that of a wrapper such as /usr/bin/time.
import * as fs from 'fs';

const target = process.env.MTLS_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
