import * as assert from 'assert';
import { CoreError } from '../../../src/core/errors';
import { DocumentError, isDocumentError } from '../../../src/core/json/documentError';
import {
  emptyRotationFile,
  openRotationFor,
  parseRotationFile,
  RotationFile,
  serializeRotationFile,
  startRotation,
  updateRotation,
} from '../../../src/core/rotation/rotationRecord';
import { certificate, ROOT } from './builders';

const NOW = new Date('2025-03-02T09:30:00.000Z');
const old = certificate('program-a');

function started(): RotationFile {
  return startRotation(emptyRotationFile(), old, `${ROOT}/certs/program-a.key`, NOW, { workspaceRoot: ROOT }).file;
}

function refusal(code: string, check: (e: DocumentError) => void = () => undefined) {
  return (e: unknown) => {
    assert.ok(e instanceof CoreError, String(e));
    assert.strictEqual(e.code, code, e.message);
    if (isDocumentError(e)) check(e);
    return true;
  };
}

describe('rotation record', () => {
  it('starts a rotation from a certificate: deterministic id, workspace-relative paths, nothing secret', () => {
    const { file, rotation } = startRotation(emptyRotationFile(), old, `${ROOT}/certs/program-a.key`, NOW, {
      workspaceRoot: ROOT,
    });
    assert.deepStrictEqual(rotation, {
      id: 'program-a-2025-03-02',
      startedAt: '2025-03-02T09:30:00.000Z',
      old: {
        certificatePath: 'certs/program-a.crt',
        fingerprintSha256: old.fingerprintSha256,
        subject: 'C = GB, O = Axys Test, OU = Payments, CN = program-a',
        serialNumber: old.serialNumber,
        notAfter: old.notAfter,
        publicKeySha256: old.publicKeySha256,
        keyPath: 'certs/program-a.key',
      },
      manual: {},
    });
    assert.deepStrictEqual(file.rotations, [rotation]);
    assert.ok(!serializeRotationFile(file).includes('BEGIN'));
  });

  it('refuses a second open rotation for the same certificate, and allows one once the first is completed', () => {
    const file = started();
    assert.throws(() => startRotation(file, old, undefined, NOW), refusal('rotation-exists'));
    const done = updateRotation(file, 'program-a-2025-03-02', { completedAt: NOW.toISOString() });
    const again = startRotation(done, old, undefined, NOW);
    assert.strictEqual(again.rotation.id, 'program-a-2025-03-02-2');
    assert.strictEqual(again.rotation.old.keyPath, undefined);
    assert.strictEqual(openRotationFor(again.file, old.fingerprintSha256.toLowerCase())?.id, 'program-a-2025-03-02-2');
  });

  it('serializes stably (fixed key order, two spaces, trailing newline) and parses back what it wrote', () => {
    const file = updateRotation(started(), 'program-a-2025-03-02', {
      new: { keyPath: 'certs/program-a-new.key', fingerprintSha256: old.fingerprintSha256 },
      manual: { reminderReceived: '2025-03-02T08:00:00.000Z' },
      overlapDeadline: '2025-03-20T00:00:00Z',
    });
    const text = serializeRotationFile(file);
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.ok(
      text.startsWith(
        '{\n  "version": 1,\n  "rotations": [\n    {\n      "id": "program-a-2025-03-02",\n      "startedAt"',
      ),
    );
    assert.deepStrictEqual(parseRotationFile(text), file);
    // Key order in memory does not leak into the file.
    const shuffled = {
      rotations: file.rotations.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r),
      version: 1 as const,
    };
    assert.strictEqual(serializeRotationFile(shuffled), text);
    assert.ok(
      text.indexOf('"overlapDeadline"') < text.indexOf('"manual"') && text.indexOf('"manual"') < text.indexOf('"new"'),
    );
  });

  it('updates immutably: ticks, unticks with null, merges new material, refuses unknown ids and bad dates', () => {
    const file = started();
    const id = file.rotations[0].id;
    const ticked = updateRotation(file, id, {
      manual: { csrSubmitted: NOW.toISOString() },
      new: { csrPath: 'certs/new.csr' },
    });
    assert.deepStrictEqual(file.rotations[0].manual, {});
    assert.strictEqual(ticked.rotations[0].manual.csrSubmitted, NOW.toISOString());
    const merged = updateRotation(ticked, id, { new: { keyPath: 'certs/new.key' } });
    assert.deepStrictEqual(merged.rotations[0].new, { csrPath: 'certs/new.csr', keyPath: 'certs/new.key' });
    const unticked = updateRotation(merged, id, {
      manual: { csrSubmitted: null },
      new: { csrPath: null, keyPath: null },
    });
    assert.deepStrictEqual(unticked.rotations[0].manual, {});
    assert.strictEqual(unticked.rotations[0].new, undefined);
    assert.throws(() => updateRotation(file, 'nope', {}), refusal('rotation-not-found'));
    assert.throws(
      () => updateRotation(file, id, { retiredAt: 'yesterday' }),
      refusal('rotation-file-invalid', (e) => {
        assert.strictEqual(e.pointer, '/retiredAt');
        assert.strictEqual(e.line, undefined);
      }),
    );
  });

  it('locates JSON syntax errors by line and column', () => {
    const cases: Array<[string, number, number, RegExp]> = [
      ['{\n  "version": 1,\n  "rotations": [,]\n}', 3, 17, /expected a value, found ','/],
      ['{\n  "version": 1,\n  "rotations": [],\n}\n', 4, 1, /trailing comma before }/],
      ['{ "version": 1, "rotations": [] } x', 1, 35, /unexpected 'x' after the end/],
      ['{ "version": 1, "version": 1, "rotations": [] }', 1, 17, /duplicate property "version"/],
      ['{\r\n  "version": "1\n', 2, 16, /line break inside a string/],
      ['', 1, 1, /expected a value, found end of input/],
    ];
    for (const [text, line, column, message] of cases) {
      assert.throws(
        () => parseRotationFile(text),
        refusal('rotation-file-invalid', (e) => {
          assert.deepStrictEqual([e.line, e.column], [line, column], `${JSON.stringify(text)}: ${e.message}`);
          assert.match(e.message, message);
        }),
      );
    }
  });

  it('locates schema violations by pointer, line and column, and lists every problem', () => {
    const file = JSON.parse(serializeRotationFile(started())) as { rotations: Array<Record<string, unknown>> };
    const rotation = file.rotations[0] as { old: Record<string, unknown>; [k: string]: unknown };
    rotation.old.fingerprintSha256 = 'AB:CD';
    rotation.surprise = true;
    delete rotation.startedAt;
    const text = JSON.stringify(file, null, 2);
    assert.throws(
      () => parseRotationFile(text),
      refusal('rotation-file-invalid', (e) => {
        assert.deepStrictEqual(
          e.problems.map((p) => [p.pointer, p.line]),
          [
            ['/rotations/0', 4],
            ['/rotations/0/old/fingerprintSha256', 8],
            ['/rotations/0/surprise', 16],
          ],
        );
        assert.match(e.problems[0].message, /missing required property "startedAt"/);
        assert.match(e.problems[1].message, /"AB:CD" is not a SHA-256 fingerprint/);
        assert.match(e.problems[2].message, /unknown property "surprise"/);
        assert.strictEqual(e.problems[2].column, 7); // at the key, where the typo is
        assert.match(
          e.message,
          /^rotation record at line 4, column 5 \(\/rotations\/0\): missing required property "startedAt" \(\+2 more\)$/,
        );
      }),
    );
  });

  it('refuses duplicate rotation ids and a wrong version', () => {
    const file = started();
    const twice = serializeRotationFile({ ...file, rotations: [...file.rotations, file.rotations[0]] });
    assert.throws(
      () => parseRotationFile(twice),
      refusal('rotation-file-invalid', (e) => {
        assert.strictEqual(e.pointer, '/rotations/1/id');
        assert.match(e.message, /duplicate rotation id/);
        assert.ok(e.line !== undefined && e.line > 10);
      }),
    );
    assert.throws(
      () => parseRotationFile('{"version":2,"rotations":[]}'),
      refusal('rotation-file-invalid', (e) => assert.match(e.message, /must be 1, not 2/)),
    );
  });
});
