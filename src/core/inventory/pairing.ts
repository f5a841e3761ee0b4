import { CertificateInfo, CsrInfo, InventoryItem, Pkcs12Info, PrivateKeyInfo, SubjectAltName } from '../model';

export interface CertificateGroup {
  certificate: CertificateInfo;
  /** Keys with the certificate's public key (same SPKI hash). */
  keys: PrivateKeyInfo[];
  /** CSRs for the certificate's own key (the request it was issued from). */
  csrs: CsrInfo[];
  /**
   * CSRs for a different key whose CN equals the certificate's or whose SANs overlap: a renewal in progress,
   * since a renewal always uses a new key.
   */
  renewalCsrs: CsrInfo[];
  /** The new keys of those renewal CSRs: the other half of the renewal in progress. */
  renewalKeys: PrivateKeyInfo[];
  /** Other certificates with the same subject: predecessors and successors. */
  related: CertificateInfo[];
}

export interface PairedInventory {
  /** Soonest notAfter first. */
  certificates: CertificateGroup[];
  /** Keys that match no certificate and belong to no renewal in progress. */
  orphanKeys: PrivateKeyInfo[];
  /** CSRs whose key matches no certificate and that renew none either. */
  orphanCsrs: CsrInfo[];
  pkcs12: Pkcs12Info[];
}

/** Groups an inventory by public key (SPKI hash), which works for RSA, EC and Ed25519 alike. */
export function pairInventory(items: readonly InventoryItem[]): PairedInventory {
  const certificates: CertificateInfo[] = [];
  const keys: PrivateKeyInfo[] = [];
  const csrs: CsrInfo[] = [];
  const pkcs12: Pkcs12Info[] = [];
  for (const item of items) {
    if (item.kind === 'certificate') certificates.push(item);
    else if (item.kind === 'key') keys.push(item);
    else if (item.kind === 'csr') csrs.push(item);
    else pkcs12.push(item);
  }

  const certificateKeys = new Set(certificates.map((c) => c.publicKeySha256));
  const bySubject = new Map<string, CertificateInfo[]>();
  for (const certificate of certificates) {
    const key = subjectKey(certificate);
    const list = bySubject.get(key) ?? [];
    list.push(certificate);
    bySubject.set(key, list);
  }

  const groups = certificates.map((certificate): CertificateGroup => {
    const renewalCsrs = csrs.filter(
      (c) => c.publicKeySha256 !== certificate.publicKeySha256 && isRenewalOf(c, certificate),
    );
    const renewalSpkis = new Set(renewalCsrs.map((c) => c.publicKeySha256));
    return {
      certificate,
      keys: keys.filter((k) => k.publicKeySha256 !== undefined && k.publicKeySha256 === certificate.publicKeySha256),
      csrs: csrs.filter((c) => c.publicKeySha256 === certificate.publicKeySha256),
      renewalCsrs,
      renewalKeys: keys.filter(
        (k) =>
          k.publicKeySha256 !== undefined &&
          !certificateKeys.has(k.publicKeySha256) &&
          renewalSpkis.has(k.publicKeySha256),
      ),
      related: (bySubject.get(subjectKey(certificate)) ?? []).filter((other) => other !== certificate),
    };
  });
  groups.sort(
    (a, b) =>
      compareDates(a.certificate.notAfter, b.certificate.notAfter) ||
      (a.certificate.path < b.certificate.path ? -1 : a.certificate.path > b.certificate.path ? 1 : 0) ||
      a.certificate.index - b.certificate.index,
  );

  const inRenewal = new Set<InventoryItem>(groups.flatMap((g) => [...g.renewalCsrs, ...g.renewalKeys]));
  return {
    certificates: groups,
    orphanKeys: keys.filter(
      (k) => (k.publicKeySha256 === undefined || !certificateKeys.has(k.publicKeySha256)) && !inRenewal.has(k),
    ),
    orphanCsrs: csrs.filter((c) => !certificateKeys.has(c.publicKeySha256) && !inRenewal.has(c)),
    pkcs12,
  };
}

function subjectKey(certificate: CertificateInfo): string {
  return JSON.stringify(certificate.subject.map((a) => [a.type, a.value]));
}

function compareDates(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function commonName(name: { type: string; value: string }[]): string | undefined {
  return name.find((a) => a.type === 'CN')?.value;
}

function sanKey(san: SubjectAltName): string {
  // DNS names and emails compare case-insensitively; IPs are already canonical.
  return san.type === 'DNS' || san.type === 'email'
    ? `${san.type}:${san.value.toLowerCase()}`
    : `${san.type}:${san.value}`;
}

function isRenewalOf(csr: CsrInfo, certificate: CertificateInfo): boolean {
  const cn = commonName(certificate.subject);
  if (cn !== undefined && cn === commonName(csr.subject)) return true;
  const sans = new Set(certificate.subjectAltNames.map(sanKey));
  return csr.subjectAltNames.some((san) => sans.has(sanKey(san)));
}
