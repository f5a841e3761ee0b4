import { buildChain } from './buildChain';
import { ChainCertificate, readChainCertificate } from './chainCertificate';
import { checkChainExtensions } from './checkChainExtensions';
import { checkNameConstraintsInChain } from './checkNameConstraintsInChain';
import { checkSignatures } from './checkSignatures';
import { TrustStore } from './trustStore';
import { VerifyContext } from './verifyContext';
import { VerifyError } from './verifyErrors';

export interface VerifyChainInput {
  /** The certificate verified (DER). */
  target: Buffer;
  /** The trust anchors (DER), in file order: `openssl verify -CAfile`. */
  trusted: readonly Buffer[];
  /** Certificates that may complete the path but are never anchors (DER), in file order: `-untrusted`. */
  untrusted?: readonly Buffer[];
  /** `-attime`: every certificate's dates are checked at this time. Without it dates are not looked at (`-no_check_time`). */
  at?: Date;
}

export interface VerifyChainError {
  error: VerifyError;
  /** The depth openssl prints: 0 is the target, the trust anchor is the deepest. */
  depth: number;
}

export interface VerifyChainResult {
  /** openssl verify's verdict: OK only when no error was reported. */
  ok: boolean;
  /**
   * Every error `openssl verify` reports, in its order: its callback goes on after some errors (an expired or
   * invalid CA, a path length, an unhandled critical extension, ...) as apps/verify.c does.
   */
  errors: VerifyChainError[];
  /** The path as built, target first, ending at the trust anchor when one was found (DER). */
  chain: Buffer[];
}

function readAll(ders: readonly Buffer[]): ChainCertificate[] {
  // A certificate whose DER cannot be walked is one openssl would not have loaded from the file: skipped.
  const out: ChainCertificate[] = [];
  for (const der of ders) {
    const cert = readChainCertificate(der);
    if (cert !== undefined) out.push(cert);
  }
  return out;
}

/** verify_chain after build_chain: each step returns false when the callback stopped verification. */
function runChecks(ctx: VerifyContext): boolean {
  if (!checkChainExtensions(ctx)) return false;
  // X509_get_pubkey_parameters stops, without a callback, at a target whose key does not decode.
  if (ctx.chain[0].publicKey() === undefined) return false;
  if (!checkSignatures(ctx)) return false;
  return checkNameConstraintsInChain(ctx);
}

/** OpenSSL 3's X509_verify_cert as `openssl verify` calls it, without a purpose or a hostname. */
export function verifyChain(input: VerifyChainInput): VerifyChainResult {
  const target = readChainCertificate(input.target);
  if (target === undefined) {
    // openssl verify cannot load such a target at all; no depth-annotated error is printed.
    return { ok: false, errors: [], chain: [input.target] };
  }
  const ctx: VerifyContext = {
    chain: [target],
    numUntrusted: 1,
    at: input.at === undefined ? undefined : Math.floor(input.at.getTime() / 1000),
    errors: [],
  };
  const store = new TrustStore(readAll(input.trusted));
  const untrusted = input.untrusted === undefined ? undefined : readAll(input.untrusted);
  let passed: boolean;
  try {
    passed = buildChain(ctx, store, untrusted) && runChecks(ctx);
  } catch {
    // Nothing in a certificate Node accepted should get here; if it does, verification fails, as an
    // internal error fails X509_verify_cert, rather than the caller's whole command.
    passed = false;
  }
  return { ok: passed && ctx.errors.length === 0, errors: ctx.errors, chain: ctx.chain.map((cert) => cert.der) };
}
