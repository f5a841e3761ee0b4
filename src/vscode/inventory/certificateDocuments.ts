import * as vscode from 'vscode';
import { describeExpiry, expiryStatus } from '../../core/expiry';
import { CertificateInfo } from '../../core/model';
import { fingerprintHex } from '../../core/rotation/fingerprint';
import { certificateText } from '../../core/x509/certificateText';
import { commonName } from '../../core/x509/formatName';
import { registerCommand, runCommand } from '../commands';
import { COMMAND_IDS } from '../commandIds';
import { Disposable } from '../disposable';
import { Log } from '../log';
import { Settings } from '../settings';
import { CertificateStore } from './certificateStore';
import { resolveCertificate } from './resolveCertificate';

export const CERTIFICATE_SCHEME = 'mtls-certificate';

const FILE_LABEL = 'File: ';

/**
 * Certificates decoded as `openssl x509 -text -noout` prints them, in read-only documents: a `.crt` is base64 to
 * the eye. The document's first lines name the file, linked to the raw PEM; "Open Raw File" in the editor's
 * title does the same.
 */
export class CertificateDocuments
  extends Disposable
  implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider
{
  /** What was opened, by Uri: store entries and bundles' later certificates are not found by path alone. */
  private readonly opened = new Map<string, CertificateInfo>();

  constructor(
    log: Log,
    private readonly store: CertificateStore,
    private readonly settings: () => Settings,
  ) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(CERTIFICATE_SCHEME, this));
    this.register(vscode.languages.registerDocumentLinkProvider({ scheme: CERTIFICATE_SCHEME }, this));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.opened.delete(document.uri.toString())));
    this.register(
      registerCommand(log, COMMAND_IDS.showCertificate, async (arg?: unknown) => {
        const target = await resolveCertificate(arg, store, {
          title: 'Show decoded certificate',
          offer: () => true,
          allowCaFile: true,
        });
        if (target?.certificate) await this.show(target.certificate);
      }),
    );
    this.register(
      registerCommand(log, COMMAND_IDS.openRawCertificate, async (arg?: unknown) => {
        const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
        const certificate = uri && uri.scheme === CERTIFICATE_SCHEME ? this.certificateOf(uri) : undefined;
        if (!certificate) {
          void vscode.window.showInformationMessage(
            'Open a decoded certificate first: click one in the Certificates view.',
          );
          return;
        }
        await runCommand(COMMAND_IDS.openFile, { path: certificate.path, line: certificate.line });
      }),
    );
  }

  /** The decoded view's Uri: named after the file (and its place in a bundle), keyed by the fingerprint. */
  static uriFor(certificate: CertificateInfo): vscode.Uri {
    const place = certificate.index > 0 ? ` [${certificate.index + 1}]` : '';
    return vscode.Uri.from({
      scheme: CERTIFICATE_SCHEME,
      path: `${vscode.Uri.file(certificate.path).path}${place} (decoded)`,
      query: `sha256=${fingerprintHex(certificate.fingerprintSha256)}&index=${certificate.index}`,
    });
  }

  async show(certificate: CertificateInfo): Promise<vscode.TextEditor> {
    const uri = CertificateDocuments.uriFor(certificate);
    this.opened.set(uri.toString(), certificate);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const certificate = this.certificateOf(uri);
    if (!certificate) return 'This certificate is no longer in the inventory: its file was changed or removed.\n';
    const expiry = expiryStatus(certificate.notAfter, new Date(), this.settings().reminderDays);
    const place = certificate.index > 0 ? ` (certificate ${certificate.index + 1} of the bundle)` : '';
    return [
      `${commonName(certificate.subject) ?? 'Certificate'}: ${describeExpiry(expiry)}${certificate.isCA ? ' (CA certificate)' : ''}`,
      `${FILE_LABEL}${certificate.path}${place}`,
      'Decoded, read-only; the raw PEM: follow the file link above, or "Open Raw File" in the title bar.',
      '',
      certificateText(certificate),
    ].join('\n');
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const certificate = this.certificateOf(document.uri);
    if (!certificate || document.lineCount < 2) return [];
    const line = document.lineAt(1);
    if (!line.text.startsWith(FILE_LABEL + certificate.path)) return [];
    const range = new vscode.Range(1, FILE_LABEL.length, 1, FILE_LABEL.length + certificate.path.length);
    // An `L<line>` fragment opens the file at the certificate's PEM block.
    const link = new vscode.DocumentLink(
      range,
      vscode.Uri.file(certificate.path).with({ fragment: `L${certificate.line}` }),
    );
    link.tooltip = 'Open the raw file';
    return [link];
  }

  private certificateOf(uri: vscode.Uri): CertificateInfo | undefined {
    const known = this.opened.get(uri.toString());
    if (known) return known;
    // After a restart VS Code reopens the Uri without us: find the certificate again by its fingerprint.
    const query = new URLSearchParams(uri.query);
    const sha256 = query.get('sha256');
    if (!sha256) return undefined;
    const index = Number(query.get('index') ?? 0);
    const candidates = this.store
      .snapshot()
      .items.flatMap((item) => (item.kind === 'certificate' ? [item] : item.kind === 'pkcs12' ? item.certificates : []))
      .filter((c) => fingerprintHex(c.fingerprintSha256) === sha256);
    return candidates.find((c) => c.index === index) ?? candidates[0];
  }
}
