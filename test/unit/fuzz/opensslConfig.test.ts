// Fuzzing the OpenSSL config reader and validator: arbitrary text, mutations of the differential suite's configs,
// configs built from random sections, names, quotes, escapes, variables, continuations and directives (with
// includes that loop), and variable-expansion bombs. The reader never throws: it reports findings, located inside
// the text. A bomb is refused the way OpenSSL refuses it (checked against openssl req), on the line openssl names,
// without exponential work. A sample of generated configs goes through openssl req as well: an error finding
// exactly when openssl refuses, and the same subject when it accepts.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import {
  MAX_CONF_VALUE_LENGTH,
  parseOpensslConfig,
  ParseOpensslConfigOptions,
} from '../../../src/core/opensslConfig/parseOpensslConfig';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import { CALL_LIMIT_MS, fuzz, FUZZ_RUNS, runsFor, seedFor, SUITE_TIMEOUT_MS, timed } from '../../support/fuzzing';
import { CONFIG_ALPHABET, mutatedText } from '../../support/fuzzMutations';
import { openssl, tempDir } from '../../support/openssl';
import { DIFFERENTIAL_CASES } from '../opensslConfig/differentialCases';
import { readCsrDer } from '../opensslConfig/support/readCsrDer';
import { mapPool, runProcess } from '../opensslConfig/support/runPool';

const SEVERITIES = ['error', 'warning', 'info'];

/** Findings well-formed and inside the text; loadError is the first error. */
function checkConfig(text: string, options: ParseOpensslConfigOptions = {}, limitMs?: number): void {
  const parsed = timed('parseOpensslConfig', text, () => parseOpensslConfig(text, options), limitMs);
  const validation = timed('checkOpensslConfig', text, () => checkOpensslConfig(text, options), limitMs);
  const lines = text.replace(/^\ufeff/, '').split('\n');
  const lineCount = Math.max(1, lines.length);
  assert.strictEqual(parsed.lineCount, lines.at(-1) === '' ? lines.length - 1 : lines.length);
  for (const finding of validation.findings) {
    assert.ok(SEVERITIES.includes(finding.severity), `severity ${finding.severity}`);
    assert.ok(typeof finding.code === 'string' && finding.code.length > 0);
    assert.ok(finding.message.trim().length > 0, `${finding.code} without a message`);
    if (finding.line === undefined) continue;
    const where = `${finding.code} at ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} in ${lineCount} lines`;
    assert.ok(finding.line >= 1 && finding.line <= lineCount, where);
    assert.ok(finding.endLine !== undefined && finding.endLine >= finding.line && finding.endLine <= lineCount, where);
    assert.ok(
      finding.column !== undefined && finding.column >= 1 && finding.column <= lines[finding.line - 1].length + 2,
      where,
    );
    if (finding.endLine === finding.line) assert.ok((finding.endColumn ?? 0) >= finding.column, where);
  }
  const errors = parsed.findings.filter((f) => f.severity === 'error');
  assert.strictEqual(parsed.loadError, errors[0], "loadError is the reader's first error");
  assert.strictEqual(
    validation.request.ok,
    !validation.findings.some((f) => f.severity === 'error'),
    'request.ok means no error finding',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A generator of configs in OpenSSL's own syntax.

const NAMES = [
  'a',
  'b',
  'x',
  'CN',
  'O',
  'OU',
  'dn',
  'req',
  'prompt',
  'distinguished_name',
  'req_extensions',
  'subjectAltName',
  'default_bits',
  'DNS.1',
  'IP.1',
  '0.OU',
  'HOME',
  'ENV',
];
const SECTIONS = ['default', 'req', 'dn', 'ext', 'alt', 'vals', 'ENV', 'a b', '$x', '${x}'];

const word = fc.stringMatching(/^[A-Za-z0-9 .,:@*+\-/]{0,12}$/);
const reference = fc
  .tuple(
    fc.constantFrom('$', '${', '$(', '$ENV::', '${ENV::', '$vals::', '${vals::', '$nosuch::'),
    fc.constantFrom(...NAMES),
  )
  .map(([open, name]) =>
    open.includes('{') ? `${open}${name}}` : open.includes('(') ? `${open}${name})` : `${open}${name}`,
  );
const quoted = fc
  .tuple(fc.constantFrom('"', "'", '`'), fc.stringMatching(/^[A-Za-z0-9 #$\\.'"]{0,10}$/), fc.boolean())
  .map(([q, inner, closed]) => `${q}${inner}${closed ? q : ''}`);
const escape = fc.constantFrom('\\n', '\\t', '\\r', '\\b', '\\\\', '\\"', "\\'", '\\#', '\\$', '\\ ', '\\q');
const valueToken = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 3, arbitrary: reference },
  quoted,
  escape,
  fc.constantFrom(
    ' # comment',
    '#',
    '$',
    '${',
    '${x',
    '$(x',
    '::',
    '\\\n',
    '\\\n  ',
    '@alt',
    'critical,',
    'DNS:a.example',
    'IP:10.0.0.1',
    '\u00e9',
    '\ufeff',
  ),
);
const value = fc.array(valueToken, { maxLength: 6 }).map((t) => t.join(''));

const configLine: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...NAMES), fc.constantFrom(' = ', '=', ' =\t', ' '), value)
      .map(([n, eq, v]) => `${n}${eq}${v}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...SECTIONS), fc.constantFrom(...NAMES), value)
      .map(([s, n, v]) => `${s}::${n} = ${v}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...SECTIONS),
        fc.constantFrom('[ ', '[', '[  '),
        fc.constantFrom(' ]', ']', '', ' ] # c', ' ]x'),
      )
      .map(([s, o, c]) => `${o}${s}${c}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '.pragma dollarid:on',
      '.pragma dollarid:off',
      '.pragma abspath:true',
      '.pragma includedir:inc',
      '.pragma nonsense',
      '.pragma',
      '.pragma x:',
      '.pragma=dollarid:maybe',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '.include loop.cnf',
      '.include = other.cnf',
      '.include missing.cnf',
      '.include dir',
      '.include /abs.cnf',
      '.include $x',
      '.include "q.cnf"',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '   ', '# comment', '  # indented comment', '\t', '=', '= value', 'name', 'a b = c'),
  },
);

const generatedConfig = fc
  .tuple(fc.array(configLine, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, finalEol]) => (bom ? '\ufeff' : '') + lines.join(eol) + (finalEol ? eol : ''));

/** Includes that exist, loop back, include each other and name a directory. */
const INCLUDES: Record<string, string> = {
  'loop.cnf': '.include loop.cnf\na = from-loop\n',
  'other.cnf': 'x = $a\n.include loop.cnf\n[ dn ]\nCN = included\n',
  'q.cnf': '[ vals ]\na = q\n',
  'dir/one.cnf': '.include dir\nb = one\n',
  'dir/two.conf': '.include other.cnf\n',
  '/abs.cnf': 'x = ${ENV::HOME}\n',
};
const WITH_INCLUDES: ParseOpensslConfigOptions = {
  env: { HOME: '/home/fuzz', X: '1' },
  readInclude: (p) => INCLUDES[p.replace(/^inc\//, '')],
  listIncludeDirectory: (p) =>
    p.replace(/^inc\//, '') === 'dir' ? ['one.cnf', 'two.conf', 'skip.txt', '.cnf'] : undefined,
};

// ---------------------------------------------------------------------------------------------------------------
// Variable-expansion bombs.

interface Bomb {
  text: string;
  /** 1-based line of the first definition whose expansion is over the limit, if any. */
  expectedLine?: number;
  /** The last line whose expansion stays within the limit with room to spare (no refusal may be there or before). */
  safeUntil: number;
}

/**
 * `v0 = x…x` then `vN = $v(N-1)` repeated `fanout` times, for `depth` levels: the value grows as base * fanout^N.
 * OpenSSL refuses the first value whose expansion (counted as the value so far plus the rest of the line) passes
 * 65,536 bytes. `syntax` picks $name, ${name} or $(name) references; `section` puts the chain in a section.
 */
function bomb(base: number, fanout: number, depth: number, syntax: 0 | 1 | 2, section: boolean): Bomb {
  const ref = (name: string) => (syntax === 0 ? `$${name}` : syntax === 1 ? `\${${name}}` : `$(${name})`);
  const lines: string[] = section ? ['[ bombs ]'] : [];
  let size = base;
  let expectedLine: number | undefined;
  let safeUntil = 0;
  lines.push(`v0 = ${'x'.repeat(base)}`);
  for (let level = 1; level <= depth; level++) {
    const line = `v${level} = ${ref(`v${level - 1}`).repeat(fanout)}`;
    lines.push(line);
    size *= fanout;
    // Past the limit even without the source bytes OpenSSL also counts: refused for sure.
    if (expectedLine === undefined && size > MAX_CONF_VALUE_LENGTH) expectedLine = lines.length;
    // Within the limit even with every source byte counted: accepted for sure.
    if (expectedLine === undefined && size + Buffer.byteLength(line) + 1 <= MAX_CONF_VALUE_LENGTH)
      safeUntil = lines.length;
  }
  lines.push(
    '[ req ]',
    'prompt = no',
    'distinguished_name = dn',
    '[ dn ]',
    'O = Example',
    'OU = Payments',
    'CN = client.example',
  );
  return { text: lines.join('\n') + '\n', expectedLine, safeUntil };
}

describe('fuzz: OpenSSL config reader and validator', function () {
  this.timeout(SUITE_TIMEOUT_MS);

  it('never throws on arbitrary text; findings stay inside the text', () => {
    fuzz(
      'config arbitrary',
      [
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 200, unit: 'binary' }),
          fc.string({ maxLength: 200, unit: 'grapheme' }),
        ),
      ],
      (text) => {
        checkConfig(text);
      },
      { weight: 3 },
    );
  });

  it("never throws on mutations of the differential suite's configs", () => {
    const seeds = DIFFERENTIAL_CASES.map((c) => c.config).filter((c) => !c.startsWith('fixture:'));
    fuzz(
      'config mutated',
      [fc.nat().chain((i) => mutatedText(seeds[i % seeds.length], CONFIG_ALPHABET)), fc.boolean()],
      (text, includes) => {
        checkConfig(text, includes ? WITH_INCLUDES : {});
      },
      { weight: 3 },
    );
  });

  it('never throws on generated configs: sections, quotes, escapes, variables, continuations, pragmas, includes that loop', () => {
    fuzz(
      'config generated',
      [generatedConfig, fc.boolean()],
      (text, includes) => {
        checkConfig(text, includes ? WITH_INCLUDES : {});
      },
      { weight: 3 },
    );
  });

  it('stays linear on large configs (long lines, many lines, long continuations)', () => {
    const big = fc.oneof(
      fc
        .tuple(
          fc.nat({ max: 200_000 }),
          fc.constantFrom('a', '$', '\\', '"', "'", '#', ' ', '$a', '${a', '\\\n', 'a = b\n', '[ s ]\n', '['),
        )
        .map(([n, unit]) => `a = b\nc = ${unit.repeat(Math.ceil(n / unit.length))}\n`),
      fc
        .tuple(
          fc.integer({ min: 1, max: 10_000 }),
          fc.constantFrom('x = $a$a$a$a\n', 'a = ${a}\n', 'v\\\n', 'DNS.1 = a\n', '.include loop.cnf\n'),
        )
        .map(([n, line]) => `a = 1\n${line.repeat(n)}`),
    );
    // Up to ~200 KB, with a finding on every line for some: a few hundred milliseconds when linear, minutes when not.
    fuzz(
      'config large',
      [big],
      (text) => {
        checkConfig(text, WITH_INCLUDES);
      },
      { weight: 0.1 },
    );
  });

  describe('variable-expansion bombs', () => {
    let dir: string;
    let keyPath: string;
    before(() => {
      dir = tempDir('mtls-fuzz-bomb-');
      keyPath = cryptoFixtures().rsa.keyPath;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const shapes: Array<[string, Bomb]> = [
      ['a 64-byte value, 32 references per level', bomb(64, 32, 2, 0, false)],
      ['8 bytes, 8 references per level, 10 levels (a gigabyte if expanded)', bomb(8, 8, 10, 0, false)],
      ['${name} references in a section, 100 per level, 8 levels', bomb(2, 100, 8, 1, true)],
      ['$(name) references, two per level, 40 levels (a terabyte if expanded)', bomb(16, 2, 40, 2, false)],
    ];
    for (const [name, shape] of shapes) {
      it(`refuses like openssl: ${name}`, () => {
        const file = path.join(dir, `bomb-${shapes.findIndex((s) => s[1] === shape)}.cnf`);
        fs.writeFileSync(file, shape.text);
        const started = performance.now();
        const findings = checkOpensslConfig(shape.text).findings;
        const ms = performance.now() - started;
        assert.ok(ms < CALL_LIMIT_MS, `took ${ms.toFixed(0)} ms: an expansion that should be refused at once`);
        let stderr = '';
        assert.throws(() => {
          try {
            openssl(['req', '-new', '-config', file, '-batch', '-key', keyPath, '-out', path.join(dir, 'never.csr')]);
          } catch (error) {
            stderr = String((error as { stderr?: string }).stderr ?? '');
            throw error;
          }
        }, 'openssl refuses the bomb');
        assert.match(stderr, /variable expansion too long/);
        const opensslLine = Number(/Error on line (\d+)/.exec(stderr)?.[1]);
        assert.ok(
          opensslLine > shape.safeUntil && (shape.expectedLine === undefined || opensslLine <= shape.expectedLine),
          `openssl names line ${opensslLine}`,
        );
        const refusal = findings.find((f) => f.severity === 'error');
        assert.ok(refusal, 'an error finding');
        assert.strictEqual(refusal.code, 'variable-expansion-too-long');
        assert.strictEqual(refusal.line, opensslLine);
        assert.strictEqual(refusal.data?.opensslLine, opensslLine);
        assert.match(refusal.message, /65536 bytes/);
      });
    }

    it('a long literal value is no expansion (openssl accepts it), a reference to it is (openssl refuses it)', () => {
      const tail = '[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\nCN = x\n';
      const literal = `long = ${'y'.repeat(70_000)}\n${tail}`;
      const file = path.join(dir, 'long-literal.cnf');
      fs.writeFileSync(file, literal);
      openssl(['req', '-new', '-config', file, '-batch', '-key', keyPath, '-out', path.join(dir, 'long.csr')]);
      assert.deepStrictEqual(
        checkOpensslConfig(literal).findings.filter((f) => f.severity === 'error'),
        [],
      );

      const referenced = `long = ${'y'.repeat(70_000)}\nshort = $long\n${tail}`;
      fs.writeFileSync(file, referenced);
      assert.throws(
        () => openssl(['req', '-new', '-config', file, '-batch', '-key', keyPath, '-out', path.join(dir, 'long.csr')]),
        /variable expansion too long[\s\S]*line 2|line 2[\s\S]*variable expansion too long/,
      );
      const errors = checkOpensslConfig(referenced).findings.filter((f) => f.severity === 'error');
      assert.deepStrictEqual(
        errors.map((f) => [f.code, f.line]),
        [['variable-expansion-too-long', 2]],
      );
    });

    it('random bomb shapes: refused on the first line over the limit, never before, and fast', () => {
      const shape = fc.record({
        base: fc.integer({ min: 1, max: 3000 }),
        fanout: fc.integer({ min: 2, max: 300 }),
        depth: fc.integer({ min: 1, max: 12 }),
        syntax: fc.constantFrom(0 as const, 1 as const, 2 as const),
        section: fc.boolean(),
      });
      fuzz(
        'config bombs',
        [shape],
        ({ base, fanout, depth, syntax, section }) => {
          const b = bomb(base, fanout, depth, syntax, section);
          const parsed = timed('parseOpensslConfig', b.text, () => parseOpensslConfig(b.text));
          const refusals = parsed.findings.filter((f) => f.code === 'variable-expansion-too-long');
          const first = refusals[0]?.line;
          if (b.expectedLine !== undefined)
            assert.ok(
              first !== undefined && first <= b.expectedLine,
              `refused at ${first}, expected by ${b.expectedLine}`,
            );
          if (first !== undefined)
            assert.ok(first > b.safeUntil, `refused at ${first}, but lines up to ${b.safeUntil} are within the limit`);
          assert.strictEqual(parsed.loadError?.code, first === undefined ? undefined : 'variable-expansion-too-long');
        },
        { weight: 1 },
      );
    });
  });

  describe('against openssl req', () => {
    let dir: string;
    let keyPath: string;
    before(() => {
      dir = tempDir('mtls-fuzz-config-diff-');
      keyPath = cryptoFixtures().rsa.keyPath;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('generated CN values: an error finding exactly when openssl refuses, the same subject when it accepts', async () => {
      // The reader's features in the value openssl puts into the CSR, behind definitions of a, b, x in two sections.
      const prelude = fc.array(
        fc.tuple(fc.constantFrom('a', 'b', 'x', 'vals::a', 'vals::x'), value).map(([n, v]) => `${n} = ${v}`),
        { maxLength: 4 },
      );
      const config = fc
        .tuple(prelude, value, fc.boolean())
        .map(([lines, cn, dollarId]) =>
          [
            ...(dollarId ? ['.pragma dollarid:on'] : []),
            ...lines,
            '[ req ]',
            'prompt = no',
            'distinguished_name = dn',
            '[ dn ]',
            'O = Example',
            'OU = Payments',
            `CN = ${cn}`,
            '',
          ].join('\n'),
        );
      const count = Math.max(8, runsFor(0.3));
      const configs = fc.sample(config, { seed: seedFor('config vs openssl'), numRuns: count });
      const outcomes = await mapPool(configs, 2, async (text, index) => {
        const file = path.join(dir, `c${index}.cnf`);
        fs.writeFileSync(file, text);
        const result = await runProcess(
          'openssl',
          ['req', '-new', '-batch', '-config', file, '-key', keyPath, '-outform', 'DER', '-out', `${file}.der`],
          { cwd: dir, env: { PATH: process.env.PATH } },
        );
        return { text, result, der: result.code === 0 ? fs.readFileSync(`${file}.der`) : undefined };
      });
      const problems: string[] = [];
      for (const { text, result, der } of outcomes) {
        // The same environment openssl runs in: $ENV::NAME means the same to both.
        const ours = checkOpensslConfig(text, { env: { PATH: process.env.PATH } });
        const errors = ours.findings.filter((f) => f.severity === 'error');
        const context = `config ${JSON.stringify(text)}\nopenssl exit ${result.code}: ${result.stderr.trim().split('\n').slice(0, 2).join(' | ')}\nours: ${JSON.stringify(errors.map((f) => `${f.code}@${f.line}`))}`;
        if ((result.code !== 0) !== errors.length > 0) {
          problems.push(
            `${result.code !== 0 ? 'openssl refuses, the core finds no error' : 'the core finds an error, openssl accepts'}\n${context}`,
          );
          continue;
        }
        const named = /Error on line (\d+)/.exec(result.stderr);
        if (named && !errors.some((f) => f.data?.opensslLine === Number(named[1])))
          problems.push(`openssl names line ${named[1]}, no error finding carries it\n${context}`);
        if (der) {
          const theirs = readCsrDer(der).subject.map((a) => `${a.oid}=${a.value}`);
          const mine = ours.request.subject.map((a) => `${a.oid}=${a.value}`);
          if (JSON.stringify(theirs) !== JSON.stringify(mine))
            problems.push(`subject ${JSON.stringify(mine)} vs openssl ${JSON.stringify(theirs)}\n${context}`);
        }
      }
      assert.deepStrictEqual(
        problems,
        [],
        `${problems.length} of ${configs.length} configs disagree (FUZZ_RUNS=${FUZZ_RUNS}):\n${problems.slice(0, 5).join('\n\n')}`,
      );
    });
  });
});
