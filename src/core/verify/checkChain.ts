import { X509Certificate } from 'crypto';
import { verifyChain, VerifyChainError, VerifyChainResult } from './chain/verifyChain';
import { X509_V_ERR } from './chain/verifyErrors';
import { issuerOf, LoadedCertificate, subjectOf } from './loadCertificates';
import { VerifyCheck } from './verifyCheck';

export interface ChainInput {
  target: LoadedCertificate;
  /** `-CAfile`: every certificate is a trust anchor. */
  trusted: readonly LoadedCertificate[];
  /** `-untrusted`: may complete the path, never anchors it. */
  untrusted: readonly LoadedCertificate[];
  /** `-attime`; without it dates are not looked at (`-no_check_time`). */
  at?: Date;
}

const quoted = (text: string) => `"${text}"`;

/**
 * What a rotation engineer does about each error: most come down to what to ask the provider for. The
 * certificate named is the one at the error's depth; its issuer is named where the issuer is what is missing.
 */
function advice(code: number, subject: string, issuer: string, at: Date | undefined): string {
  switch (code) {
    case X509_V_ERR.UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR.UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return `No certificate in the CA bundle (or the untrusted file) issued ${quoted(subject)}: its issuer ${quoted(issuer)} is missing. Ask the provider for the CA chain up to its root, including ${quoted(issuer)}; if they say it is already there, the certificate was issued by another CA.`;
    case X509_V_ERR.UNABLE_TO_GET_ISSUER_CERT:
      return `The path reaches ${quoted(subject)}, but its issuer ${quoted(issuer)} is in neither file: a root CA certificate is missing from the CA bundle. Ask the provider for the root of their chain.`;
    case X509_V_ERR.DEPTH_ZERO_SELF_SIGNED_CERT:
      return `${quoted(subject)} is self-signed and is not in the CA bundle: no CA issued it. The provider's signed certificate is issued by their CA; this is not it.`;
    case X509_V_ERR.SELF_SIGNED_CERT_IN_CHAIN:
      return `The path ends at the self-signed root ${quoted(subject)}, which is not in the CA bundle (it came with the certificate or the untrusted file). Only the CA bundle is trusted: put the provider's root there if it is theirs.`;
    case X509_V_ERR.CERT_SIGNATURE_FAILURE:
    case X509_V_ERR.UNABLE_TO_DECRYPT_CERT_SIGNATURE:
      return `The signature of ${quoted(subject)} does not verify with the key of its issuer ${quoted(issuer)}: another CA with the same name issued it, or the certificate was altered. Ask the provider for the CA certificate that really issued it, or for the certificate again.`;
    case X509_V_ERR.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
    case X509_V_ERR.NO_ISSUER_PUBLIC_KEY:
      return `The public key of the issuer of ${quoted(subject)} cannot be used to check its signature. Ask the provider for a valid CA certificate.`;
    case X509_V_ERR.CERT_NOT_YET_VALID:
      return `${quoted(subject)} is not yet valid at ${at?.toISOString() ?? 'the time checked'}: handshakes through it fail until its notBefore. Deploy it later, or ask the provider why it starts in the future.`;
    case X509_V_ERR.CERT_HAS_EXPIRED:
      return `${quoted(subject)} is expired at ${at?.toISOString() ?? 'the time checked'}: every handshake through it fails. Ask the provider for a current one.`;
    case X509_V_ERR.ERROR_IN_CERT_NOT_BEFORE_FIELD:
    case X509_V_ERR.ERROR_IN_CERT_NOT_AFTER_FIELD:
      return `The dates of ${quoted(subject)} cannot be compared with the time checked. Ask the provider to reissue it.`;
    case X509_V_ERR.INVALID_NON_CA:
      return `${quoted(subject)} is not a CA but carries CA markings (a path length, or keyUsage keyCertSign), which OpenSSL refuses. Ask the provider to reissue it without them.`;
    case X509_V_ERR.INVALID_CA:
      return `${quoted(subject)} signs certificates but is not a valid CA certificate (basicConstraints CA:TRUE, keyUsage). Ask the provider for their proper CA certificate.`;
    case X509_V_ERR.KEYUSAGE_NO_CERTSIGN:
      return `${quoted(subject)} issued a certificate but its keyUsage does not allow certificate signing. Ask the provider for a CA certificate with keyCertSign.`;
    case X509_V_ERR.PATH_LENGTH_EXCEEDED:
      return `A CA's path length limit (basicConstraints pathlen) allows fewer CAs below it than this path has at ${quoted(subject)}. Ask the provider for a chain that respects it, or a certificate issued by the right intermediate.`;
    case X509_V_ERR.UNHANDLED_CRITICAL_EXTENSION:
      return `${quoted(subject)} has an extension marked critical that OpenSSL does not handle: clients built on OpenSSL refuse it. Ask the provider to reissue it without that critical extension.`;
    case X509_V_ERR.INVALID_EXTENSION:
    case X509_V_ERR.INVALID_POLICY_EXTENSION:
      return `${quoted(subject)} has an invalid or inconsistent extension. Ask the provider to reissue it.`;
    case X509_V_ERR.PERMITTED_VIOLATION:
    case X509_V_ERR.EXCLUDED_VIOLATION:
      return `A name in ${quoted(subject)} (subject or SAN) is outside what a CA above it may certify (its name constraints). Ask the provider whether the names requested are allowed under their CA, or for a certificate from a CA that permits them.`;
    case X509_V_ERR.UNSUPPORTED_CONSTRAINT_TYPE:
    case X509_V_ERR.UNSUPPORTED_CONSTRAINT_SYNTAX:
    case X509_V_ERR.UNSUPPORTED_NAME_SYNTAX:
    case X509_V_ERR.SUBTREE_MINMAX:
      return `The name constraints of a CA above ${quoted(subject)}, or a name they apply to, are of a kind OpenSSL cannot check, so it refuses the path. Ask the provider about their CA's name constraints.`;
    case X509_V_ERR.CERT_CHAIN_TOO_LONG:
      return `The path is longer than OpenSSL allows (100 certificates). Ask the provider for a shorter chain.`;
    case X509_V_ERR.PATH_LOOP:
      return `The path loops back on itself. Ask the provider for a well-formed chain.`;
    case X509_V_ERR.EC_KEY_EXPLICIT_PARAMS:
      return `${quoted(subject)} has an EC key with explicit curve parameters instead of a named curve, which OpenSSL refuses. Ask the provider to reissue it with a named curve (e.g. P-256).`;
    case X509_V_ERR.UNSPECIFIED:
      return `OpenSSL refuses ${quoted(subject)} without a more specific reason (often a malformed extension). Ask the provider to reissue it.`;
    default:
      return `Send the provider this error line: it is what OpenSSL reports for ${quoted(subject)}.`;
  }
}

/** `error 20 at depth 0: unable to get local issuer certificate (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)`. */
export function errorLine({ error, depth }: VerifyChainError): string {
  return `error ${error.code} at depth ${depth}: ${error.text} (${error.name})`;
}

/** The `chain` check: ok exactly when `openssl verify` says OK; otherwise each error openssl prints, explained. */
export function checkChain(input: ChainInput, command: string): { check: VerifyCheck; chain: LoadedCertificate[] } {
  const result: VerifyChainResult = verifyChain({
    target: input.target.der,
    trusted: input.trusted.map((c) => c.der),
    untrusted: input.untrusted.map((c) => c.der),
    at: input.at,
  });
  const known = [input.target, ...input.trusted, ...input.untrusted];
  const chain = result.chain.map(
    (der): LoadedCertificate =>
      known.find((c) => c.der.equals(der)) ?? { der, x509: new X509Certificate(der), line: 0 },
  );
  const isTrusted = (c: LoadedCertificate) => input.trusted.some((t) => t.der.equals(c.der));
  const evidence: Record<string, string> = {
    issuer: issuerOf(input.target),
    trustedCertificates: String(input.trusted.length),
  };
  if (input.untrusted.length > 0) evidence.untrustedCertificates = String(input.untrusted.length);
  evidence.dates = input.at ? `checked at ${input.at.toISOString()} (-attime)` : 'not checked (-no_check_time)';
  if (chain.length > 0)
    evidence.path = chain
      .map((c, depth) => `${subjectOf(c)}${depth === 0 || isTrusted(c) ? '' : ' (untrusted)'}`)
      .join(' <- ');
  const unreadable = known.filter((c) => c.readingProblem);
  if (unreadable.length > 0)
    evidence.readBy = `OpenSSL's parser only (our reader refused ${unreadable.map((c) => `line ${c.line}: ${c.readingProblem}`).join('; ')})`;

  if (!result.ok) {
    evidence.errors = result.errors.map(errorLine).join('\n');
    evidence.errorCodes = result.errors.map((e) => String(e.error.code)).join(', ');
    evidence.errorNames = result.errors.map((e) => e.error.name).join(', ');
    const explained = result.errors.map((e) => {
      const at = chain[e.depth] ?? chain[chain.length - 1] ?? input.target;
      return `${errorLine(e)}, certificate ${quoted(subjectOf(at))}. ${advice(e.error.code, subjectOf(at), issuerOf(at), input.at)}`;
    });
    const message = `openssl verify fails: ${explained.join(' ')}`;
    return {
      chain,
      check: { name: 'chain', ok: false, severity: 'error', message, evidence, opensslCommand: command },
    };
  }

  const anchor = chain[chain.length - 1] ?? input.target;
  const between = chain.slice(1, -1);
  evidence.caSubject = subjectOf(anchor);
  evidence.caFingerprintSha256 = anchor.x509.fingerprint256;
  if (between.length > 0) evidence.intermediates = between.map(subjectOf).join('; ');
  const dates = input.at ? `dates checked at ${input.at.toISOString()}` : 'dates aside';
  const through =
    between.length > 0
      ? ` through ${between.map((c) => `${quoted(subjectOf(c))}${isTrusted(c) ? '' : ' (from the untrusted file)'}`).join(', ')}`
      : '';
  const message =
    chain.length <= 1
      ? `openssl verify says OK: the certificate is self-signed and is itself in the CA bundle (${dates}).`
      : `openssl verify says OK: signed by ${quoted(subjectOf(anchor))} from the CA bundle${through} (${dates}).`;
  return { chain, check: { name: 'chain', ok: true, severity: 'info', message, evidence, opensslCommand: command } };
}
