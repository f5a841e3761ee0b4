import * as path from 'path';
import * as vscode from 'vscode';
import { compareRequest } from '../../core/compare/compareRequest';
import { CompareFinding } from '../../core/compare/compareFinding';
import { findRenewedCertificate } from '../../core/compare/findRenewedCertificate';
import { RequestFacts } from '../../core/compare/requestFacts';
import { requestFactsFromConfig } from '../../core/compare/requestFactsFromConfig';
import { requestFactsFromCsr } from '../../core/compare/requestFactsFromCsr';
import { readCsr } from '../../core/x509/csr';
import { CertificateInfo } from '../../core/model';
import { splitPem } from '../../core/x509/pem';
import { Disposable } from '../disposable';
import { CertificateStore } from '../inventory/certificateStore';
import { CONFIG_LANGUAGE, ConfigDocuments } from '../opensslConfig/configDocuments';

const LINKS_KEY = 'mtlsRotation.renewalLinks';

export interface RenewalComparison {
  request: RequestFacts;
  /** 1-based line of the request in its file (the CSR's BEGIN line; 1 for a config). */
  line: number;
  old?: CertificateInfo;
  how?: 'linked' | 'matched';
  findings: CompareFinding[];
}

/**
 * Which certificate each CSR or request config renews (linked by the user, remembered per workspace, or matched
 * by CN/SANs), and how the request compares with it.
 */
export class RenewalRequests extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when a link or the inventory changes: comparisons may differ. */
  readonly onDidChange = this.changed.event;
  private readonly linksChanged = this.register(new vscode.EventEmitter<void>());
  /** Fires only when the user links or unlinks a request (the inventory tree places linked CSRs). */
  readonly onDidChangeLinks = this.linksChanged.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: CertificateStore,
    private readonly configs: ConfigDocuments,
  ) {
    super();
    this.register(store.onDidChange(() => this.changed.fire()));
  }

  links(): Record<string, string> {
    return this.state.get<Record<string, string>>(LINKS_KEY) ?? {};
  }

  async link(requestPath: string, certificate: CertificateInfo | undefined): Promise<void> {
    const links = { ...this.links() };
    if (certificate) links[requestPath] = certificate.fingerprintSha256;
    else delete links[requestPath];
    await this.state.update(LINKS_KEY, links);
    this.linksChanged.fire();
    this.changed.fire();
  }

  certificates(): CertificateInfo[] {
    return this.store.snapshot().items.filter((item): item is CertificateInfo => item.kind === 'certificate');
  }

  /** Facts of the request a document holds, or undefined when it holds none. */
  requestOf(document: vscode.TextDocument): { request: RequestFacts; line: number } | undefined {
    if (document.languageId === CONFIG_LANGUAGE) {
      return { request: requestFactsFromConfig(this.configs.get(document)), line: 1 };
    }
    const text = document.getText();
    if (!text.includes('CERTIFICATE REQUEST-----')) return undefined;
    const block = splitPem(text).blocks.find((b) => b.label.endsWith('CERTIFICATE REQUEST'));
    if (!block) return undefined;
    try {
      return {
        request: requestFactsFromCsr(readCsr(block, { path: document.uri.fsPath, line: block.line })),
        line: block.line,
      };
    } catch {
      // An unreadable CSR is the inventory's business (its Unreadable group), not a comparison.
      return undefined;
    }
  }

  compare(document: vscode.TextDocument): RenewalComparison | undefined {
    const found = this.requestOf(document);
    if (!found) return undefined;
    const renewed = findRenewedCertificate(found.request, this.certificates(), this.links()[document.uri.fsPath]);
    if (!renewed) return { ...found, findings: [] };
    return {
      ...found,
      old: renewed.certificate,
      how: renewed.how,
      findings: compareRequest(renewed.certificate, found.request),
    };
  }

  /** For the tree: the certificate a CSR file renews, by its path. */
  renewedBy(csrPath: string): CertificateInfo | undefined {
    const fingerprint = this.links()[csrPath];
    return fingerprint ? this.certificates().find((c) => c.fingerprintSha256 === fingerprint) : undefined;
  }
}

export function certificateName(certificate: CertificateInfo): string {
  const cn = certificate.subject.find((a) => a.type === 'CN')?.value;
  return cn ? `${cn} (${path.basename(certificate.path)})` : path.basename(certificate.path);
}
