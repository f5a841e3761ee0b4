/** One case of the differential corpus: the files and flags of one `openssl verify` call. */
export interface VerifyCase {
  /** Unique, e.g. `nc-permitted-dns-outside`. */
  name: string;
  /** The family it belongs to, e.g. `name constraints`. */
  family: string;
  /** The certificate verified (PEM file). */
  target: string;
  /** `-CAfile` (PEM file). */
  trusted: string;
  /** `-untrusted` (PEM file). */
  untrusted?: string;
  /** `-attime` in seconds since the epoch; absent means `-no_check_time`. */
  attime?: number;
}

/** What `openssl verify` said: its verdict and every `error N at D depth lookup` line, in order. */
export interface OpensslVerdict {
  ok: boolean;
  errors: { code: number; depth: number }[];
}
