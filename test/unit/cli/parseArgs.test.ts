import * as assert from 'assert';
import {
  listOption,
  MAX_DAYS,
  OptionSpecs,
  parseArgs,
  parseDays,
  parseNow,
  parseThresholds,
  parseWholeNumber,
  stringOption,
  UsageError,
} from '../../../src/cli/parseArgs';
import { buildCli, runCli } from '../../support/buildCli';
import { cryptoFixtures } from '../../support/cryptoFixtures';

function refused(call: () => unknown, message: RegExp): void {
  assert.throws(
    call,
    (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'),
  );
}

describe('CLI numbers and dates', () => {
  describe('parseWholeNumber', () => {
    const timer = { min: 1, max: 2 ** 31 - 1 };

    it('takes digits within the range', () => {
      assert.strictEqual(parseWholeNumber('--timeout-ms', '1', timer), 1);
      assert.strictEqual(parseWholeNumber('--timeout-ms', '2147483647', timer), 2147483647);
      assert.strictEqual(parseWholeNumber('--timeout-ms', '0300', timer), 300);
    });

    it('refuses what Node would wrap, and what is not plainly a whole number', () => {
      for (const text of [
        '2147483648',
        '0',
        '-5',
        '1.5',
        '1e3',
        '0x10',
        ' 12',
        '12 ',
        '',
        'soon',
        '9'.repeat(400),
        'Infinity',
        'NaN',
      ]) {
        assert.throws(
          () => parseWholeNumber('--timeout-ms', text, timer),
          new UsageError(`--timeout-ms must be a whole number from 1 to 2147483647, got ${JSON.stringify(text)}`),
        );
      }
    });
  });

  describe('parseDays', () => {
    it('takes whole and fractional days from 0 to MAX_DAYS', () => {
      assert.strictEqual(parseDays('--within', '0'), 0);
      assert.strictEqual(parseDays('--within', '0.5'), 0.5);
      assert.strictEqual(parseDays('--within', String(MAX_DAYS)), MAX_DAYS);
    });

    it('refuses negative, exponent, huge and non-numeric values', () => {
      for (const text of ['-1', '1e3', '36501', '9'.repeat(400), '.5', '5.', 'soon', ''])
        refused(() => parseDays('--within', text), /^--within must be a number of days from 0 to 36500, got /);
    });
  });

  describe('parseNow', () => {
    it('takes dates and date-times, UTC unless a zone is given', () => {
      assert.strictEqual(parseNow('2026-12-01').toISOString(), '2026-12-01T00:00:00.000Z');
      assert.strictEqual(parseNow('2026-12-01T09:30').toISOString(), '2026-12-01T09:30:00.000Z');
      assert.strictEqual(parseNow('2026-12-01 09:30:15.25+02:00').toISOString(), '2026-12-01T07:30:15.250Z');
      assert.strictEqual(parseNow('2024-02-29T23:59:59-0130').toISOString(), '2024-03-01T01:29:59.000Z');
      assert.strictEqual(parseNow('2026-12-01t00:00:00z').toISOString(), '2026-12-01T00:00:00.000Z');
    });

    it('refuses dates and times that do not exist instead of rolling them over', () => {
      for (const text of [
        '2026-02-31',
        '2025-02-29',
        '2026-13-01',
        '2026-00-10',
        '2026-04-31',
        '2026-12-01T24:00:00Z',
        '2026-12-01T12:60Z',
        '2026-12-01T12:00:60Z',
        '2026-12-01T00:00+24:00',
        '2026-12-01T00:00+01:60',
        'yesterday',
        '1e12',
        '',
      ]) {
        refused(() => parseNow(text), /^--now must be an ISO 8601 date or date-time \(.+\), got /);
      }
    });
  });

  it('parseThresholds refuses thresholds past MAX_DAYS', () => {
    assert.deepStrictEqual(parseThresholds('30,15,5'), [30, 15, 5]);
    refused(() => parseThresholds('30,99999999999999999999'), /^--thresholds must be whole days from 1 to 36500/);
  });

  describe('parseArgs: repeated options and a subcommand word', () => {
    const specs: OptionSpecs = {
      store: { type: 'string', value: 'SPEC', description: 'a store', multiple: true },
      within: { type: 'string', value: 'DAYS', description: 'days' },
      json: { type: 'boolean', description: 'json' },
    };

    it('keeps every value of a multiple option in order, and the last of a single one', () => {
      const args = parseArgs(
        ['a', '--store', 'dir:/x?name=a', '--within', '5', '--store=aws-sm:s?layout=staged', 'b', '--within', '7'],
        specs,
      );
      assert.deepStrictEqual(args.positionals, ['a', 'b']);
      assert.deepStrictEqual(listOption(args, 'store'), ['dir:/x?name=a', 'aws-sm:s?layout=staged']);
      assert.strictEqual(stringOption(args, 'within'), '7');
      assert.strictEqual(stringOption(args, 'store'), undefined);
      assert.deepStrictEqual(listOption(args, 'within'), ['7']);
      assert.deepStrictEqual(listOption(args, 'json'), []);
      assert.deepStrictEqual(listOption(parseArgs(['x'], specs), 'store'), []);
    });

    it('refuses a forgotten value in any occurrence of a multiple option', () => {
      assert.throws(() => parseArgs(['--store', 'dir:/x?name=a', '--store'], specs), /--store needs a value \(SPEC\)/);
      assert.throws(() => parseArgs(['--store', '--json'], specs), /--store needs a value/);
      assert.throws(() => parseArgs(['--store='], specs), /--store needs a value/);
    });

    it('leaves a subcommand word as the first positional, before or after options', () => {
      assert.deepStrictEqual(parseArgs(['list', '--json'], specs).positionals, ['list']);
      assert.deepStrictEqual(parseArgs(['--json', 'list'], specs).positionals, ['list']);
    });
  });

  describe('on the command line: exit 2 and one line on stderr', function () {
    this.timeout(60_000);
    before(() => buildCli());

    it('for every numeric and date option given a value it cannot honour', () => {
      const f = cryptoFixtures();
      const url = 'https://127.0.0.1:9/never-called';
      const client = ['--cert', f.rsa.certPath, '--key', f.rsa.keyPath];
      const verify = ['verify', '--cert', f.rsa.certPath, '--key', f.rsa.keyPath, '--ca', f.ca.certPath];
      const generate = [
        'generate',
        '--config',
        '/nonexistent.cnf',
        '--key-out',
        '/nonexistent/k',
        '--csr-out',
        '/nonexistent/c',
      ];
      const cases: Array<[string[], RegExp]> = [
        [
          ['test-call', '--url', url, ...client, '--timeout-ms', '2147483648'],
          /--timeout-ms must be a whole number from 1 to 2147483647, got "2147483648"/,
        ],
        [['test-call', '--url', url, ...client, '--timeout-ms', '-5'], /--timeout-ms must be a whole number/],
        [['test-call', '--url', url, ...client, '--timeout-ms', '1.5'], /--timeout-ms must be a whole number/],
        [['test-call', '--url', url, ...client, '--timeout-ms', '0'], /--timeout-ms must be a whole number/],
        [['test-call', '--url', url, ...client, '--now', '2026-02-30'], /--now must be an ISO 8601 date/],
        [
          [...generate, '--bits', '99999999999999999999'],
          /--bits must be a whole number of bits, got "99999999999999999999"/,
        ],
        [[...generate, '--bits', '-2048'], /--bits must be a whole number of bits/],
        [[...generate, '--bits', '2048.0'], /--bits must be a whole number of bits/],
        [['new-config', '--from-cert', f.rsa.certPath, '--bits', '1e4'], /--bits must be a whole number of bits/],
        [['check', f.rsa.certPath, '--within', '-1'], /--within must be a number of days from 0 to 36500, got "-1"/],
        [['check', f.rsa.certPath, '--within', '1e400'], /--within must be a number of days/],
        [['check', f.rsa.certPath, '--within', '30', '--now', '2026-12-01T25:00Z'], /--now must be an ISO 8601 date/],
        [
          ['inventory', f.rsa.certPath, '--max-file-bytes', '99999999999'],
          /--max-file-bytes must be a whole number from 1 to 1073741824/,
        ],
        [['inventory', f.rsa.certPath, '--thresholds', '30,1e3'], /--thresholds must be whole days/],
        [[...verify, '--expected-days', '99999999999'], /--expected-days must be a whole number from 1 to 36500/],
        [[...verify, '--now', '2026-02-29'], /--now must be an ISO 8601 date or date-time \(2026-02 has no day 29\)/],
      ];
      for (const [args, message] of cases) {
        const run = runCli(args);
        assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.strictEqual(run.stdout, '', args.join(' '));
        assert.strictEqual(run.stderr.split('\n').length, 2, run.stderr);
        assert.match(run.stderr, message, args.join(' '));
      }
    });
  });
});
