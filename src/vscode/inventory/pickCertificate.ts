import * as path from 'path';
import * as vscode from 'vscode';
import { CertificateInfo } from '../../core/model';

/** The quick pick every command uses when it was not given a certificate: CN, expiry date, file. */
export async function pickCertificate(
  certificates: readonly CertificateInfo[],
  options: { title: string; placeHolder?: string },
): Promise<CertificateInfo | undefined> {
  const picked = await vscode.window.showQuickPick(
    certificates.map((certificate) => ({
      label: certificate.subject.find((a) => a.type === 'CN')?.value ?? path.basename(certificate.path),
      description: `expires ${certificate.notAfter.slice(0, 10)}`,
      detail: vscode.workspace.asRelativePath(certificate.path),
      certificate,
    })),
    options,
  );
  return picked?.certificate;
}
