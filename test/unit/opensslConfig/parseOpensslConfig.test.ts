import * as assert from 'assert';
import {
  findConfigEntry,
  findConfigSection,
  lookupConfigValue,
} from '../../../src/core/opensslConfig/lookupConfigValue';
import { entryValueRange, parseOpensslConfig, ParsedConfig } from '../../../src/core/opensslConfig/parseOpensslConfig';

const text = (...lines: string[]) => lines.join('\n') + '\n';

function entry(config: ParsedConfig, section: string, name: string) {
  const found = findConfigSection(config, section)?.entries.find((e) => e.name === name);
  assert.ok(found, `no ${section}::${name}`);
  return found;
}

describe('parseOpensslConfig', () => {
  it('keeps the positions of headers, names and values (1-based, end exclusive)', () => {
    const config = parseOpensslConfig(text('# c', '[ req ]', '  prompt =  no  # trailing', 'name="a b"'));
    const req = findConfigSection(config, 'req');
    assert.deepStrictEqual(req?.headers[0].range, { line: 2, column: 1, endLine: 2, endColumn: 8 });
    assert.deepStrictEqual(req?.headers[0].nameRange, { line: 2, column: 3, endLine: 2, endColumn: 6 });
    const prompt = entry(config, 'req', 'prompt');
    assert.deepStrictEqual(prompt.nameRange, { line: 3, column: 3, endLine: 3, endColumn: 9 });
    assert.deepStrictEqual(prompt.valueRange, { line: 3, column: 13, endLine: 3, endColumn: 15 });
    const name = entry(config, 'req', 'name');
    assert.strictEqual(name.rawValue, '"a b"');
    assert.strictEqual(name.value, 'a b');
  });

  it('maps a value spread over continuation lines back to each line', () => {
    const config = parseOpensslConfig(text('[ s ]', 'v = abc\\', '  def'));
    const v = entry(config, 's', 'v');
    assert.strictEqual(v.value, 'abc  def');
    assert.deepStrictEqual(v.valueRange, { line: 2, column: 5, endLine: 3, endColumn: 6 });
    assert.deepStrictEqual(entryValueRange(v, 5, 8), { line: 3, column: 3, endLine: 3, endColumn: 6 });
    assert.strictEqual(v.opensslLine, 3);
  });

  it('maps expanded values through quotes, escapes and variables', () => {
    const config = parseOpensslConfig(text('x = VALUE', '[ s ]', 'v = "q" \\t $x!'));
    const v = entry(config, 's', 'v');
    assert.strictEqual(v.value, 'q \t VALUE!');
    assert.deepStrictEqual(entryValueRange(v, 0, 1), { line: 3, column: 6, endLine: 3, endColumn: 7 });
    assert.deepStrictEqual(entryValueRange(v, 2, 3), { line: 3, column: 9, endLine: 3, endColumn: 11 }, 'the escape');
    assert.deepStrictEqual(
      entryValueRange(v, 5, 7),
      { line: 3, column: 12, endLine: 3, endColumn: 14 },
      'inside the variable: all of $x',
    );
    assert.deepStrictEqual(entryValueRange(v, 9, 10), { line: 3, column: 14, endLine: 3, endColumn: 15 });
  });

  it('expands while reading: a later redefinition does not reach an earlier reference', () => {
    const config = parseOpensslConfig(text('x = 1', 'a = $x', 'x = 2', 'b = $x'));
    assert.strictEqual(lookupConfigValue(config, null, 'a'), '1');
    assert.strictEqual(lookupConfigValue(config, null, 'b'), '2');
    assert.strictEqual(lookupConfigValue(config, null, 'x'), '2');
  });

  it('keeps the last of repeated names, moved to where it was last set, and warns', () => {
    const config = parseOpensslConfig(text('[ dn ]', 'CN = a', 'O = b', 'CN = c'));
    assert.deepStrictEqual(
      findConfigSection(config, 'dn')?.entries.map((e) => `${e.name}=${e.value}`),
      ['O=b', 'CN=c'],
    );
    const duplicate = config.findings.find((f) => f.code === 'duplicate-key');
    assert.strictEqual(duplicate?.severity, 'warning');
    assert.strictEqual(duplicate?.line, 4);
    assert.match(duplicate?.message ?? '', /line 2/);
    assert.strictEqual(config.entries.filter((e) => e.superseded).length, 1);
  });

  it('falls back to the default section, and the ENV section to the environment', () => {
    const config = parseOpensslConfig(text('prompt = no', 'HOME_DIR = /d', '[ req ]', 'x = 1'), {
      env: { HOME_DIR: '/env' },
    });
    assert.strictEqual(lookupConfigValue(config, 'req', 'prompt'), 'no');
    assert.strictEqual(findConfigEntry(config, 'req', 'prompt')?.section, 'default');
    assert.strictEqual(lookupConfigValue(config, 'ENV', 'HOME_DIR', { HOME_DIR: '/env' }), '/env');
    assert.strictEqual(lookupConfigValue(config, 'ENV', 'HOME_DIR', {}), '/d');
  });

  it('reports ENV references as unknown (info) when no environment is given', () => {
    const config = parseOpensslConfig(text('a = $ENV::SOMETHING'));
    assert.strictEqual(config.loadError, undefined);
    assert.deepStrictEqual(
      config.findings.map((f) => [f.severity, f.code]),
      [['info', 'environment-not-provided']],
    );
  });

  it('reports errors with the line OpenSSL names, and says when a variable is defined too late', () => {
    const config = parseOpensslConfig(text('[ s ]', 'a = $later', 'later = 1'));
    const error = config.loadError;
    assert.strictEqual(error?.code, 'undefined-variable');
    assert.deepStrictEqual([error?.line, error?.column, error?.endColumn], [2, 5, 11]);
    assert.strictEqual(error?.data?.opensslLine, 2);
    assert.match(error?.message ?? '', /defined later \(line 3\)/);
  });

  it('goes on after an error, so an editor sees every problem', () => {
    const config = parseOpensslConfig(text('[ s', 'a b', 'ok = 1', '[t]', 'c = ${x'));
    assert.deepStrictEqual(
      config.findings.map((f) => [f.code, f.line]),
      [
        ['missing-close-bracket', 1],
        ['missing-equal-sign', 2],
        ['missing-close-brace', 5],
      ],
    );
    assert.strictEqual(config.loadError?.code, 'missing-close-bracket');
    assert.strictEqual(lookupConfigValue(config, null, 'ok'), '1');
  });

  it('warns about an unclosed quote and an escaped blank that OpenSSL drops', () => {
    const config = parseOpensslConfig(text("O = Bob's # comment", 'CN = abc\\ '));
    assert.strictEqual(lookupConfigValue(config, null, 'O'), 'Bobs # comment');
    assert.strictEqual(lookupConfigValue(config, null, 'CN'), 'abc');
    assert.deepStrictEqual(
      config.findings.map((f) => [f.code, f.line, f.column]),
      [
        ['unclosed-quote', 1, 8],
        ['escaped-whitespace-lost', 2, 9],
      ],
    );
  });

  it('skips a byte order mark in the main text without shifting columns', () => {
    const config = parseOpensslConfig('\ufeffa = 1\n');
    assert.deepStrictEqual(config.entries[0].nameRange, { line: 1, column: 2, endLine: 1, endColumn: 3 });
  });

  it('follows .include through the callback and anchors included findings on the .include line', () => {
    const files: Record<string, string> = { 'inc/a.cnf': text('[ dn ]', 'CN = x', 'broken line') };
    const config = parseOpensslConfig(text('[ req ]', '.include inc/a.cnf', 'O = after'), {
      readInclude: (p) => files[p],
    });
    assert.deepStrictEqual(
      findConfigSection(config, 'dn')?.entries.map((e) => e.name),
      ['CN', 'O'],
      'the section carries on after the include',
    );
    const cn = entry(config, 'dn', 'CN');
    assert.strictEqual(cn.file, 'inc/a.cnf');
    assert.deepStrictEqual(cn.includedFrom, { line: 2, column: 1, endLine: 2, endColumn: 19 });
    const finding = config.findings.find((f) => f.code === 'missing-equal-sign');
    assert.strictEqual(finding?.line, 2);
    assert.strictEqual(finding?.data?.file, 'inc/a.cnf');
    assert.strictEqual(finding?.data?.fileLine, 3);
    assert.strictEqual(finding?.data?.opensslLine, 5);
    assert.deepStrictEqual(config.directives[0], {
      kind: 'include',
      path: 'inc/a.cnf',
      pathLabel: 'inc/a.cnf',
      outcome: 'file',
      files: ['inc/a.cnf'],
      range: { line: 2, column: 1, endLine: 2, endColumn: 19 },
      pathRange: { line: 2, column: 10, endLine: 2, endColumn: 19 },
    });
  });

  it('reads an included directory in the listed order, .cnf and .conf only', () => {
    const files: Record<string, string> = {
      'd/b.cnf': 'x = b\n',
      'd/a.conf': 'x = a\n',
      'd/c.txt': 'x = c\n',
      'd/D.CNF': 'y = D\n',
    };
    const config = parseOpensslConfig('.include d\n', {
      readInclude: (p) => files[p],
      listIncludeDirectory: (p) => (p === 'd' ? ['b.cnf', 'c.txt', 'D.CNF', 'a.conf'] : undefined),
    });
    assert.strictEqual(lookupConfigValue(config, null, 'x'), 'a');
    assert.deepStrictEqual(config.directives[0].kind === 'include' && config.directives[0].files, [
      'd/b.cnf',
      'd/D.CNF',
      'd/a.conf',
    ]);
  });

  it('applies includedir, OPENSSL_CONF_INCLUDE and abspath', () => {
    const seen: string[] = [];
    const readInclude = (p: string) => {
      seen.push(p);
      return '';
    };
    parseOpensslConfig(text('.pragma includedir:/etc/ssl/', '.include a.cnf', '.include /abs/b.cnf'), { readInclude });
    parseOpensslConfig(text('.pragma includedir:/etc/ssl', '.include c.cnf'), {
      readInclude,
      env: { OPENSSL_CONF_INCLUDE: '/from/env' },
    });
    assert.deepStrictEqual(seen, ['/etc/ssl/a.cnf', '/abs/b.cnf', '/from/env/c.cnf']);
    const refused = parseOpensslConfig(text('.pragma abspath:true', '.include rel.cnf'), { readInclude });
    assert.strictEqual(refused.loadError?.code, 'relative-include-path');
  });

  it('reports a missing include as a warning and an unread one as info', () => {
    assert.deepStrictEqual(
      parseOpensslConfig('.include nope.cnf\n', { readInclude: () => undefined }).findings.map((f) => [
        f.severity,
        f.code,
      ]),
      [['warning', 'include-not-found']],
    );
    assert.deepStrictEqual(
      parseOpensslConfig('.include nope.cnf\n').findings.map((f) => [f.severity, f.code]),
      [['info', 'include-not-followed']],
    );
  });

  it('understands .pragma dollarid', () => {
    const config = parseOpensslConfig(text('.pragma dollarid:on', 'a$b = 1', 'c = x$y ${a$b}'));
    assert.strictEqual(lookupConfigValue(config, null, 'c'), 'x$y 1');
    assert.deepStrictEqual(
      config.directives.map((d) => d.kind === 'pragma' && [d.key, d.value]),
      [['dollarid', 'on']],
    );
  });

  it('assigns section::name into that section and creates it', () => {
    const config = parseOpensslConfig(text('[ a ]', 'other::x = 1', 'y = 2'));
    assert.strictEqual(entry(config, 'other', 'x').explicitSection, true);
    assert.strictEqual(entry(config, 'a', 'y').value, '2');
    assert.deepStrictEqual(findConfigSection(config, 'other')?.headers, []);
  });
});
