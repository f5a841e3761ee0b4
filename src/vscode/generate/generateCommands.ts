import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { isCoreError } from '../../core/errors';
import { formatName, formatSubjectAltNames } from '../../core/x509/formatName';
import { generateKeyAndCsr } from '../../core/generate/generateKeyAndCsr';
import { KeyPregenerator } from '../../core/generate/keyPregenerator';
import { opensslEquivalent } from '../../core/generate/opensslEquivalent';
import { freshName, writeKeyAndCsr } from '../../core/generate/writeNewFiles';
import { CertificateInfo } from '../../core/model';
import { newRequestConfig, requestConfigFileName } from '../../core/generate/newRequestConfig';
import { confineToFolders } from '../../core/files/confinePath';
import { registerTrustedCommand } from '../commands';
import { Log } from '../log';
import { CertificateStore } from '../inventory/certificateStore';
import { resolveCertificate } from '../inventory/resolveCertificate';
import { CONFIG_LANGUAGE } from '../opensslConfig/configDocuments';
import { ReportDocuments } from '../reportDocuments';
import { generationReport } from './generationReport';
import { Settings } from '../settings';
import { workspaceFolderPaths } from '../workspaceFolders';
import { COMMAND_IDS } from '../commandIds';

export interface GenerateResult {
  keyPath: string;
  csrPath: string;
  configPath: string;
  /** The key's search was started ahead, when the rotation started. */
  keyPreparedAhead: boolean;
}

/** `program-a-openssl.cnf` and `program-a.cnf` both give `program-a`, so the new files are `program-a-new.*`. */
function requestName(configPath: string): string {
  return (
    path
      .basename(configPath)
      .replace(/\.(cnf|conf)$/i, '')
      .replace(/[-_.]?openssl$/i, '') || 'request'
  );
}

function exists(file: string): boolean {
  return fs.existsSync(file);
}

/** The certificate a config is made from; a CA's own file or an inventory of CAs only still gives one. */
async function chooseCertificate(arg: unknown, store: CertificateStore): Promise<CertificateInfo | undefined> {
  const target = await resolveCertificate(arg, store, {
    title: 'New request config from certificate',
    placeHolder: 'The certificate to renew',
    offerAllWhenNone: true,
    allowCaFile: true,
  });
  return target?.certificate;
}

async function chooseConfig(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === CONFIG_LANGUAGE) return active.uri;
  const configs = await vscode.workspace.findFiles('**/*.{cnf,conf}', '**/node_modules/**', 200);
  const picked = await vscode.window.showQuickPick(
    configs.map((uri) => ({
      label: path.basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(uri),
      uri,
    })),
    { title: 'Generate key and CSR from config', placeHolder: 'The OpenSSL request config' },
  );
  return picked?.uri;
}

export function registerGenerateCommands(
  log: Log,
  store: CertificateStore,
  reports: ReportDocuments,
  settings: () => Settings,
  /** Holds the key Start Rotation began to search for; Generate takes it. */
  nextKey: KeyPregenerator = new KeyPregenerator(),
): vscode.Disposable[] {
  return [
    registerTrustedCommand(
      log,
      COMMAND_IDS.newConfigFromCertificate,
      'Writing a request config creates a file in the workspace',
      async (arg?: unknown): Promise<string | undefined> => {
        const certificate = await chooseCertificate(arg, store);
        if (!certificate) return undefined;
        let target = requestConfigFileName(certificate.path);
        if (exists(target)) {
          const alternative = freshName(target, exists);
          const choice = await vscode.window.showWarningMessage(
            `${path.basename(target)} already exists and is never overwritten.`,
            {
              modal: true,
              detail: `Write the new config to ${path.basename(alternative)} instead, or open the existing one.`,
            },
            `Create ${path.basename(alternative)}`,
            'Open Existing',
          );
          if (choice === 'Open Existing') {
            await vscode.window.showTextDocument(vscode.Uri.file(target));
            return target;
          }
          if (!choice) return undefined;
          target = alternative;
        }
        // Written where it really lands, which must be in the workspace (a certificate under a linked folder is not).
        target = await confineToFolders(target, workspaceFolderPaths(), { action: 'write' });
        const text = newRequestConfig(certificate, { bits: settings().keySize });
        // 'wx': even if the file appeared since the check above, it is not replaced.
        fs.writeFileSync(target, text, { flag: 'wx' });
        log.info(`Wrote request config ${target} from ${certificate.path}`);
        await vscode.window.showTextDocument(vscode.Uri.file(target));
        return target;
      },
    ),

    registerTrustedCommand(
      log,
      COMMAND_IDS.generateKeyAndCsr,
      'Generating a key and CSR writes a private key into the workspace',
      async (arg?: unknown): Promise<GenerateResult | undefined> => {
        const uri = await chooseConfig(arg);
        if (!uri) return undefined;
        const document = await vscode.workspace.openTextDocument(uri);
        if (document.isDirty && !(await document.save())) {
          throw new Error(`${path.basename(uri.fsPath)} has unsaved changes that could not be saved`);
        }
        const configPath = uri.fsPath;
        const dir = path.dirname(configPath);
        const name = requestName(configPath);
        let keyPath = path.join(dir, `${name}-new.key`);
        let csrPath = path.join(dir, `${name}-new.csr`);
        if (exists(keyPath) || exists(csrPath)) {
          // One suffix for both files, so the pair stays recognisable.
          const freshKey = freshName(
            keyPath,
            (candidate) => exists(candidate) || exists(candidate.replace(/\.key$/, '.csr')),
          );
          const freshCsr = freshKey.replace(/\.key$/, '.csr');
          const choice = await vscode.window.showWarningMessage(
            `${path.basename(exists(keyPath) ? keyPath : csrPath)} already exists and is never overwritten.`,
            { modal: true, detail: `Write ${path.basename(freshKey)} and ${path.basename(freshCsr)} instead?` },
            'Use New Names',
          );
          if (choice !== 'Use New Names') return undefined;
          keyPath = freshKey;
          csrPath = freshCsr;
        }
        // Checked before the slow key search, on the paths the key and CSR really get.
        keyPath = await confineToFolders(keyPath, workspaceFolderPaths(), { action: 'write the new private key to' });
        csrPath = await confineToFolders(csrPath, workspaceFolderPaths(), { action: 'write the new CSR to' });
        const bits = settings().keySize;
        const generated = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Generating a new RSA-${bits} key and CSR`,
            cancellable: true,
          },
          async (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            const ahead = nextKey.holding();
            progress.report({
              message: `from ${path.basename(configPath)}${ahead?.bits === bits ? ', with the key prepared since the rotation started' : ''}…`,
            });
            try {
              const result = await generateKeyAndCsr(document.getText(), {
                configPath,
                env: process.env,
                bits,
                signal: abort.signal,
                keySource: nextKey,
              });
              if (token.isCancellationRequested) return undefined;
              progress.report({ message: 'writing files…' });
              await writeKeyAndCsr(keyPath, csrPath, result.keyPem, result.csrPem);
              return result;
            } catch (error) {
              if (isCoreError(error) && error.code === 'aborted') return undefined;
              throw error;
            }
          },
        );
        if (!generated) {
          void vscode.window.showInformationMessage('Key generation cancelled; nothing was written.');
          return undefined;
        }
        // Never the key itself: only where it went.
        log.info(
          `Generated ${keyPath} (mode 0600) and ${csrPath} from ${configPath}${generated.keyPreparedAhead ? ', the key prepared since the rotation started' : ''}`,
        );
        // The CSR carries the real values; what is shown names those from the environment or an included file.
        const subject = formatName(
          generated.request.subject.map(({ type, value, shown }) => ({
            type,
            value: shown ?? value,
            redacted: shown !== undefined,
          })),
        );
        const sans = formatSubjectAltNames(
          generated.request.subjectAltNames.map(({ type, value, shown }) => ({ type, value: shown ?? value })),
        );
        const report = reports.set(
          `generate-${name}.md`,
          generationReport({
            name,
            keyPath,
            csrPath,
            bits: generated.bits,
            subject,
            sans,
            publicKeySha256: generated.publicKeySha256,
            openssl: opensslEquivalent({ keyPath, csrPath, configPath, bits: generated.bits }),
          }),
        );
        void vscode.window
          .showInformationMessage(
            `Wrote ${path.basename(keyPath)} and ${path.basename(csrPath)}. Subject: ${subject || '(empty)'}${sans ? `; SANs: ${sans}` : ''}`,
            'Open CSR',
            'Show Details',
          )
          .then(async (choice) => {
            if (choice === 'Open CSR') await vscode.window.showTextDocument(vscode.Uri.file(csrPath));
            if (choice === 'Show Details') await reports.open(report);
          });
        return { keyPath, csrPath, configPath, keyPreparedAhead: generated.keyPreparedAhead };
      },
    ),
  ];
}
