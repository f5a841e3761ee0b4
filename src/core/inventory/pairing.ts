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
  readonly related: CertificateInfo[];
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

// Most certificates have no key, CSR or renewal beside them: one shared empty list each instead of 10,000.
// Frozen, so that code pushing into a group's list fails loudly instead of filling every group at once.
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * One certificate and what belongs with it. Same-subject certificates are found when asked for: a workspace that
 * holds many copies of one certificate would otherwise keep a list of all the others for each of them.
 */
class Group implements CertificateGroup {
  keys: PrivateKeyInfo[] = NONE;
  csrs: CsrInfo[] = NONE;
  renewalCsrs: CsrInfo[] = NONE;
  renewalKeys: PrivateKeyInfo[] = NONE;
  private relatedList?: CertificateInfo[];
  /** notAfter in ms, parsed once for the sort rather than in each of its comparisons. */
  readonly end: number;

  constructor(
    readonly certificate: CertificateInfo,
    private readonly sameSubject: readonly CertificateInfo[],
  ) {
    this.end = Date.parse(certificate.notAfter);
  }

  get related(): CertificateInfo[] {
    if (this.sameSubject.length === 1) return NONE;
    this.relatedList ??= this.sameSubject.filter((other) => other !== this.certificate);
    return this.relatedList;
  }
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

  // Indexes instead of a scan of every key and CSR per certificate: the pairing stays linear at 10,000 files.
  const certificateKeys = new Set(certificates.map((c) => c.publicKeySha256));
  const bySubject = indexBy(certificates, subjectKey);
  const keysBySpki = indexBy(
    keys.filter((k) => k.publicKeySha256 !== undefined),
    (k) => k.publicKeySha256 as string,
  );
  const csrsBySpki = indexBy(csrs, (c) => c.publicKeySha256);
  const csrsByCn = new Map<string, CsrInfo[]>();
  const csrsBySan = new Map<string, CsrInfo[]>();
  const csrPosition = new Map<CsrInfo, number>();
  csrs.forEach((csr, i) => {
    csrPosition.set(csr, i);
    const cn = commonName(csr.subject);
    if (cn !== undefined) push(csrsByCn, cn, csr);
    for (const san of new Set(csr.subjectAltNames.map(sanKey))) push(csrsBySan, san, csr);
  });
  const keyPosition = new Map<PrivateKeyInfo, number>(keys.map((k, i) => [k, i]));

  const renewing = csrsByCn.size > 0 || csrsBySan.size > 0;
  const groups = certificates.map((certificate): Group => {
    const group = new Group(certificate, bySubject.get(subjectKey(certificate)) ?? NONE);
    const spki = certificate.publicKeySha256;
    group.keys = keysBySpki.get(spki) ?? NONE;
    group.csrs = csrsBySpki.get(spki) ?? NONE;
    if (!renewing) return group;
    const renewals = new Set<CsrInfo>();
    const cn = commonName(certificate.subject);
    if (cn !== undefined) for (const csr of csrsByCn.get(cn) ?? NONE) renewals.add(csr);
    for (const san of certificate.subjectAltNames)
      for (const csr of csrsBySan.get(sanKey(san)) ?? NONE) renewals.add(csr);
    if (renewals.size === 0) return group;
    // A renewal uses a new key: a CSR for the certificate's own key is its original request, not a renewal.
    const renewalCsrs = [...renewals]
      .filter((c) => c.publicKeySha256 !== spki)
      .sort((a, b) => (csrPosition.get(a) ?? 0) - (csrPosition.get(b) ?? 0));
    if (renewalCsrs.length === 0) return group;
    group.renewalCsrs = renewalCsrs;
    const renewalKeys = new Set<PrivateKeyInfo>();
    for (const csr of renewalCsrs)
      if (!certificateKeys.has(csr.publicKeySha256))
        for (const key of keysBySpki.get(csr.publicKeySha256) ?? NONE) renewalKeys.add(key);
    if (renewalKeys.size > 0)
      group.renewalKeys = [...renewalKeys].sort((a, b) => (keyPosition.get(a) ?? 0) - (keyPosition.get(b) ?? 0));
    return group;
  });
  groups.sort(
    (a, b) =>
      a.end - b.end ||
      (a.certificate.path < b.certificate.path ? -1 : a.certificate.path > b.certificate.path ? 1 : 0) ||
      a.certificate.index - b.certificate.index,
  );

  const inRenewal = new Set<InventoryItem>();
  for (const g of groups) {
    for (const csr of g.renewalCsrs) inRenewal.add(csr);
    for (const key of g.renewalKeys) inRenewal.add(key);
  }
  return {
    certificates: groups,
    orphanKeys: keys.filter(
      (k) => (k.publicKeySha256 === undefined || !certificateKeys.has(k.publicKeySha256)) && !inRenewal.has(k),
    ),
    orphanCsrs: csrs.filter((c) => !certificateKeys.has(c.publicKeySha256) && !inRenewal.has(c)),
    pkcs12,
  };
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) push(index, key(item), item);
  return index;
}

function push<T>(index: Map<string, T[]>, key: string, item: T): void {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
}

// The store hands out the same record for an unchanged file, so its subject is serialised once, not per rebuild.
const subjectKeys = new WeakMap<CertificateInfo, string>();

function subjectKey(certificate: CertificateInfo): string {
  let key = subjectKeys.get(certificate);
  if (key === undefined) {
    key = JSON.stringify(certificate.subject.map((a) => [a.type, a.value]));
    subjectKeys.set(certificate, key);
  }
  return key;
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
