// The shapes the validator calls; the name-constraints helper builds them (issue 14).

/** A NameConstraints extension as OpenSSL decodes it (permitted and excluded subtrees). */
export interface NameConstraints {
  permitted: readonly unknown[];
  excluded: readonly unknown[];
}

/** The extension's value (DER of NameConstraints); undefined where OpenSSL's d2i would refuse it. */
export function parseNameConstraints(_der: Buffer): NameConstraints | undefined {
  throw new Error('parseNameConstraints: not built yet (issue 14)');
}

/**
 * NAME_CONSTRAINTS_check: X509_V_OK (0) or the X509_V_ERR code for a certificate's subject (DER of its Name) and
 * its subjectAltName value (DER of GeneralNames), with OpenSSL's work limit.
 */
export function checkNameConstraints(_nc: NameConstraints, _subject: Buffer, _subjectAltNames?: Buffer): number {
  throw new Error('checkNameConstraints: not built yet (issue 14)');
}

/** NAME_CONSTRAINTS_check_CN: the subject's CNs that look like host names, checked as DNS names. */
export function checkNameConstraintsCN(_nc: NameConstraints, _subject: Buffer, _subjectAltNames?: Buffer): number {
  throw new Error('checkNameConstraintsCN: not built yet (issue 14)');
}
