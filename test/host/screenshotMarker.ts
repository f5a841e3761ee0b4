/**
 * The handshake between the tests' entry (test/integration/index.ts, in the extension host) and the harness
 * (runInBrowser.ts, driving the browser): VS Code ends the extension host as soon as the tests' run() settles,
 * which blanks the extension's views, so the screenshot must be taken just before.
 * 1. The harness passes a file path in the environment variable SCREENSHOT_ACK_ENV to the server.
 * 2. When mocha is done, the entry prints SCREENSHOT_MARKER and waits (at most 20 s) for that file.
 * 3. The harness sees the line, takes the screenshot, creates the file; run() then settles.
 */
export const SCREENSHOT_MARKER = 'mtls-host: ready for screenshot';
export const SCREENSHOT_ACK_ENV = 'MTLS_HOST_SCREENSHOT_ACK';
