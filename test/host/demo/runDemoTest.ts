// The demo as a user lives it, end to end: `npm start -- --no-open` (its compiled launcher), the printed address
// opened in headless Chromium, and every step driven through the workbench's own UI with the keyboard and the
// mouse: no smoke-test driver, no test seam. Modal dialogs show in the page (`.monaco-dialog-box`) and are
// answered by clicking their buttons. Screenshots of each stage go to .vscode-test/screenshots/demo/, or to
// media/screenshots/demo-*.png with --update-screenshots.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { DEFAULT_CHROMIUM } from '../runInBrowser';
import { READY_LINE, URL_LINE } from './startDemo';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const updateScreenshots = process.argv.includes('--update-screenshots');
const shotsDir = updateScreenshots
  ? path.join(repoRoot, 'media', 'screenshots')
  : path.join(repoRoot, '.vscode-test', 'screenshots', 'demo');
const OVERALL_TIMEOUT_MS = Number(process.env.MTLS_DEMO_TEST_TIMEOUT || 420) * 1000;
/** From the page's first request to the Certificates view showing the demo certificates. */
const FIRST_VIEW_MS = 180_000;
/** A single UI step (a view filling, a quick pick answering) gets this long; a loaded CI machine is slow. */
const STEP_MS = 60_000;

class Demo {
  readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        console.log(`  | ${line.startsWith(URL_LINE) ? `${URL_LINE}http://127.0.0.1:…` : line}`);
      }
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => this.waiters.forEach((wake) => wake()));
  }

  /** Resolves with the first line matching `pattern`; rejects when the launcher exits first or time runs out. */
  line(pattern: RegExp, what: string, timeoutMs = STEP_MS): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${what} from npm start`)), timeoutMs);
      const check = () => {
        const found = this.lines.find((l) => pattern.test(l));
        if (found !== undefined) return done(undefined, found);
        if (this.child.exitCode !== null || this.child.signalCode !== null)
          done(new Error(`npm start exited (${this.child.exitCode ?? this.child.signalCode}) before ${what}`));
      };
      const done = (err?: Error, line?: string) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (err) reject(err);
        else resolve(line ?? '');
      };
      this.waiters.add(check);
      check();
    });
  }

  standInLines(): string[] {
    return this.lines.filter((l) => l.startsWith('provider stand-in: '));
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const chromiumPath = process.env.MTLS_HOST_CHROMIUM || DEFAULT_CHROMIUM;
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set MTLS_HOST_CHROMIUM)`);
  fs.mkdirSync(shotsDir, { recursive: true });

  const launcher = path.join(__dirname, 'startDemo.js');
  // Its own process group, so that nothing it starts survives this test, whatever happens.
  const child = spawn(process.execPath, [launcher, '--no-open'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  process.on('exit', killGroup);
  const demo = new Demo(child);
  let browser: Browser | undefined;
  let page: Page | undefined;
  let stage = 'start';
  const overall = setTimeout(() => {
    console.error(`demo test: over ${OVERALL_TIMEOUT_MS / 1000} s at stage "${stage}"`);
    void page
      ?.screenshot({ path: path.join(repoRoot, '.vscode-test', 'screenshots', 'demo-timeout.png') })
      .finally(() => process.exit(1));
  }, OVERALL_TIMEOUT_MS);
  overall.unref();

  try {
    const urlLine = await demo.line(new RegExp(`^${URL_LINE}http://127\\.0\\.0\\.1:\\d+/`), 'the address', 180_000);
    const url = urlLine.slice(URL_LINE.length).trim();
    // The server may stay up for hours: without this run's token it serves nothing but its version.
    const token = new URL(url).searchParams.get('tkn') ?? '';
    expectEqual(/^[0-9a-f]{32}$/.test(token), true, 'the address carries a 32-hex-digit connection token');
    const withoutToken = new URL(url);
    withoutToken.searchParams.delete('tkn');
    expectEqual((await fetch(withoutToken)).status, 403, 'status of the workbench page without the token');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_MS);
    await page.goto(url, { waitUntil: 'commit' });
    const ui = new Workbench(page);

    stage = 'inventory';
    // The workbench loads, the extension host starts and the extension scans: on a loaded machine this alone has
    // taken over a minute, so the first wait is longer than the other steps'.
    await page
      .getByRole('treeitem', { name: /program-a\.demo\.example, 20 days left/ })
      .waitFor({ timeout: FIRST_VIEW_MS });
    await page.getByRole('treeitem', { name: /legacy\.demo\.example, expired/ }).waitFor();
    await demo.line(new RegExp(`^${escape(READY_LINE)}$`), 'the API key preset');
    await ui.widenSideBar();
    await ui.shoot('demo-inventory');
    await ui.command('Notifications: Clear All Notifications');

    stage = 'form editor';
    await ui.command('mTLS Rotation: Open Request Config in Form Editor');
    await ui.pick('program-a-openssl.cnf');
    const form = webviewContent(page);
    await form.locator('.message.error', { hasText: '203.0.113.300' }).first().waitFor();
    await ui.shoot('demo-form-editor');
    await ui.command('View: Close All Editor Groups');

    stage = 'verification report';
    // The certificate open on the left, its report beside it.
    await ui.quickOpen('program-a.crt');
    await ui.command('mTLS Rotation: Verify Returned Certificate…');
    await ui.pick('program-a.demo.example');
    // The report opens in its panel beside the certificate, drawn by the panel's own page.
    await page.locator('.tabs-container .tab', { hasText: 'Verification of program-a.crt' }).waitFor();
    const report = webviewContent(page);
    await report.locator('h1', { hasText: 'Verification of program-a.crt' }).waitFor();
    // program-a's certificate, key and CA are consistent: the page draws the verdict at the top.
    await report.locator('.headline', { hasText: 'All checks passed' }).waitFor();
    await page.locator('.editor-instance .view-lines', { hasText: 'BEGIN CERTIFICATE' }).first().waitFor();
    await ui.shoot('demo-verification');
    await ui.command('View: Close All Editor Groups');

    stage = 'test call: the confirmation, cancelled';
    // The first call to a URL asks, in a modal dialog, whether the key and certificate may go there.
    await ui.command('mTLS Rotation: Run Test Call with Certificate…');
    await ui.pick('program-a.demo.example');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Send a test call to https://127.0.0.1:' }).waitFor();
    await ui.shoot('demo-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    stage = 'test call: confirmed';
    await ui.command('mTLS Rotation: Run Test Call with Certificate…');
    await ui.pick('program-a.demo.example');
    await dialog.getByRole('button', { name: 'Call This URL' }).click();
    await ui.notification(/Test call to demo: ok \(200\)/);
    await ui.noNotification(/with program-a\.crt/); // the progress toast, gone once the call is over
    // Cancel sent nothing: the stand-in saw exactly the one confirmed call.
    await demo.line(/^provider stand-in: .* -> 200$/, 'the stand-in logging the call');
    expectEqual(
      demo.standInLines(),
      ['provider stand-in: GET /v2/cardholders from program-a.demo.example -> 200'],
      'requests the stand-in saw after Cancel, then Call This URL',
    );
    await ui.shoot('demo-test-call');

    stage = 'test call: not allowlisted';
    // The URL was approved once: no second question. program-b is valid but not allowlisted.
    await ui.command('Notifications: Clear All Notifications');
    await ui.command('mTLS Rotation: Run Test Call with Certificate…');
    await ui.pick('program-b.demo.example');
    await ui.notification(/Test call to demo: .*\(403\)/);
    await demo.line(/ from program-b\.demo\.example -> 403$/, 'the stand-in refusing program-b');
    expectEqual(await dialog.count(), 0, 'dialogs open after a call to an approved URL');

    stage = 'rotation';
    await ui.command('Notifications: Clear All Notifications');
    await rotationStage(ui, page);

    stage = 'retire the old key: cancelled, then confirmed';
    // Two real modal questions: the guard (the rotation has barely begun), then the deletion itself, which lists
    // the services that still use the old certificate and key.
    const workspace = demo.lines
      .find((l) => l.trim().startsWith('workspace '))
      ?.trim()
      .slice('workspace'.length)
      .trim();
    if (!workspace) throw new Error('npm start printed no workspace');
    const oldKey = path.join(workspace, 'certs', 'program-a.key');
    const retire = async (answer: string) => {
      await ui.command('mTLS Rotation: Retire the Old Private Key…');
      await dialog.filter({ hasText: 'The old key cannot be retired yet.' }).waitFor();
      await dialog.getByRole('button', { name: 'Override and Continue' }).click();
      const deletion = dialog.filter({ hasText: 'Delete the old private key permanently?' });
      await deletion.filter({ hasText: 'services/payments.yaml' }).waitFor();
      if (answer === 'Cancel') await ui.shoot('demo-retire-confirmation');
      await deletion.getByRole('button', { name: answer }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await retire('Cancel');
    expectEqual(fs.existsSync(oldKey), true, `${oldKey} exists after Cancel`);
    await retire('Delete Old Key');
    await until(() => !fs.existsSync(oldKey), `${oldKey} deleted after Delete Old Key`);

    console.log(`demo test: passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotsDir}`);
    return 0;
  } catch (err) {
    console.error(`demo test: FAILED at stage "${stage}": ${(err as Error).message}`);
    if (page) {
      const file = path.join(repoRoot, '.vscode-test', 'screenshots', 'demo-failure.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      console.error(`  screenshot ${file}; server log .vscode-test/logs/server-demo.log`);
    }
    return 1;
  } finally {
    clearTimeout(overall);
    await browser?.close().catch(() => undefined);
    await stopDemo(demo);
    // Ctrl+C must also have removed the files the demo generated.
    const workspace = demo.lines
      .find((l) => l.trim().startsWith('workspace '))
      ?.trim()
      .slice('workspace'.length)
      .trim();
    if (workspace && fs.existsSync(path.dirname(workspace))) {
      console.error(`demo test: ${path.dirname(workspace)} is still there after Ctrl+C`);
      process.exitCode = 1;
    }
  }
}

/**
 * Starts a rotation of program-a and photographs it twice: its checklist in the Rotations view, then its panel
 * (opened from the palette), once the panel's page has drawn the timeline.
 */
async function rotationStage(ui: Workbench, page: Page): Promise<void> {
  await ui.command('mTLS Rotation: Start Rotation…');
  await ui.pick('program-a.demo.example');
  const rotations = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Rotations' }) });
  await rotations.getByRole('treeitem').first().waitFor();
  await ui.shoot('demo-rotation');

  // One rotation is open: the command opens its panel without asking which.
  await ui.command('mTLS Rotation: Open Rotation Panel');
  await page.locator('.tabs-container .tab', { hasText: 'Rotation: program-a.demo.example' }).waitFor();
  await webviewContent(page).locator('svg.timeline').waitFor();
  await ui.shoot('demo-rotation-panel');
}

/**
 * The page inside the visible webview (the form, a report, a rotation panel): VS Code nests it in two iframes,
 * and keeps hidden webviews' iframes in the page, so only the visible one is meant.
 */
function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

/** Drives the workbench the way a keyboard user does. */
class Workbench {
  private readonly started = Date.now();

  constructor(private readonly page: Page) {}

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** F1, the command's title, Enter: once the palette shows it as the first match. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    // Exactly this command: "Retire the Old Private Key…" must not run "…in the Secrets Store".
    await this.quickInput
      .locator('.quick-input-list .monaco-list-row.focused .label-name', { hasText: new RegExp(`^${escape(title)}$`) })
      .waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Ctrl+P, a file name, Enter. */
  async quickOpen(file: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    await input.fill(file);
    await this.focusedRow(file);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  }

  /** Answers the open quick pick: types `text` to filter it, then Enter on the first match. */
  async pick(text: string): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    await this.quickInput.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await input.fill(text);
    await this.focusedRow(text);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  private async focusedRow(text: string): Promise<void> {
    await this.quickInput.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).waitFor();
  }

  async notification(text: RegExp): Promise<void> {
    await this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).waitFor();
  }

  async noNotification(text: RegExp): Promise<void> {
    await this.page
      .locator('.notifications-toasts .notification-list-item-message', { hasText: text })
      .waitFor({ state: 'detached' });
  }

  /** Drags the side bar's edge, so the screenshots show whole labels (a look only: no check depends on it). */
  async widenSideBar(): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width + 180, y, { steps: 5 });
    await this.page.mouse.up();
    // Off the sash, whose hover highlight would show, to the activity bar's empty middle, where nothing has a tooltip.
    await this.page.mouse.move(box.x / 2, box.y + box.height * 0.7);
  }

  async shoot(name: string): Promise<void> {
    // Let the views settle (fonts, icons, a tree's last row) so the picture shows what the check just saw.
    await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const file = path.join(shotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    console.log(
      `  screenshot ${path.relative(repoRoot, file)} at ${((Date.now() - this.started) / 1000).toFixed(1)} s`,
    );
  }
}

/** Ctrl+C, as a user stops it: the launcher must stop the server and the stand-in and remove its files. */
async function stopDemo(demo: Demo): Promise<void> {
  const child = demo.child;
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const grace = new Promise<'late'>((r) => setTimeout(() => r('late'), 20_000).unref());
  if ((await Promise.race([exited, grace])) === 'late') {
    console.error('demo test: npm start did not stop within 20 s of Ctrl+C');
    process.exitCode = 1;
  }
  try {
    process.kill(-child.pid, 'SIGKILL'); // anything left of its group
  } catch {
    // all gone, as it should be
  }
}

/** Polls `condition` (a file the extension host writes or deletes) until it holds, for up to a UI step's time. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

main().then(
  (code) => {
    console.log(`demo: ${code === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
    process.exit(process.exitCode || code);
  },
  (err: Error) => {
    console.error(`error: ${err.message}`);
    console.log('demo: 0 passed, 1 failed');
    process.exit(1);
  },
);
