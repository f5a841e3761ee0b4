import { NameAttribute, PublicKeyFacts, SubjectAltName } from '../model';
import { SourceRange } from '../opensslConfig/configFinding';

export interface RequestedNameFact extends NameAttribute {
  /** Dotted OID of the type when the source knows it (configs do); compared before the short name. */
  oid?: string;
  /** Where a config sets the value (1-based, main text). */
  range?: SourceRange;
  /**
   * Set when a config's value came from the environment or an included file: what findings and reports show
   * instead of `value`, which is compared but never shown.
   */
  shown?: string;
}

export interface RequestedSubjectAltNameFact extends SubjectAltName {
  range?: SourceRange;
  /** As RequestedNameFact.shown. */
  shown?: string;
}

/** A config's SAN that openssl req refuses, by the config's own diagnostic for it. */
export interface RefusedSubjectAltNameFact {
  message: string;
  /** The config finding's code (`san-bad-ip`, `san-unknown-type`, ...). */
  configCode: string;
  range?: SourceRange;
}

/**
 * What a renewal request asks for, from a CSR, a request config or an issued certificate: plain data, so that
 * one comparison serves the CLI, the editor and the verification of the returned certificate.
 */
export interface RequestFacts {
  kind: 'csr' | 'config' | 'certificate';
  /** In encoded order. */
  subject: RequestedNameFact[];
  /** For a config that names a SAN openssl refuses: the names it can read, so the others still compare. */
  subjectAltNames: RequestedSubjectAltNameFact[];
  /** Config only: the SANs openssl req refuses (and with them the whole request). */
  refusedSubjectAltNames?: RefusedSubjectAltNameFact[];
  /** Absent for a config: it names no key, so the key checks are skipped. */
  key?: PublicKeyFacts;
  /** A CSR's self-signature; absent when there is nothing signed to check. */
  signatureValid?: boolean;
  signatureAlgorithm?: string;
  /** Config only: where findings about the subject as a whole go (an attribute that is missing, the order). */
  subjectRange?: SourceRange;
  /** Config only: where a SAN that is missing would go. */
  subjectAltNamesRange?: SourceRange;
}
