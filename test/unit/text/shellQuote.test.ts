// Every command the product prints for pasting, built from hostile file names (a cloned repository chooses them)
// and pasted into a real bash and dash whose openssl, curl and mtls-rotation only record their arguments: no name
// may run anything, and each path must arrive as exactly one argument naming exactly that file.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { escapeControlCharacters } from '../../../src/core/text/escapeControlCharacters';
import { opensslEquivalent } from '../../../src/core/generate/opensslEquivalent';
import { newRequestConfig } from '../../../src/core/generate/newRequestConfig';
import { curlCommand } from '../../../src/core/testCall/curlCommand';
import { parseTestCallUrl } from '../../../src/core/testCall/parseTestCallUrl';
import { shellQuote } from '../../../src/core/text/shellQuote';
import { opensslVerifyCommands } from '../../../src/core/verify/opensslVerifyCommands';
import { buildCli, CLI } from '../../support/buildCli';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import { tempDir } from '../../support/openssl';
import { hasShell, pasteIntoShell } from './support/pasteIntoShell';

const HOSTILE = [
  "it's",
  'say "hi"',
  '$(touch CANARY-dollar)',
  '`touch CANARY-backtick`',
  'a\n$(touch CANARY-newline)\nb',
  "x'\n'; touch CANARY-quoted-newline; '",
  "'; touch CANARY-quote; '",
  '"; touch CANARY-dquote; "',
  'with space',
  'a;touch CANARY-semicolon',
  'a&touch CANARY-amp',
  'a|touch CANARY-pipe',
  'a>CANARY-redirect',
  '*',
  '~root',
  '~',
  '-leading',
  '--help',
  '-',
  '$HOME',
  '${IFS}x',
  'back\\slash',
  'ends\\',
  'tab\there',
  'carriage\rreturn',
  '!bang',
  '#hash',
  '=ls',
  'a:b',
  'pkcs11:token',
  'é',
];

/** One of each kind for the CLI, which makes a real RSA key for every name. */
const CLI_NAMES = [
  "it's",
  'say "hi"',
  '$(touch CANARY-dollar)',
  '`touch CANARY-backtick`',
  "x'\n'; touch CANARY-quoted-newline; '",
  'with space',
  'a;touch CANARY-semicolon',
  'a&touch CANARY-amp',
  'a|touch CANARY-pipe',
  '*',
  '~root',
  '-leading',
  '-',
];

const SHELLS = ['bash', 'dash'].filter(hasShell);
const ENV = { API_KEY: 'the-api-key', P12_PASS: 'pa ss$(touch CANARY-pass)`touch CANARY-pass2`' };

/** How curl reads --cert (tool_getparam.c, parse_cert_parameter): `\:` and `\\` are escapes, the first bare `:` starts the password. */
function curlCertParameter(parameter: string): string[] {
  let file = '';
  for (let i = 0; i < parameter.length; i++) {
    const c = parameter[i];
    if (c === '\\' && (parameter[i + 1] === '\\' || parameter[i + 1] === ':')) file += parameter[++i];
    else if (c === ':') return [file, `password=${parameter.slice(i + 1)}`];
    else file += c;
  }
  return [file];
}

/**
 * A call with every argument that names one of `paths` (resolved in `cwd`) replaced by `<path N>`. An argument
 * starting with `-` is never a path: openssl and curl would read it as an option.
 */
function normalise(call: string[], paths: string[], cwd: string): string[] {
  const out: string[] = [];
  call.forEach((arg, i) => {
    const words = call[0] === 'curl' && call[i - 1] === '--cert' ? curlCertParameter(arg) : [arg];
    for (const word of words) {
      const index = word.startsWith('-')
        ? -1
        : paths.findIndex((p) => path.resolve(cwd, p) === path.resolve(cwd, word));
      out.push(index >= 0 ? `<path ${index}>` : word);
    }
  });
  return out;
}

function sorted(calls: string[][]): string[] {
  return calls.map((c) => JSON.stringify(c)).sort();
}

/**
 * Pastes what `build` prints for each case of names, all in one paste with a marker call before each, and what it
 * prints for plain stand-in names: each case must make the same calls as the plain paste, each path in its place as
 * one argument, and the paste must create nothing.
 */
function assertPastesSafely(
  shell: string,
  cwd: string,
  cases: string[][],
  build: (names: string[]) => string,
  plain = cases[0].map((_, i) => `plain${i}.pem`),
): void {
  const texts = cases.map(build);
  const before = fs.readdirSync(cwd).sort();
  const pasted = pasteIntoShell(shell, texts.map((text, i) => `openssl --case-- ${i}\n${text}`).join('\n'), cwd, ENV);
  const expected = pasteIntoShell(shell, build(plain), cwd, ENV);
  assert.strictEqual(pasted.stderr, '', `${shell}: ${pasted.stderr}`);
  assert.strictEqual(pasted.status, 0, shell);
  assert.deepStrictEqual(pasted.entries, before, `${shell}: the paste created or removed files`);
  assert.ok(expected.calls.length > 0, 'the plain paste calls something');
  const groups: string[][][] = [];
  for (const call of pasted.calls) {
    if (call[0] === 'openssl' && call[1] === '--case--') groups.push([]);
    else groups[groups.length - 1].push(call);
  }
  assert.strictEqual(groups.length, cases.length, `${shell}: every case ran`);
  cases.forEach((names, i) => {
    assert.deepStrictEqual(
      sorted(groups[i].map((c) => normalise(c, names, cwd))),
      sorted(expected.calls.map((c) => normalise(c, plain, cwd))),
      `${shell} given ${JSON.stringify(texts[i])}`,
    );
  });
}

describe('shellQuote', () => {
  it('leaves plainly safe words bare and single-quotes everything else', () => {
    assert.strictEqual(shellQuote('a/b-c.key'), 'a/b-c.key');
    assert.strictEqual(shellQuote('https://api.example.com:8443/v1'), 'https://api.example.com:8443/v1');
    assert.strictEqual(shellQuote('https://api.example.com/v1?a=1&b=2'), "'https://api.example.com/v1?a=1&b=2'");
    assert.strictEqual(shellQuote('$HOME'), "'$HOME'");
    assert.strictEqual(shellQuote("it's"), "'it'\\''s'");
    assert.strictEqual(shellQuote('a\nb'), "'a\nb'");
    assert.strictEqual(shellQuote(''), "''");
    assert.strictEqual(shellQuote('~'), "'~'");
    assert.strictEqual(shellQuote('=ls'), "'=ls'");
  });

  it('makes a path that starts with - a relative path instead of an option; other words keep their dash', () => {
    assert.strictEqual(shellQuote('-x.crt', { path: true }), './-x.crt');
    assert.strictEqual(shellQuote('-', { path: true }), './-');
    assert.strictEqual(shellQuote("-it's", { path: true }), "'./-it'\\''s'");
    assert.strictEqual(shellQuote('/abs/-x', { path: true }), '/abs/-x');
    assert.strictEqual(shellQuote('-x'), '-x');
  });

  describe('every printed command, pasted into a real shell', function () {
    this.timeout(120_000);
    let cwd: string;
    before(() => {
      cwd = path.join(tempDir('mtls-paste-'), 'work');
      fs.mkdirSync(cwd);
    });
    after(() => fs.rmSync(path.dirname(cwd), { recursive: true, force: true }));

    it('has a shell to paste into', () => {
      assert.ok(SHELLS.includes('bash'), 'bash is needed for these tests');
    });

    for (const shell of SHELLS) {
      it(`${shell}: the openssl equivalents of generate`, () => {
        const cases = HOSTILE.flatMap((name) => [
          [name, `${name}.csr`, `${name}.cnf`],
          [path.join(cwd, name), `${name}.csr`, path.join(cwd, `${name}.cnf`)],
        ]);
        assertPastesSafely(shell, cwd, cases, ([keyPath, csrPath, configPath]) =>
          opensslEquivalent({ keyPath, csrPath, configPath, section: 'renewal' }),
        );
      });

      it(`${shell}: the openssl commands of verify`, () => {
        const cases = HOSTILE.map((name) => [
          name,
          `${name}.key`,
          `${name}.bundle`,
          path.join(cwd, `${name}.csr`),
          `${name}.old`,
        ]);
        assertPastesSafely(shell, cwd, cases, ([certificate, key, caBundle, csr, oldCertificate]) => {
          const commands = opensslVerifyCommands(
            { certificate, key, caBundle, csr, oldCertificate },
            { rsa: true, encryptedKey: true },
          );
          return Object.values(commands).join('\n');
        });
      });

      it(`${shell}: the curl command of the test call`, () => {
        const url = "https://api.example.com/v1/$(touch CANARY-url)/`touch CANARY-url2`?q='x'&r=$HOME";
        assertPastesSafely(
          shell,
          cwd,
          HOSTILE.map((name) => [name, `${name}.key`, `${name}.ca`]),
          ([certificatePath, keyPath, caBundlePath]) =>
            curlCommand({ url, certificatePath, keyPath, caBundlePath, timeoutMs: 5000 }),
        );
        assertPastesSafely(
          shell,
          cwd,
          HOSTILE.map((name) => [name, path.join(cwd, `${name}.ca`)]),
          ([pkcs12Path, caBundlePath]) => curlCommand({ url, pkcs12Path, passphraseEnv: 'P12_PASS', caBundlePath }),
        );
        const pasted = pasteIntoShell(shell, curlCommand({ url, certificatePath: 'c.crt' }), cwd, ENV);
        assert.deepStrictEqual(pasted.calls, [
          ['curl', '--cert', 'c.crt', '-H', 'X-API-Key: the-api-key', parseTestCallUrl(url).displayUrl],
        ]);
      });

      it(`${shell}: the commands in the header of a new request config, which stays comments throughout`, () => {
        const pem = fs.readFileSync(cryptoFixtures().rsa.certPath, 'utf8');
        const header = (certificatePath: string): string[] => {
          const text = newRequestConfig(readCertificate(pem, { path: certificatePath }));
          const lines = text.slice(0, text.indexOf('\n[ req ]')).split('\n');
          for (const line of lines)
            assert.ok(line === '' || line.startsWith('#'), `a header line is no comment: ${JSON.stringify(line)}`);
          return lines;
        };
        for (const name of HOSTILE) header(path.join(cwd, `${name}.crt`));
        // The names come from the certificate's file name: NAME-new.key, NAME-new.csr, NAME-openssl.cnf.
        const cases = HOSTILE.map((name) => [`${name}-new.key`, `${name}-new.csr`, `${name}-openssl.cnf`]);
        assertPastesSafely(
          shell,
          cwd,
          cases,
          ([key]) => {
            const lines = header(`${key.slice(0, -'-new.key'.length)}.crt`);
            const start = lines.findIndex((l) => l.startsWith('# Make the key and CSR')) + 1;
            const end = lines.findIndex((l, i) => i > start && (l === '' || l.startsWith('# WARNING')));
            // As a user copies them: the comment marks off, a quoted line break's continuation included.
            return lines
              .slice(start, end)
              .map((l) => l.replace(/^# or: |^# {3}/, ''))
              .join('\n');
          },
          ['plain-new.key', 'plain-new.csr', 'plain-openssl.cnf'],
        );
      });
    }

    it('bash: the check line the CLI generate prints, from files it really wrote', function () {
      this.timeout(300_000);
      buildCli();
      const config = path.join(cwd, 'request.cnf');
      fs.copyFileSync(path.resolve(__dirname, '../../../../test/fixtures/opensslConfig/program-a-openssl.cnf'), config);
      const marker = 'Check it before submitting: ';
      try {
        for (const name of CLI_NAMES) {
          const csrOut = name;
          const run = spawnSync(
            process.execPath,
            [CLI, 'generate', '--config=request.cnf', `--key-out=${name}.key`, `--csr-out=${csrOut}`],
            {
              cwd,
              encoding: 'utf8',
              env: { ...process.env, LC_ALL: 'C' },
            },
          );
          assert.strictEqual(run.status, 0, `${JSON.stringify(name)}: ${run.stderr}`);
          assert.ok(fs.existsSync(path.join(cwd, csrOut)), `${JSON.stringify(name)}: the CSR was written where asked`);
          if (escapeControlCharacters(name) !== name) {
            // Control characters: shown escaped, so no paste line could name the file; none is offered.
            assert.ok(!run.stdout.includes(marker) && !run.stdout.includes('openssl req -in'), run.stdout);
            assert.match(run.stdout, /no command is printed to paste/);
            continue;
          }
          const printed = run.stdout.slice(run.stdout.indexOf(marker) + marker.length);
          assert.ok(run.stdout.includes(marker), run.stdout);
          const before = fs.readdirSync(cwd).sort();
          const pasted = pasteIntoShell('bash', printed, cwd, ENV);
          const what = `${JSON.stringify(printed)}`;
          assert.strictEqual(pasted.stderr, '', what);
          assert.deepStrictEqual(pasted.entries, before, `${what}: created or removed files`);
          assert.deepStrictEqual(
            pasted.calls.map((c) => normalise(c, [csrOut], cwd)),
            [['openssl', 'req', '-in', '<path 0>', '-noout', '-text', '-verify']],
            what,
          );

          // Again: the names are taken now, and the error suggests free ones to paste after `mtls-rotation generate`
          // (an error is one line, so a name with a line break cannot show whole there).
          if (name.includes('\n')) continue;
          const again = spawnSync(
            process.execPath,
            [CLI, 'generate', '--config=request.cnf', `--key-out=${name}.key`, `--csr-out=${csrOut}`],
            {
              cwd,
              encoding: 'utf8',
              env: { ...process.env, LC_ALL: 'C' },
            },
          );
          const suggestion = /\(try (--key-out [\s\S]*)\)\n$/.exec(again.stderr);
          assert.ok(again.status !== 0 && suggestion, again.stderr);
          const retry = pasteIntoShell('bash', `mtls-rotation generate ${suggestion[1]}`, cwd, ENV);
          assert.strictEqual(retry.stderr, '', suggestion[1]);
          assert.deepStrictEqual(retry.entries, fs.readdirSync(cwd).sort(), suggestion[1]);
          assert.strictEqual(retry.calls.length, 1, suggestion[1]);
          const [command, verb, keyOption, key, csrOption, csr, ...rest] = retry.calls[0];
          assert.deepStrictEqual(
            [command, verb, keyOption, csrOption, rest],
            ['mtls-rotation', 'generate', '--key-out', '--csr-out', []],
            suggestion[1],
          );
          for (const file of [key, csr]) {
            assert.ok(
              !file.startsWith('-') &&
                !fs.existsSync(path.join(cwd, file)) &&
                path.dirname(path.resolve(cwd, file)) === cwd,
              `${JSON.stringify(file)} is a free name here`,
            );
          }
        }
      } finally {
        for (const entry of fs.readdirSync(cwd)) fs.rmSync(path.join(cwd, entry), { recursive: true, force: true });
      }
    });
  });
});
