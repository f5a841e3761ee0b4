import * as path from 'path';
import * as vscode from 'vscode';
import { readUserFile } from '../../core/files/readUserFile';
import { CertificateInfo, PrivateKeyInfo } from '../../core/model';
import { pairInventory } from '../../core/inventory/pairing';
import { curlCommand } from '../../core/testCall/curlCommand';
import { environmentPicks } from '../../core/testCall/environmentPicks';
import { nextStepAfterCall, NextStepAfterCall } from '../../core/testCall/nextStepAfterCall';
import { redactAllStrings } from '../../core/testCall/redactSecrets';
import { runTestCall } from '../../core/testCall/runTestCall';
import { TestCallResult } from '../../core/testCall/testCallResult';
import { registerCommand, registerTrustedCommand, runCommand } from '../commands';
import { Disposable } from '../disposable';
import { CertificateStore } from '../inventory/certificateStore';
import { resolveCertificate } from '../inventory/resolveCertificate';
import { Log } from '../log';
import { Prompts } from '../prompts';
import { ReportDocuments } from '../reportDocuments';
import { Environment, Settings } from '../settings';
import { testCallReport } from './testCallReport';
import { COMMAND_IDS } from '../commandIds';
import { NextStepOffers } from '../rotation/nextStepOffers';

const HISTORY_KEY = 'mtlsRotation.testCallHistory';
const HISTORY_LIMIT = 20;

export interface TestCallRecord {
  at: string;
  environment: string;
  url: string;
  certificatePath: string;
  certificateFingerprint: string;
  outcome: TestCallResult['outcome'];
  status?: number;
  durationMs: number;
  /**
   * What the call's report is rebuilt from when the history reopens it: the result (redacted in the core, and again
   * here with the key), the certificate's subject and the curl command (which names `$API_KEY`, never the key).
   */
  report?: StoredTestCallReport;
}

export interface StoredTestCallReport {
  label: string;
  result: TestCallResult;
  certificate: Pick<CertificateInfo, 'path' | 'subject' | 'fingerprintSha256'>;
  curl: string;
}

/** Which call's report to reopen: a history record's certificate fingerprint and `at`. */
export interface TestCallReportRequest {
  fingerprint: string;
  at: string;
}

const NEXT_STEP_LABELS: Record<NextStepAfterCall, string> = {
  'find-references': 'Find References',
  'set-api-key': 'Set API Key',
  'copy-support-ticket': 'Copy Support Ticket',
};

/** What a script or test may pass: a certificate (tree node or path), and optionally the key and environment. */
export interface TestCallRequest {
  certificate: string;
  key?: string;
  environment?: string;
}

const APPROVED_KEY = 'mtlsRotation.approvedTestCallUrls';

/** A pair to call with: from files, or held in memory only (read back from a secrets store). */
interface CallTarget {
  certificate: CertificateInfo;
  environment: Environment;
  /** The certificate's file name, or where in a store the pair was read. */
  label: string;
  material(): Promise<{ certificatePem: string; keyPem: string }>;
  /** When the key is a file: the curl command names it. */
  keyPath?: string;
  retry(): Thenable<unknown>;
}

/** A pair read from a secrets store, for `runWithPair`: PEM text in memory, never written or logged. */
export interface InMemoryPair {
  certificate: CertificateInfo;
  certificatePem: string;
  keyPem: string;
  /** `store "api" (pending)`: where it came from, for the report. */
  label: string;
}

/** `https://host:port`, as a URL's origin: what a key is bound to. */
function originOf(environment: Environment): string {
  try {
    return new URL(environment.baseUrl).origin;
  } catch {
    throw new Error(`The base URL of environment "${environment.name}" is not a URL: ${environment.baseUrl}`);
  }
}

/**
 * An API key is stored under the environment's name AND the origin it was entered for: if the environment ever
 * points somewhere else, that origin has no key and the user is asked for one, instead of the old key going there.
 */
function secretKey(environment: Environment): string {
  return `mtlsRotation.apiKey.${JSON.stringify([environment.name, originOf(environment)])}`;
}

/**
 * Step 4 of the rotation guide: one call with only the new certificate and the program's API key. API keys live
 * in SecretStorage, one per environment; results go to a report and a per-certificate history.
 */
export class TestCallFeature extends Disposable {
  private readonly recorded = this.register(new vscode.EventEmitter<TestCallRecord>());
  readonly onDidRecord = this.recorded.event;
  /** The open rotation whose new certificate this is, for Find References after a 200 (set by activate()). */
  private rotationFor: (certificate: CertificateInfo) => Promise<string | undefined> = () => Promise.resolve(undefined);

  constructor(
    private readonly log: Log,
    private readonly store: CertificateStore,
    private readonly reports: ReportDocuments,
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly prompts: Prompts,
    private readonly globalState: vscode.Memento,
    private readonly offers: NextStepOffers,
  ) {
    super();
    // View-title buttons pass the focused tree item: only strings are environment names or keys.
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    this.register(
      registerCommand(log, COMMAND_IDS.setApiKey, (environment?: unknown, apiKey?: unknown) =>
        this.setApiKey(text(environment), text(apiKey)),
      ),
    );
    this.register(
      registerCommand(log, COMMAND_IDS.clearApiKey, (environment?: unknown) => this.clearApiKey(text(environment))),
    );
    // Keys stored by 0.1.0 were bound to a name only, so they could follow the name anywhere: they are dropped and
    // asked for again, bound to their origin.
    for (const environment of settings().environments) void secrets.delete(`mtlsRotation.apiKey.${environment.name}`);
    this.register(
      registerTrustedCommand(
        log,
        COMMAND_IDS.runTestCall,
        'Test calls send your API key and a client certificate',
        (arg?: unknown) => this.run(arg),
      ),
    );
    this.register(
      registerCommand(log, COMMAND_IDS.showTestCallReport, (request?: Partial<TestCallReportRequest>) =>
        this.showReport(request),
      ),
    );
  }

  setRotationLookup(lookup: (certificate: CertificateInfo) => Promise<string | undefined>): void {
    this.rotationFor = lookup;
  }

  /** Rebuilds a recorded call's report and opens it: the history in the tree reopens what the call showed. */
  async showReport(request?: Partial<TestCallReportRequest>): Promise<vscode.Uri> {
    if (typeof request?.fingerprint !== 'string' || typeof request.at !== 'string')
      throw new Error('Show Test Call Report needs a certificate fingerprint and the time of the call');
    const record = this.history(request.fingerprint).find((r) => r.at === request.at);
    if (!record) throw new Error(`No test call at ${request.at} is recorded for this certificate`);
    if (!record.report) {
      throw new Error(
        `The test call at ${record.at} was recorded before reports were kept: run it again to get its report`,
      );
    }
    const { label, result, certificate, curl } = record.report;
    const uri = this.reports.set(
      `test-call-${safeName(label)}-${record.at.replace(/[^0-9TZ]/g, '')}.md`,
      // The report reads the certificate's path, subject and fingerprint only, which the record keeps.
      testCallReport(result, record.environment, certificate as CertificateInfo, curl),
    );
    await this.reports.open(uri);
    return uri;
  }

  private async hasApiKey(environment: Environment): Promise<boolean> {
    try {
      // Presence only: the value is compared with undefined and dropped.
      return (await this.secrets.get(secretKey(environment))) !== undefined;
    } catch {
      return false;
    }
  }

  history(fingerprint?: string): TestCallRecord[] {
    const all = this.state.get<TestCallRecord[]>(HISTORY_KEY) ?? [];
    return fingerprint ? all.filter((r) => r.certificateFingerprint === fingerprint) : all;
  }

  /** The newest record for a certificate, for the tree. */
  last(fingerprint: string): TestCallRecord | undefined {
    return this.history(fingerprint).at(-1);
  }

  private async pickEnvironment(title: string, name?: string): Promise<Environment | undefined> {
    const environments = this.settings().environments;
    if (name) {
      const named = environments.find((e) => e.name === name);
      if (!named) throw new Error(`No environment named "${name}" in mtlsRotation.environments`);
      return named;
    }
    if (environments.length === 1) return environments[0];
    const withKey = new Set<string>();
    for (const environment of environments) if (await this.hasApiKey(environment)) withKey.add(environment.name);
    const picks = environmentPicks(environments, withKey, this.settings().defaultEnvironment);
    return (await vscode.window.showQuickPick(picks, { title, matchOnDetail: true }))?.environment;
  }

  /** Resolves true once a key is stored. */
  private async setApiKey(name?: string, value?: string): Promise<boolean> {
    const environment = await this.pickEnvironment('Set the API key of which environment?', name);
    if (!environment) return false;
    const apiKey =
      value ??
      (await vscode.window.showInputBox({
        title: `API key for ${environment.name}`,
        prompt: "Stored in VS Code's secret storage, sent only as the X-API-Key header of test calls.",
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) =>
          /^[\x21-\x7e]+$/.test(text) ? undefined : 'An API key is printable ASCII without spaces',
      }));
    if (!apiKey) return false;
    await this.secrets.store(secretKey(environment), apiKey);
    this.log.info(`API key for ${environment.name} (${originOf(environment)}) stored in secret storage`);
    vscode.window.setStatusBarMessage(`$(key) API key for ${environment.name} stored`, 3000);
    return true;
  }

  private async clearApiKey(name?: string): Promise<void> {
    const environment = await this.pickEnvironment('Clear the API key of which environment?', name);
    if (!environment) return;
    await this.secrets.delete(secretKey(environment));
    this.log.info(`API key for ${environment.name} removed from secret storage`);
    vscode.window.setStatusBarMessage(`$(key) API key for ${environment.name} cleared`, 3000);
  }

  private async resolve(
    arg: unknown,
  ): Promise<{ certificate: CertificateInfo; keyPath: string; environment: Environment } | undefined> {
    const target = await resolveCertificate(arg, this.store, {
      title: 'Test call with which certificate? (its key must be in the workspace)',
      offer: (g) => !g.certificate.isCA && g.keys.length > 0,
      explicit: 'inventory',
    });
    const certificate = target?.certificate;
    if (!certificate) return undefined;
    const explicit = target.given as Partial<TestCallRequest> | undefined;
    await this.store.whenIdle();
    const paired = pairInventory(this.store.snapshot().items);
    const keys: PrivateKeyInfo[] =
      paired.certificates.find((g) => g.certificate.fingerprintSha256 === certificate.fingerprintSha256)?.keys ?? [];
    let keyPath: string | undefined = typeof explicit?.key === 'string' ? explicit.key : keys[0]?.path;
    if (!keyPath) {
      const picked = await vscode.window.showOpenDialog({
        title: 'The private key of this certificate',
        canSelectMany: false,
      });
      keyPath = picked?.[0]?.fsPath;
    }
    if (!keyPath) return undefined;
    const environment = await this.pickEnvironment(
      'Call which environment?',
      typeof explicit?.environment === 'string' ? explicit.environment : undefined,
    );
    return environment ? { certificate, keyPath, environment } : undefined;
  }

  async run(arg?: unknown): Promise<TestCallResult | undefined> {
    const target = await this.resolve(arg);
    if (!target) return undefined;
    const { certificate, keyPath, environment } = target;
    return this.call({
      certificate,
      environment,
      label: path.basename(certificate.path),
      keyPath,
      // Named by the user or a setting: regular files within the size limit only (a FIFO would hang the call).
      material: async () => ({
        certificatePem: (await readUserFile(certificate.path)).toString('utf8'),
        keyPem: (await readUserFile(keyPath)).toString('utf8'),
      }),
      retry: () =>
        runCommand(COMMAND_IDS.runTestCall, {
          certificate: certificate.path,
          key: keyPath,
          environment: environment.name,
        }),
    });
  }

  /**
   * A test call with a pair held in memory only, such as the one a secrets store holds: the key is never written
   * to disk or logged, and the result is kept by the certificate's fingerprint like any other.
   */
  async runWithPair(
    pair: InMemoryPair,
    environmentName?: string,
    retry: () => Thenable<unknown> = () => Promise.resolve(),
  ): Promise<TestCallResult | undefined> {
    const environment = await this.pickEnvironment('Call which environment?', environmentName);
    if (!environment) return undefined;
    return this.call({
      certificate: pair.certificate,
      environment,
      label: pair.label,
      material: () => Promise.resolve({ certificatePem: pair.certificatePem, keyPem: pair.keyPem }),
      retry,
    });
  }

  private async call(target: CallTarget): Promise<TestCallResult | undefined> {
    const { certificate, keyPath, environment } = target;
    const url = environment.baseUrl.replace(/\/+$/, '') + environment.testPath;
    if (!(await this.approved(environment, url))) return undefined;
    const apiKey = await this.secrets.get(secretKey(environment));
    if (!apiKey) {
      const choice = await this.prompts.choose(
        `No API key is stored for ${environment.name} at ${originOf(environment)}.`,
        'A key is kept for the origin it was entered for: an environment that now points elsewhere needs its own. Without one the call would be refused with 401.',
        ['Set API Key', 'Call Anyway'],
      );
      if (choice === 'Set API Key') {
        // Escape in the key's input box ends here instead of asking the same question again.
        return (await this.setApiKey(environment.name)) ? this.call(target) : undefined;
      }
      if (choice !== 'Call Anyway') return undefined;
    }
    const caBundlePath = trustedCaBundle(environment);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Test call to ${environment.name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        progress.report({ message: `${url} with ${target.label}` });
        const { certificatePem, keyPem } = await target.material();
        return runTestCall({
          url,
          certificatePem,
          keyPem,
          caBundlePem: caBundlePath ? (await readUserFile(caBundlePath)).toString('utf8') : undefined,
          apiKey,
          timeoutMs: this.settings().testCallTimeoutMs,
          signal: abort.signal,
          // Lines arrive already redacted by the core.
          log: (line) => this.log.debug(`test call: ${line}`),
        });
      },
    );
    const record: TestCallRecord = {
      at: new Date().toISOString(),
      environment: environment.name,
      url: result.url,
      certificatePath: certificate.path,
      certificateFingerprint: certificate.fingerprintSha256,
      outcome: result.outcome,
      status: result.status,
      durationMs: Math.round(result.durationMs),
    };
    // A pair from a store has no files: the command names the files the user would write it to.
    const curl = curlCommand({
      url,
      certificatePath: keyPath ? certificate.path : 'certificate-from-store.pem',
      keyPath: keyPath ?? 'private-key-from-store.pem',
      caBundlePath,
      apiKeyEnv: 'API_KEY',
    });
    // The history lives in global state for every workspace: the response body (which may carry customer data)
    // stays in the report shown now and is not kept for a reopened one.
    const kept: TestCallResult = { ...result, bodyPreview: undefined };
    record.report = redactAllStrings(
      {
        label: target.label,
        result: kept,
        certificate: {
          path: certificate.path,
          subject: certificate.subject,
          fingerprintSha256: certificate.fingerprintSha256,
        },
        curl,
      },
      [apiKey],
    );
    await this.state.update(HISTORY_KEY, [...this.history(), record].slice(-HISTORY_LIMIT * 10));
    this.recorded.fire(record);
    this.log.info(
      `Test call ${environment.name} with ${target.label}: ${result.outcome}${result.status ? ` ${result.status}` : ''} in ${record.durationMs} ms`,
    );
    const report = this.reports.set(
      `test-call-${safeName(target.label)}.md`,
      testCallReport(result, environment.name, certificate, curl),
    );
    const rotationId = result.outcome === 'ok' ? await this.rotationFor(certificate).catch(() => undefined) : undefined;
    const next = nextStepAfterCall(result, { inRotation: rotationId !== undefined });
    const actions = [...(next ? [NEXT_STEP_LABELS[next]] : []), 'Show Report', 'Retry', 'Copy curl Command'];
    const message = `Test call to ${environment.name}: ${result.outcome}${result.status ? ` (${result.status})` : ''}. ${result.hint}`;
    const showResult = async (): Promise<void> => {
      const choice = await this.offers.offer(
        'test-call-result',
        result.outcome === 'ok' ? 'info' : 'error',
        message,
        actions,
      );
      if (choice === 'Copy curl Command') {
        await vscode.env.clipboard.writeText(curl);
        vscode.window.setStatusBarMessage('$(clippy) curl command copied: set API_KEY in your shell first', 5000);
        // Clicking a button closes the notification: show it again, or the result would be gone with it.
        return showResult();
      }
      if (choice === 'Show Report') await this.reports.open(report);
      if (choice === 'Retry') await target.retry();
      if (choice === 'Find References') await runCommand(COMMAND_IDS.findOldReferences, { rotationId });
      if (choice === 'Copy Support Ticket')
        await runCommand(COMMAND_IDS.copySupportTicket, { type: 'certificate', certificate });
      if (choice === 'Set API Key' && (await this.setApiKey(environment.name))) await target.retry();
    };
    void showResult().catch((error: unknown) => this.log.error(`Test call next step: ${String(error)}`));
    return result;
  }

  /**
   * The first call to a URL shows it in full and asks, once: the key and the client certificate go there. An
   * answer is remembered for this user (not this workspace), for this environment and this exact URL.
   */
  private async approved(environment: Environment, url: string): Promise<boolean> {
    const approvedUrls = this.globalState.get<string[]>(APPROVED_KEY) ?? [];
    const entry = JSON.stringify([environment.name, url]);
    if (approvedUrls.includes(entry)) return true;
    const ok = await this.prompts.confirm(
      `Send a test call to ${url}?`,
      `Environment "${environment.name}" from your user settings. The call carries the client certificate you chose and the API key stored for ${originOf(environment)}.` +
        (environment.caBundle
          ? ` The server must be signed by a CA in ${environment.caBundle}.`
          : " The server must be trusted by the system's CAs.") +
        '\n\nYou are asked once for each URL.',
      'Call This URL',
    );
    if (ok) await this.globalState.update(APPROVED_KEY, [...approvedUrls, entry]);
    else this.log.info(`Test call to ${url} not approved`);
    return ok;
  }
}

function safeName(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * The CA that replaces the system roots for a test call comes from the user's settings only, and as an absolute
 * path: a relative one would let the open workspace's own files decide which server is trusted.
 */
function trustedCaBundle(environment: Environment): string | undefined {
  if (!environment.caBundle) return undefined;
  if (!path.isAbsolute(environment.caBundle)) {
    throw new Error(
      `The caBundle of environment "${environment.name}" must be an absolute path (${environment.caBundle}): a workspace's files never decide which CA is trusted`,
    );
  }
  return environment.caBundle;
}
