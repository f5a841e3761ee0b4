import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/lib/chromium/chromium';

export interface RunInBrowserOptions {
  /** The workbench URL, carrying the folder and the extension test payload. */
  url: string;
  /** Chromium binary; Debian's real binary, not the `/usr/bin/chromium` wrapper script. */
  executablePath: string;
  /** Called with each message the workbench hands to `window.codeAutomationLog` (the tests' output among it). */
  onLog(text: string, level: string): void;
  /** Screenshot of the page once the tests have ended (the views they left open). */
  screenshotPath: string;
  /**
   * A log line that says the tests are done and the extension host waits to be photographed: the screenshot is
   * taken then (the host ends right after `run()` settles, blanking the extension's views), and `onScreenshot`
   * is called so that the host can go on. Without that line, the screenshot is taken at exit.
   */
  screenshotMarker?: string;
  onScreenshot?(): void;
  /** Screenshot taken instead when the run times out, to see where it hung. */
  timeoutScreenshotPath: string;
  /** Browser console messages and page errors go here. */
  consoleLogFile: string;
  /** Logs the workbench hands to `codeAutomationExit` (its own and the extension host's) go here. */
  workbenchLogDir: string;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface BrowserRunResult {
  /** The code passed to `window.codeAutomationExit`: 0 when the tests' `run()` resolved. */
  exitCode?: number;
  timedOut: boolean;
  interrupted: boolean;
  /** Set when the browser or page failed before the tests reported an exit code. */
  error?: string;
  screenshot?: string;
}

/**
 * Opens the workbench in headless Chromium (driven by playwright-core, which downloads no browser), with
 * `codeAutomationLog` and `codeAutomationExit` exposed before the first navigation: VS Code's smoke-test driver
 * calls them with the extension tests' output and their result.
 */
export async function runInBrowser(options: RunInBrowserOptions): Promise<BrowserRunResult> {
  fs.mkdirSync(path.dirname(options.consoleLogFile), { recursive: true });
  fs.writeFileSync(options.consoleLogFile, '');
  const consoleLog = (line: string) => fs.appendFileSync(options.consoleLogFile, line + '\n');

  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    browser = await chromium.launch({
      executablePath: options.executablePath,
      headless: true,
      // This harness ends the browser itself on Ctrl-C, together with the server.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => consoleLog(`[console.${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLog(`[pageerror] ${e.stack ?? e.message}`));

    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    // Let the views the tests left open finish painting, then photograph them.
    let screenshot: Promise<string | undefined> | undefined;
    const takeScreenshot = () =>
      (screenshot ??= new Promise((r) => setTimeout(r, 1500)).then(async () => {
        const file = await shoot(page, options.screenshotPath, consoleLog);
        options.onScreenshot?.();
        return file;
      }));
    await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
      // The message is a console call's arguments (`['  %d passing (%s)', 4, '124ms']`) or a string.
      const text = Array.isArray(message) ? util.format(...(message as unknown[])) : String(message);
      if (options.screenshotMarker !== undefined && text.trim() === options.screenshotMarker) {
        void takeScreenshot();
        return;
      }
      options.onLog(text.replace(/\r?\n$/, ''), String(level));
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
      saveWorkbenchLogs(options.workbenchLogDir, logs);
      reportExit(typeof code === 'number' ? code : Number(code));
    });

    type Outcome =
      | { kind: 'exit'; code: number }
      | { kind: 'timeout' }
      | { kind: 'interrupted' }
      | { kind: 'error'; message: string };
    const outcome = new Promise<Outcome>((resolve) => {
      exited.then((code) => resolve({ kind: 'exit', code }));
      timer = setTimeout(() => resolve({ kind: 'timeout' }), options.timeoutMs);
      onAbort = () => resolve({ kind: 'interrupted' });
      if (options.signal.aborted) onAbort();
      options.signal.addEventListener('abort', onAbort);
      page.on('crash', () => resolve({ kind: 'error', message: 'the page crashed' }));
      browser?.on('disconnected', () => resolve({ kind: 'error', message: 'the browser went away' }));
    });
    page.goto(options.url, { waitUntil: 'commit', timeout: 60_000 }).catch((err: Error) => {
      consoleLog(`[goto] ${err.message}`);
    });

    const result = await outcome;
    switch (result.kind) {
      case 'exit':
        return { exitCode: result.code, timedOut: false, interrupted: false, screenshot: await takeScreenshot() };
      case 'timeout': {
        const screenshot = await shoot(page, options.timeoutScreenshotPath, consoleLog);
        return { timedOut: true, interrupted: false, screenshot };
      }
      case 'interrupted':
        return { timedOut: false, interrupted: true };
      default:
        return { timedOut: false, interrupted: false, error: result.message };
    }
  } catch (err) {
    return { timedOut: false, interrupted: options.signal.aborted, error: (err as Error).message };
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) options.signal.removeEventListener('abort', onAbort);
    await closeBrowser(browser);
  }
}

async function shoot(
  page: import('playwright-core').Page,
  file: string,
  log: (line: string) => void,
): Promise<string | undefined> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 15_000 });
    return file;
  } catch (err) {
    log(`[screenshot] ${(err as Error).message}`);
    return undefined;
  }
}

async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  const closed = browser.close().catch(() => undefined);
  const grace = new Promise<void>((r) => setTimeout(r, 10_000).unref());
  await Promise.race([closed, grace]);
}

/** `codeAutomationExit` passes the workbench's logs as `[{ relativePath, contents }]`; keep them for diagnosis. */
function saveWorkbenchLogs(dir: string, logs: unknown): void {
  if (!Array.isArray(logs)) return;
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const entry of logs as { relativePath?: unknown; contents?: unknown }[]) {
      if (typeof entry?.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
      const target = path.resolve(dir, entry.relativePath);
      if (!target.startsWith(path.resolve(dir) + path.sep)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.contents);
    }
  } catch {
    // diagnostics only
  }
}
