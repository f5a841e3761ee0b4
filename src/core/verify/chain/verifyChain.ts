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

/** OpenSSL 3's X509_verify_cert as `openssl verify` calls it, without a purpose or a hostname. */
export function verifyChain(input: VerifyChainInput): VerifyChainResult {
  void input;
  throw new Error('verifyChain: not built yet (issue 14)');
}
