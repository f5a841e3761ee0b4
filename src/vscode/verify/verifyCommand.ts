import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readUserFileSync } from '../../core/files/readUserFile';
import { CertificateInfo, CsrInfo, PrivateKeyInfo } from '../../core/model';
import { pairInventory } from '../../core/inventory/pairing';
import { readCsr } from '../../core/x509/csr';
import { splitPem } from '../../core/x509/pem';
import { verifyCertificate, VerifyResult } from '../../core/verify/verifyCertificate';
import { registerCommand, runCommand } from '../commands';
import { diagnosticSeverity } from '../diagnosticSeverity';
import { Disposable } from '../disposable';
import { CertificateStore } from '../inventory/certificateStore';
import { resolveCertificate } from '../inventory/resolveCertificate';
import { Log } from '../log';
import { ReportDocuments } from '../reportDocuments';
import { Settings } from '../settings';
import { verificationReport } from './verificationReport';
import { COMMAND_IDS } from '../commandIds';
import { NextStepOffers } from '../rotation/nextStepOffers';

/** What a script or test may pass instead of a tree node: every file named explicitly. */
export interface VerifyRequest {
  certificate: string;
  key?: string;
  caBundle?: string;
  /** Intermediates that may complete the path but are not trusted (`openssl verify -untrusted`). */
  untrusted?: string;
  csr?: string;
  oldCertificate?: string;
}

export interface VerificationRecord {
  at: string;
  certificatePath: string;
  fingerprintSha256: string;
  allOk: boolean;
  checks: Array<{ name: string; ok: boolean }>;
}

const RECORDS_KEY = 'mtlsRotation.verifications';
const CA_BUNDLE_KEY = 'mtlsRotation.caBundleChoice';

/** Every file verify reads is named by the user or a setting: regular files within the size limit only. */
function readText(file: string): string {
  return readUserFileSync(file).toString('utf8');
}

function firstCsr(file: string): CsrInfo | undefined {
  const block = splitPem(readText(file)).blocks.find((b) => b.label.endsWith('CERTIFICATE REQUEST'));
  return block ? readCsr(block, { path: file, line: block.line }) : undefined;
}

/**
 * Verifies a returned certificate the way the rotation guide's Step 2 does by hand: chain to the CA bundle, dates,
 * key match, CSR match, and the old certificate's subject and SANs. Failures also land as diagnostics on the file.
 */
export class CertificateVerifier extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('mtlsRotation.verify'));
  private readonly recorded = this.register(new vscode.EventEmitter<VerificationRecord>());
  readonly onDidRecord = this.recorded.event;

  constructor(
    log: Log,
    private readonly store: CertificateStore,
    private readonly reports: ReportDocuments,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly offers: NextStepOffers,
  ) {
    super();
    this.register(registerCommand(log, COMMAND_IDS.verifyCertificate, (arg?: unknown) => this.run(arg)));
  }

  records(): VerificationRecord[] {
    return this.state.get<VerificationRecord[]>(RECORDS_KEY) ?? [];
  }

  async run(arg?: unknown): Promise<VerifyResult | undefined> {
    const request = await this.resolve(arg);
    if (!request) return undefined;
    const keyPem = request.key ? readText(request.key) : undefined;
    let keyPassphrase: string | undefined;
    if (keyPem && /ENCRYPTED/.test(keyPem)) {
      // Asked for each time and never stored: a key's passphrase is not ours to keep.
      keyPassphrase = await vscode.window.showInputBox({
        title: `Passphrase of ${path.basename(request.key!)}`,
        password: true,
        ignoreFocusOut: true,
      });
      if (keyPassphrase === undefined) return undefined;
    }
    const oldCertificate = request.oldCertificate ? this.certificateAt(request.oldCertificate) : undefined;
    const result = verifyCertificate({
      certificatePem: readText(request.certificate),
      keyPem,
      keyPassphrase,
      caBundlePem: request.caBundle ? readText(request.caBundle) : undefined,
      untrustedPem: request.untrusted ? readText(request.untrusted) : undefined,
      csr: request.csr ? firstCsr(request.csr) : undefined,
      oldCertificate,
      now: new Date(),
      expectedValidityDays: 90,
      paths: {
        certificate: request.certificate,
        key: request.key,
        caBundle: request.caBundle,
        untrusted: request.untrusted,
        csr: request.csr,
        oldCertificate: request.oldCertificate,
      },
    });
    this.showDiagnostics(request.certificate, result);
    const record: VerificationRecord = {
      at: new Date().toISOString(),
      certificatePath: request.certificate,
      fingerprintSha256: result.certificate.fingerprintSha256,
      allOk: result.ok,
      checks: result.checks.map(({ name, ok }) => ({ name, ok })),
    };
    await this.state.update(RECORDS_KEY, [
      ...this.records().filter((r) => r.fingerprintSha256 !== record.fingerprintSha256),
      record,
    ]);
    this.recorded.fire(record);
    const uri = this.reports.set(
      `verify-${path.basename(request.certificate)}.md`,
      verificationReport(request, result),
    );
    await this.reports.open(uri);
    void this.offerNextStep(request, result);
    return result;
  }

  /** A passed verification leads to the guide's next step, a test call with exactly this pair. */
  private async offerNextStep(request: VerifyRequest, result: VerifyResult): Promise<void> {
    const name = path.basename(request.certificate);
    // The chain's failure carries openssl's error names, what a search or the provider's support recognises.
    const failed = result.checks
      .filter((c) => !c.ok)
      .map((c) => (c.evidence.errorNames ? `${c.name} (${c.evidence.errorNames})` : c.name));
    if (failed.length > 0) {
      await this.offers.offer('verify-failed', 'warning', `${name}: ${failed.join(', ')} failed. See the report.`, []);
      return;
    }
    const warnings = result.checks.filter((c) => c.ok && c.severity === 'warning').length;
    const passed = warnings === 0 ? 'all checks passed' : `passed with ${warnings} warning${warnings === 1 ? '' : 's'}`;
    const choice = await this.offers.offer(
      'verify-passed',
      'info',
      `${name} verified: ${passed}. Next: a test call with only this certificate and its key.`,
      ['Run Test Call'],
    );
    if (choice === 'Run Test Call') {
      await runCommand(COMMAND_IDS.runTestCall, {
        certificate: request.certificate,
        ...(request.key ? { key: request.key } : {}),
      });
    }
  }

  private certificateAt(file: string): CertificateInfo | undefined {
    return this.store.snapshot().items.find((i): i is CertificateInfo => i.kind === 'certificate' && i.path === file);
  }

  private showDiagnostics(certificatePath: string, result: VerifyResult): void {
    const uri = vscode.Uri.file(certificatePath);
    const line = Math.max(0, result.certificate.line - 1);
    const diagnostics = result.checks
      .filter((c) => !c.ok || c.severity === 'warning')
      .map((check) => {
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, 80),
          `${check.name}: ${check.message}`,
          diagnosticSeverity(check.ok ? 'warning' : 'error'),
        );
        diagnostic.source = 'mTLS verify';
        diagnostic.code = check.name;
        return diagnostic;
      });
    this.collection.set(uri, diagnostics);
  }

  /** Fills in what was not given: the paired key, the CA bundle setting, the CSR and the certificate it renews. */
  private async resolve(arg: unknown): Promise<VerifyRequest | undefined> {
    const target = await resolveCertificate(arg, this.store, {
      title: 'Verify which certificate?',
      explicit: 'as-given',
      allowCaFile: true,
    });
    if (target?.given) return target.given as unknown as VerifyRequest;
    const certificate = target?.certificate;
    if (!certificate) return undefined;
    await this.store.whenIdle();
    const paired = pairInventory(this.store.snapshot().items);
    const group = paired.certificates.find(
      (g) => g.certificate === certificate || g.certificate.fingerprintSha256 === certificate.fingerprintSha256,
    );
    const key: PrivateKeyInfo | undefined = group?.keys[0];
    const older = group?.related
      .filter((c) => Date.parse(c.notAfter) < Date.parse(certificate.notAfter))
      .sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
    return {
      certificate: certificate.path,
      key: key?.path ?? (await this.pickFile('The private key of this certificate', ['key', 'pem'])),
      caBundle: this.caBundle() ?? (await this.pickCaBundle()),
      csr: group?.csrs[0]?.path,
      oldCertificate: older?.path,
    };
  }

  /**
   * The CA that vouches for a returned certificate is the user's choice, never the workspace's: the bundle picked
   * for this workspace (kept in its state, not in its files), else an absolute path from the user's settings.
   */
  private caBundle(): string | undefined {
    const picked = this.state.get<string>(CA_BUNDLE_KEY);
    if (picked && fs.existsSync(picked)) return picked;
    const configured = this.settings().caBundle;
    if (!configured) return undefined;
    if (!path.isAbsolute(configured)) {
      throw new Error(
        `mtlsRotation.caBundle must be an absolute path (${configured}): a workspace's files never decide which CA is trusted`,
      );
    }
    return configured;
  }

  private async pickCaBundle(): Promise<string | undefined> {
    const picked = await this.pickFile(
      'The CA bundle (e.g. axys-ca-chain.pem), remembered for this workspace; Escape skips the chain check',
      ['pem', 'crt'],
    );
    if (picked) await this.state.update(CA_BUNDLE_KEY, picked);
    return picked;
  }

  private async pickFile(title: string, extensions: string[]): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({
      title,
      canSelectMany: false,
      filters: { 'PEM files': extensions },
    });
    return picked?.[0]?.fsPath;
  }
}
