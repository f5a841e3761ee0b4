/**
 * Everything the workbench logs reaches `codeAutomationLog`: its own chatter as well as the tests' output (the
 * extension host's console, forwarded). This decides what is worth showing on stdout; the full stream is kept
 * in a log file anyway.
 * - Until the tests' entry prints its first line (`VS Code <version>`), only errors are shown: an extension that
 *   fails to load or a test entry that cannot be found shows up there.
 * - Afterwards, everything is shown.
 * - Noise that is harmless offline is never shown: native addons skipped by `--ignore-scripts` (spdlog,
 *   native-watchdog, node-pty, sqlite3, kerberos), the gallery (open-vsx.org) being unreachable, the service
 *   worker, chat and account-policy chatter.
 */
const NOISE = [
  /Could not locate the bindings file/,
  /Cannot find module '(\.\.?\/)+build\/(Release|Debug)\//,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN) open-vsx\.org/,
  /^\[Service Worker\]/,
  // Workbench chatter of newer builds (chat, account policy), unrelated to extensions.
  /^\[(ChatModelSelection|AccountPolicyGate)\]/,
];

export function createHostLogFilter(): (level: string, text: string) => boolean {
  let testsStarted = false;
  return (level, text) => {
    if (!testsStarted && /^VS Code \d+\.\d+/.test(text)) testsStarted = true;
    if (NOISE.some((re) => re.test(text))) return false;
    return testsStarted || level === 'error';
  };
}
