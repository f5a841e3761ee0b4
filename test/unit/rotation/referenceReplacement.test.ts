import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findReferences } from '../../../src/core/rotation/findReferences';
import { planReferenceReplacement, ReplacementPlan } from '../../../src/core/rotation/referenceReplacement';
import { applyTextEdits } from '../../../src/core/text/applyTextEdits';
import { tempDir } from '../../support/openssl';

const FINGERPRINT = '3F:2A:9C:01:5B:7E:D4:11:80:AA:0C:9E:21:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

/** A workspace on disk: the old and new pair under certs/ (the new one in `newDir`), and the given service files. */
function workspace(files: Record<string, string>, newDir = 'certs'): { root: string; paths: Record<string, string> } {
  const root = fs.realpathSync(tempDir('mtls-replace-'));
  const paths: Record<string, string> = {
    oldCert: path.join(root, 'certs', 'program-a.crt'),
    oldKey: path.join(root, 'certs', 'program-a.key'),
    newCert: path.join(root, newDir, 'program-a-2027.crt'),
    newKey: path.join(root, newDir, 'program-a-2027.key'),
  };
  for (const file of Object.values(paths)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not read by the planner\n');
  }
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return { root, paths };
}

/** Finds, plans and writes the replacement as the adapter does, and returns the plan and every file's new text. */
function replaceIn(
  ws: ReturnType<typeof workspace>,
  names: string[],
): { plan: ReplacementPlan; after: Record<string, string> } {
  const files = names.map((name) => ({
    path: path.join(ws.root, name),
    text: fs.readFileSync(path.join(ws.root, name), 'utf8'),
  }));
  const { oldCert, oldKey, newCert, newKey } = ws.paths;
  const matches = findReferences(files, {
    paths: [oldCert, oldKey],
    fingerprints: [FINGERPRINT],
    workspaceRoot: ws.root,
  });
  const plan = planReferenceReplacement(
    files,
    matches,
    [
      { from: oldCert, to: newCert },
      { from: oldKey, to: newKey },
    ],
    ws.root,
  );
  const after: Record<string, string> = {};
  for (const file of files) {
    const edits = plan.edits.filter((e) => e.path === file.path);
    fs.writeFileSync(file.path, applyTextEdits(file.text, edits));
    after[path.relative(ws.root, file.path)] = fs.readFileSync(file.path, 'utf8');
  }
  return { plan, after };
}

describe('planReferenceReplacement', () => {
  it('replaces absolute and workspace-relative paths in the form they are written', () => {
    const ws = workspace({});
    const abs = ws.root;
    fs.writeFileSync(
      path.join(abs, 'deploy.yaml'),
      [
        'tls:',
        `  cert: ${abs}/certs/program-a.crt`,
        '  key: "certs/program-a.key"',
        '  again: ./certs/program-a.key',
        '  vscode: ${workspaceFolder}/certs/program-a.crt',
        '  windows: certs\\program-a.crt',
      ].join('\r\n'),
    );
    const { plan, after } = replaceIn(ws, ['deploy.yaml']);
    assert.deepStrictEqual(plan.kept, []);
    assert.strictEqual(
      after['deploy.yaml'],
      [
        'tls:',
        `  cert: ${abs}/certs/program-a-2027.crt`,
        '  key: "certs/program-a-2027.key"',
        '  again: ./certs/program-a-2027.key',
        '  vscode: ${workspaceFolder}/certs/program-a-2027.crt',
        '  windows: certs\\program-a-2027.crt',
      ].join('\r\n'),
    );
  });

  it('keeps paths relative to the referring file relative to it, and file names alone when the folder stays', () => {
    const ws = workspace({
      'services/api/nginx.conf':
        'ssl_certificate ../../certs/program-a.crt;\nssl_certificate_key ../../certs/program-a.key;\n',
      'certs/Makefile.txt': 'check:\n\topenssl x509 -in ./program-a.crt -noout\n',
      'scripts/call.sh': 'cd certs && curl --cert program-a.crt --key program-a.key https://api.example\n',
    });
    const { plan, after } = replaceIn(ws, ['services/api/nginx.conf', 'certs/Makefile.txt', 'scripts/call.sh']);
    assert.deepStrictEqual(plan.kept, []);
    assert.strictEqual(
      after['services/api/nginx.conf'],
      'ssl_certificate ../../certs/program-a-2027.crt;\nssl_certificate_key ../../certs/program-a-2027.key;\n',
    );
    assert.strictEqual(after['certs/Makefile.txt'], 'check:\n\topenssl x509 -in ./program-a-2027.crt -noout\n');
    assert.strictEqual(
      after['scripts/call.sh'],
      'cd certs && curl --cert program-a-2027.crt --key program-a-2027.key https://api.example\n',
    );
  });

  it('follows the new pair into another folder where the path can be read, and keeps what it cannot tell', () => {
    const ws = workspace(
      {
        'services/app.yaml': 'cert: ../certs/program-a.crt\nkey: certs/program-a.key\n',
        'Dockerfile.txt': 'COPY certs/program-a.crt /etc/ssl/program-a.crt\nRUN chmod 600 /etc/ssl/program-a.key\n',
        'run.sh': 'curl --cert "$CERT_DIR/program-a.crt" --key program-a.key\n',
      },
      'certs/2027',
    );
    const { plan, after } = replaceIn(ws, ['services/app.yaml', 'Dockerfile.txt', 'run.sh']);
    assert.strictEqual(
      after['services/app.yaml'],
      'cert: ../certs/2027/program-a-2027.crt\nkey: certs/2027/program-a-2027.key\n',
    );
    // The server's /etc/ssl files are other files of the same name: the Dockerfile's source path alone changes.
    assert.strictEqual(
      after['Dockerfile.txt'],
      'COPY certs/2027/program-a-2027.crt /etc/ssl/program-a.crt\nRUN chmod 600 /etc/ssl/program-a.key\n',
    );
    assert.strictEqual(after['run.sh'], 'curl --cert "$CERT_DIR/program-a.crt" --key program-a.key\n');
    assert.deepStrictEqual(
      plan.kept.map((k) => [
        path.basename(k.match.path),
        k.match.line,
        k.match.match,
        k.reason.split(' ').slice(0, 3).join(' '),
      ]),
      [
        ['Dockerfile.txt', 1, 'program-a.crt', '/etc/ssl/program-a.crt is another'],
        ['Dockerfile.txt', 2, 'program-a.key', '/etc/ssl/program-a.key is another'],
        ['run.sh', 1, 'program-a.crt', 'its folder comes'],
        ['run.sh', 1, 'program-a.key', 'it names the'],
      ],
    );
  });

  it('keeps pinned fingerprints and references whose file changed since the search', () => {
    const ws = workspace({
      'pins.json': `{ "pin": "${FINGERPRINT}", "cert": "certs/program-a.crt" }\n`,
    });
    const file = path.join(ws.root, 'pins.json');
    const text = fs.readFileSync(file, 'utf8');
    const matches = findReferences([{ path: file, text }], {
      paths: [ws.paths.oldCert],
      fingerprints: [FINGERPRINT],
      workspaceRoot: ws.root,
    });
    assert.deepStrictEqual(
      matches.map((m) => m.kind),
      ['fingerprint', 'path'],
    );
    const replacements = [{ from: ws.paths.oldCert, to: ws.paths.newCert }];
    const plan = planReferenceReplacement([{ path: file, text }], matches, replacements, ws.root);
    assert.deepStrictEqual(
      plan.edits.map((e) => e.newText),
      ['certs/program-a-2027.crt'],
    );
    assert.match(plan.kept[0].reason, /fingerprint/);
    // Edited in the meantime (every later offset moved): the planner never writes over text it did not find.
    const edited = text.replace('"pin"', '"pinned"');
    const stale = planReferenceReplacement([{ path: file, text: edited }], matches, replacements, ws.root);
    assert.deepStrictEqual(stale.edits, []);
    assert.deepStrictEqual(
      stale.kept.map((k) => k.reason),
      ['the file changed since the search; search again', 'the file changed since the search; search again'],
    );
  });

  it('keeps key references when the rotation has no new key, and replaces Windows paths with their drive and escapes', () => {
    const root = 'C:/repos/project';
    const text = [
      'cert = C:\\repos\\project\\certs\\program-a.crt',
      '"key": "c:\\\\repos\\\\project\\\\certs\\\\program-a.key"',
    ].join('\n');
    const file = `${root}/conf/app.ini`;
    const matches = findReferences([{ path: file, text }], {
      paths: [`${root}/certs/program-a.crt`, `${root}/certs/program-a.key`],
      fingerprints: [],
      workspaceRoot: root,
    });
    const withKey = planReferenceReplacement(
      [{ path: file, text }],
      matches,
      [
        { from: 'certs/program-a.crt', to: 'certs/new/program-a.crt' },
        { from: 'certs/program-a.key', to: 'certs/new/program-a.key' },
      ],
      root,
    );
    assert.strictEqual(
      applyTextEdits(text, withKey.edits),
      [
        'cert = C:\\repos\\project\\certs\\new\\program-a.crt',
        '"key": "c:\\\\repos\\\\project\\\\certs\\\\new\\\\program-a.key"',
      ].join('\n'),
    );
    const certOnly = planReferenceReplacement(
      [{ path: file, text }],
      matches,
      [{ from: 'certs/program-a.crt', to: 'certs/new/program-a.crt' }],
      root,
    );
    assert.deepStrictEqual(
      certOnly.edits.map((e) => e.match.line),
      [1],
    );
    assert.deepStrictEqual(
      certOnly.kept.map((k) => [k.match.line, k.reason]),
      [[2, 'the rotation has no new file for it yet']],
    );
  });
});
