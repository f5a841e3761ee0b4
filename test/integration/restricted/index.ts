// Entry of the Restricted Mode suite: the harness opens the fixture workspace untrusted and runs this instead of
// the main entry (test/host/runOffline.ts, `trust: 'restricted'`).
import { runMochaIn } from '../index';

export async function run(): Promise<void> {
  const failures = await runMochaIn(__dirname);
  if (failures > 0) throw new Error(`${failures} Restricted Mode test(s) failed`);
}
