// Run by the kill and concurrency tests as a separate process (never by mocha: not a *.test file).
// argv[2]: JSON { directory, name, op, stopAt?, certPath?, keyPath? }. Prints each step as it is reached; at
// `stopAt` it prints "stopped" and blocks its only thread, so that the parent's SIGKILL lands exactly there.
import * as fs from 'fs';
import { openDirectoryStore } from '../../../../src/core/stores/directory/openDirectoryStore';

interface ChildArgs {
  directory: string;
  name: string;
  op: 'promote' | 'rollback' | 'stage';
  stopAt?: string;
  certPath?: string;
  keyPath?: string;
}

const args = JSON.parse(process.argv[2]) as ChildArgs;

const store = openDirectoryStore(
  { kind: 'directory', directory: args.directory, name: args.name },
  {
    onStep: (step) => {
      fs.writeSync(1, `step ${step}\n`);
      if (step === args.stopAt) {
        fs.writeSync(1, 'stopped\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
    },
  },
);

async function main(): Promise<void> {
  const state =
    args.op === 'promote'
      ? await store.promote()
      : args.op === 'rollback'
        ? await store.rollback()
        : await store.stage({
            certificatePem: fs.readFileSync(args.certPath!, 'utf8'),
            privateKeyPem: fs.readFileSync(args.keyPath!, 'utf8'),
          });
  fs.writeSync(1, `done ${JSON.stringify(state)}\n`);
}

main().catch((error: unknown) => {
  fs.writeSync(2, `${(error as Error).message}\n`);
  process.exit(3);
});
