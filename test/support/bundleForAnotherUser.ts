// A test that runs code as another user (root tests permissions as nobody) cannot let that user load it from the
// checkout: a clone inside a private folder (mode 0700, as mktemp makes them) is closed to everyone else. So the
// code goes, bundled into one file with what it imports, into a fresh folder that every user can read.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface AnotherUsersBundle {
  /** The bundle: `require` it by this path, or run it with node. */
  file: string;
  /** The folder holding it: a working directory the other user can enter. */
  dir: string;
  /** Removes the folder. */
  remove(): void;
}

/** `entry` (a compiled module or a TypeScript source) and everything it imports, readable by every user. */
export function bundleForAnotherUser(entry: string): AnotherUsersBundle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-another-user-'));
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, `${path.basename(entry).replace(/\.[cm]?[jt]s$/, '')}.js`);
    esbuild.buildSync({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
    fs.chmodSync(file, 0o644);
    return { file, dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
