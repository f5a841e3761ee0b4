import * as assert from 'assert';
import { findReferences, ReferenceMatch } from '../../../src/core/rotation/findReferences';
import { hex64 } from './builders';

const ROOT = '/home/dev/project';
const FINGERPRINT = '3F:2A:9C:01:5B:7E:D4:11:80:AA:0C:9E:21:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const SPKI = hex64('old-spki');
const targets = {
  paths: [`${ROOT}/certs/program-a.crt`, 'certs/program-a.key'],
  fingerprints: [FINGERPRINT, SPKI],
  workspaceRoot: ROOT,
};

function matches(
  text: string,
  t: Parameters<typeof findReferences>[1] = targets,
): Array<Pick<ReferenceMatch, 'line' | 'column' | 'match' | 'kind'>> {
  return findReferences([{ path: `${ROOT}/deploy/app.yaml`, text }], t).map(({ line, column, match, kind }) => ({
    line,
    column,
    match,
    kind,
  }));
}

describe('findReferences', () => {
  it('finds absolute, workspace-relative and ./ or ${workspaceFolder} paths, with 1-based lines and columns', () => {
    const text = [
      'tls:',
      `  cert: ${ROOT}/certs/program-a.crt`,
      '  key: "certs/program-a.key"',
      '  also: ./certs/program-a.key',
      '  vscode: ${workspaceFolder}/certs/program-a.crt',
    ].join('\r\n');
    assert.deepStrictEqual(matches(text), [
      { line: 2, column: 9, match: `${ROOT}/certs/program-a.crt`, kind: 'path' },
      { line: 3, column: 9, match: 'certs/program-a.key', kind: 'path' },
      { line: 4, column: 9, match: './certs/program-a.key', kind: 'path' },
      { line: 5, column: 11, match: '${workspaceFolder}/certs/program-a.crt', kind: 'path' },
    ]);
  });

  it('finds file names where they stand as a path, and not inside other names', () => {
    const text = [
      'ssl_certificate_key ../../certs/program-a.key;',
      'curl --cert program-a.crt --key program-a.key https://api.example',
      'old: program-a.key.bak other-program-a.key program-a.keys my.program-a.key',
      'Delete program-a.key.',
    ].join('\n');
    assert.deepStrictEqual(
      matches(text).map((m) => [m.line, m.column, m.match, m.kind]),
      [
        [1, 33, 'program-a.key', 'basename'],
        [2, 13, 'program-a.crt', 'basename'],
        [2, 33, 'program-a.key', 'basename'],
        [4, 8, 'program-a.key', 'basename'],
      ],
    );
  });

  it('does not take a relative path that is the tail of another path', () => {
    assert.deepStrictEqual(
      matches('key: /srv/other/certs/program-a.key').map((m) => [m.match, m.kind]),
      [['program-a.key', 'basename']],
    );
  });

  it('finds Windows paths with either separator, escaped in JSON, in any case', () => {
    const t = {
      paths: ['C:\\Users\\dev\\project\\certs\\program-a.key'],
      fingerprints: [],
      workspaceRoot: 'c:\\Users\\dev\\project',
    };
    const text = [
      '{ "key": "C:\\\\Users\\\\dev\\\\project\\\\certs\\\\program-a.key" }',
      'key=c:/users/dev/project/certs/program-a.key',
      'rel=certs\\program-a.key',
    ].join('\n');
    assert.deepStrictEqual(
      matches(text, t).map((m) => [m.line, m.match, m.kind]),
      [
        [1, 'C:\\\\Users\\\\dev\\\\project\\\\certs\\\\program-a.key', 'path'],
        [2, 'c:/users/dev/project/certs/program-a.key', 'path'],
        [3, 'certs\\program-a.key', 'path'],
      ],
    );
  });

  it('finds fingerprints as AA:BB:…, plain hex of any case, 0x-prefixed, and base64 pins', () => {
    const plain = FINGERPRINT.replace(/:/g, '');
    const pin = Buffer.from(SPKI, 'hex').toString('base64');
    const text = [
      `fingerprint: ${FINGERPRINT.toLowerCase()}`,
      `sha256=${plain}`,
      `spki: ${SPKI.toUpperCase()} id 0x${plain.toLowerCase()}`,
      `curl --pinnedpubkey "sha256//${pin}"`,
      `not it: ${plain}00 ab${plain} ${FINGERPRINT}:00`,
    ].join('\n');
    assert.deepStrictEqual(
      matches(text).map((m) => [m.line, m.column, m.kind]),
      [
        [1, 14, 'fingerprint'],
        [2, 8, 'fingerprint'],
        [3, 7, 'fingerprint'],
        [3, 77, 'fingerprint'],
        [4, 30, 'fingerprint'],
      ],
    );
  });

  it('skips the target files themselves, the rotation record and the register', () => {
    const files = [
      { path: `${ROOT}/certs/program-a.key`, text: 'certs/program-a.key' },
      {
        path: `${ROOT}/.vscode/mtls-rotation.json`,
        text: `"certificatePath": "certs/program-a.crt", "fp": "${FINGERPRINT}"`,
      },
      { path: `${ROOT}/certificate-register.json`, text: `"fingerprintSha256": "${FINGERPRINT}"` },
      { path: `${ROOT}/README.md`, text: 'Rotate `certs/program-a.crt`.' },
    ];
    assert.deepStrictEqual(
      findReferences(files, targets).map((m) => `${m.path}:${m.line}:${m.column}`),
      [`${ROOT}/README.md:1:9`],
    );
    const custom = findReferences(files, { ...targets, ignorePaths: ['README.md'] }).map((m) => m.path);
    assert.deepStrictEqual(custom, [
      `${ROOT}/.vscode/mtls-rotation.json`,
      `${ROOT}/.vscode/mtls-rotation.json`,
      `${ROOT}/certificate-register.json`,
    ]);
  });

  it('reports each place once, by its longest reading, and names the target', () => {
    const [m] = findReferences([{ path: '/x/a.conf', text: `key=${ROOT}/certs/program-a.key` }], targets);
    assert.deepStrictEqual([m.match, m.kind, m.target], [`${ROOT}/certs/program-a.key`, 'path', 'certs/program-a.key']);
    assert.deepStrictEqual(findReferences([{ path: '/x/empty', text: '' }], targets), []);
  });

  it('works without a workspace root, from absolute target paths', () => {
    const t = { paths: ['/etc/ssl/old.key'], fingerprints: [] };
    const found = findReferences(
      [
        { path: '/srv/app.conf', text: 'a /etc/ssl/old.key b /mnt/etc/ssl/old.key' },
        { path: '/srv/.vscode/mtls-rotation.json', text: '/etc/ssl/old.key' },
      ],
      t,
    );
    assert.deepStrictEqual(
      found.map((m) => [m.column, m.kind]),
      [
        [3, 'path'],
        [35, 'basename'],
      ],
    );
  });
});
