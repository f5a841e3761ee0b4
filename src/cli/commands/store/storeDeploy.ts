import { isCoreError } from '../../../core/errors';
import { readUserFile } from '../../../core/files/readUserFile';
import { StoredPair } from '../../../core/stores/secretsStore';
import { certificateBlocks } from '../../../core/x509/certificateBlocks';
import { Command } from '../../command';
import { storeOption } from '../../openStoreSpec';
import { parseNow, stringOption, UsageError } from '../../parseArgs';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { printPairState } from './printPairState';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';

/** Through the safe reader like every other input; the option goes first so the user knows which file to fix. */
async function readInput(path: string, option: string): Promise<string> {
  try {
    return (await readUserFile(path)).toString('latin1');
  } catch (error) {
    // A plain Error: a file that cannot be read is bad input (exit 2), and no store was touched.
    throw new Error(`--${option}: ${isCoreError(error) ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * A `--cert` file that holds the leaf followed by its intermediates (fullchain.pem) keeps them: the store would
 * otherwise hold the leaf alone, and services would send an incomplete chain.
 */
export function pairFrom(certificatePem: string, privateKeyPem: string, chainPem: string | undefined): StoredPair {
  const certificates = certificateBlocks(certificatePem);
  if (certificates.length > 1 && chainPem !== undefined)
    throw new UsageError(
      `--cert holds ${certificates.length} certificates and --chain is given too: give the intermediates in one place`,
    );
  const pair: StoredPair = { certificatePem, privateKeyPem };
  if (chainPem !== undefined) pair.chainPem = chainPem;
  else if (certificates.length > 1) pair.chainPem = certificates.slice(1).join('');
  return pair;
}

export const storeDeployCommand: Command = {
  name: 'deploy',
  summary:
    'deploy a certificate and its key alongside the current pair (pending); into an empty store it becomes current',
  synopsis: 'store deploy --store SPEC --cert C --key K [--chain F] [--json] [--now T]',
  options: {
    store: storeOption,
    cert: { type: 'string', value: 'C', description: 'the certificate (PEM); required' },
    key: {
      type: 'string',
      value: 'K',
      description: 'its private key (PEM, unencrypted; stored as PKCS#8); required, must match the certificate',
    },
    chain: {
      type: 'string',
      value: 'F',
      description: 'intermediate certificates (PEM) stored with the pair (default: those following the leaf in --cert)',
    },
    json: { type: 'boolean', description: 'print {"ok":true,"current":FINGERPRINT,"pending":FINGERPRINT|null}' },
    now: {
      type: 'string',
      value: 'T',
      description: 'the current time for the expiry check, ISO 8601 (default: the clock)',
    },
  },
  exitCodes: STORE_EXIT_CODES,
  async run(args, io) {
    const spec = storeSpecArgument(args);
    const certPath = stringOption(args, 'cert');
    const keyPath = stringOption(args, 'key');
    if (certPath === undefined) throw new UsageError('--cert C is required');
    if (keyPath === undefined) throw new UsageError('--key K is required');
    const chainPath = stringOption(args, 'chain');
    const now = parseNow(stringOption(args, 'now'));
    const pair = pairFrom(
      await readInput(certPath, 'cert'),
      await readInput(keyPath, 'key'),
      chainPath === undefined ? undefined : await readInput(chainPath, 'chain'),
    );
    return runStoreOperation('store deploy', spec, io, async ({ store }) => {
      const state = await store.stage(pair, { now });
      const headline =
        state.pending === null
          ? `Deployed to ${spec}: the store held no pair, so this one is current.`
          : `Deployed alongside in ${spec}: the new pair is pending; services still get the current one.`;
      return printPairState(io, args.options.json === true, headline, state, 'store deploy');
    });
  },
};
