// Fuzzing the certificate register and rotation record readers: arbitrary text, mutations of valid files, JSON with
// random structure, and documents shaped like the register with fields of the wrong type. A reader returns the
// document or throws a located DocumentError with its own code; JSON.parse is the oracle for the syntax, and
// every field of the wrong type is reported at its own pointer.
import * as assert from 'assert';
import fc from 'fast-check';
import { CoreErrorCode } from '../../../src/core/errors';
import { DocumentError } from '../../../src/core/json/documentError';
import { parseJsonDocument } from '../../../src/core/json/parseJsonDocument';
import { parseRegister, RegisterFile, serializeRegister } from '../../../src/core/rotation/register';
import { parseRotationFile } from '../../../src/core/rotation/rotationRecord';
import { expectTyped, fuzz, SUITE_TIMEOUT_MS, timed } from '../../support/fuzzing';
import { JSON_ALPHABET, mutatedText } from '../../support/fuzzMutations';

/** The reader's outcome; a refusal must be a DocumentError with `code`, located inside `text`. */
function read<T>(
  label: string,
  text: string,
  parse: (t: string) => T,
  code: CoreErrorCode,
): { value?: T; error?: DocumentError } {
  const { value, error } = expectTyped(label, text, () => parse(text), [code]);
  if (!error) return { value };
  assert.ok(error instanceof DocumentError, `${label} threw a ${error.constructor.name}, not a DocumentError`);
  assert.ok(error.problems.length > 0);
  const lines = text.split(/\r\n|\r|\n/);
  for (const problem of error.problems) {
    assert.strictEqual(typeof problem.pointer, 'string');
    assert.ok(problem.pointer === '' || problem.pointer.startsWith('/'), `pointer ${problem.pointer}`);
    assert.ok(problem.message.length > 0);
    if (problem.line === undefined) continue;
    assert.ok(problem.line >= 1 && problem.line <= lines.length, `line ${problem.line} of ${lines.length}`);
    const width = lines[problem.line - 1].length + (problem.line === 1 && text.startsWith('\ufeff') ? 0 : 1);
    assert.ok(
      problem.column !== undefined && problem.column >= 1 && problem.column <= width + 1,
      `column ${problem.column} of a ${width}-character line`,
    );
  }
  return { error };
}

const VALID_REGISTER = `{
  "$schema": "./schemas/certificate-register.schema.json",
  "version": 1,
  "certificates": [
    {
      "name": "program-a",
      "subject": "C = DE, O = Test Org, OU = Payments, CN = rsa-client",
      "subjectAltNames": ["DNS:client.example", "IP:10.0.0.1", "email:ops@example.com"],
      "serialNumber": "0A1B2C",
      "fingerprintSha256": "${Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':')}",
      "issuedAt": "2025-01-01T00:00:00.000Z",
      "expiresAt": "2030-01-01T00:00:00Z",
      "replaces": { "fingerprintSha256": "${Array(32).fill('AB').join(':')}", "serialNumber": "01", "replacedAt": "2029-12-01T10:00:00+01:00" },
      "oldKeyRetiredAt": "2029-12-02T00:00:00.5Z",
      "notes": "\\u00e9 \\"quoted\\" \\\\ \\n"
    }
  ]
}
`;

const VALID_ROTATIONS = `{
  "version": 1,
  "rotations": [
    {
      "id": "program-a-2029",
      "startedAt": "2029-12-01T00:00:00.000Z",
      "old": {
        "certificatePath": "certs/program-a.crt",
        "fingerprintSha256": "${Array(32).fill('CD').join(':')}",
        "subject": "O = Test, CN = a",
        "serialNumber": "0F",
        "notAfter": "2030-01-01T00:00:00.000Z",
        "publicKeySha256": "${'ab'.repeat(32)}",
        "keyPath": "certs/program-a.key"
      },
      "manual": { "reminderReceived": "2029-12-01T00:00:00.000Z" },
      "new": { "keyPath": "certs/program-a-new.key", "csrPath": "certs/program-a-new.csr" }
    }
  ]
}
`;

// ---------------------------------------------------------------------------------------------------------------
// Register-shaped documents: each field valid, or of the wrong type, or a wrong value of the right type.

const HEX_PAIR = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, '0'));
const validField: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => [...s].length >= 1),
  subject: fc.string({ maxLength: 40 }),
  subjectAltNames: fc.array(
    fc
      .tuple(fc.constantFrom('DNS', 'IP', 'email', 'URI', 'otherName', 'dirName', 'RID'), fc.string({ maxLength: 10 }))
      .map(([t, v]) => `${t}:${v}`),
    { maxLength: 3 },
  ),
  serialNumber: fc.stringMatching(/^[0-9A-Fa-f]{1,20}$/),
  fingerprintSha256: fc.array(HEX_PAIR, { minLength: 32, maxLength: 32 }).map((p) => p.join(':')),
  issuedAt: fc
    .date({ min: new Date('1950-01-01'), max: new Date('9999-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  expiresAt: fc.constantFrom(
    '2030-01-01T00:00:00Z',
    '2030-12-31T23:59:59.123456789+14:00',
    '2030-02-29T00:00:00-23:59',
  ),
  notes: fc.string({ maxLength: 30 }),
};
const invalidField: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.constantFrom('', 0, null, [], {}, true),
  subject: fc.constantFrom(1, null, ['O = x'], {}, false),
  subjectAltNames: fc.constantFrom('DNS:a', null, [1], ['dns:a'], ['DNS'], [null], {}),
  serialNumber: fc.constantFrom('', 'xyz', '0x1F', 31, null, ['01'], '-01'),
  fingerprintSha256: fc.constantFrom(
    '',
    'AB',
    Array(31).fill('AB').join(':'),
    Array(32).fill('ab').join('-'),
    42,
    null,
  ),
  issuedAt: fc.constantFrom(
    '2030-01-01',
    '2030-13-01T00:00:00Z',
    '2030-01-01T24:00:00Z',
    '2030-01-01T00:00:00',
    0,
    null,
    'yesterday',
  ),
  expiresAt: fc.constantFrom('2030-01-01 00:00:00Z', '2030-01-32T00:00:00Z', '', 1893456000000, {}),
  notes: fc.constantFrom(1, null, [], {}),
};

interface Shaped {
  document: unknown;
  /** Pointers at which a problem must be reported. */
  invalid: string[];
}

const entryArb: fc.Arbitrary<{ entry: Record<string, unknown>; invalid: string[] }> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(validField)), fc.nat({ max: 9 })), { maxLength: 3 }),
    fc.record(validField),
    fc.record(invalidField),
    fc.option(fc.constantFrom('extra', '__proto__', 'constructor', 'Name'), { freq: 5 }),
    fc.option(fc.constantFrom('name', 'subject', 'serialNumber'), { freq: 6 }),
  )
  .map(([corrupt, good, bad, extra, drop]) => {
    const entry: Record<string, unknown> = {};
    const invalid: string[] = [];
    for (const key of Object.keys(validField)) entry[key] = good[key];
    for (const [key] of corrupt) {
      entry[key] = bad[key];
      invalid.push(`/${key}`);
    }
    if (extra !== null) {
      Object.defineProperty(entry, extra, { value: 1, enumerable: true, writable: true, configurable: true });
      invalid.push(`/${extra}`);
    }
    if (drop !== null) {
      delete entry[drop];
      invalid.push('');
    }
    return { entry, invalid: [...new Set(invalid)].filter((p) => p !== `/${drop}`) };
  });

const registerArb: fc.Arbitrary<Shaped> = fc
  .tuple(
    fc.array(entryArb, { maxLength: 3 }),
    fc.constantFrom<unknown>(1, 1, 1, 2, '1', null, 1.5),
    fc.constantFrom('array', 'array', 'array', 'object', 'string', 'missing'),
  )
  .map(([entries, version, certificatesShape]) => {
    const invalid: string[] = [];
    const document: Record<string, unknown> = { version };
    if (version !== 1) invalid.push('/version');
    if (certificatesShape === 'array') {
      document.certificates = entries.map((e) => e.entry);
      entries.forEach((e, i) => invalid.push(...e.invalid.map((p) => `/certificates/${i}${p}`)));
    } else if (certificatesShape === 'missing') {
      invalid.push('');
    } else {
      document.certificates = certificatesShape === 'object' ? {} : 'none';
      invalid.push('/certificates');
    }
    return { document, invalid };
  });

describe('fuzz: register and rotation record JSON', function () {
  this.timeout(SUITE_TIMEOUT_MS);

  it('parseJsonDocument agrees with JSON.parse on the syntax (duplicate keys aside)', () => {
    const jsonish = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 3 }).chain((v) => mutatedText(JSON.stringify(v, null, 2), JSON_ALPHABET)),
    );
    fuzz(
      'json syntax vs JSON.parse',
      [jsonish],
      (text) => {
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(text.replace(/^\ufeff/, ''));
        } catch {
          valid = false;
        }
        const { value, error } = expectTyped(
          'parseJsonDocument',
          text,
          () => parseJsonDocument(text, 'register-invalid', 'document'),
          ['register-invalid'],
        );
        if (!valid) {
          assert.ok(error, 'JSON.parse refuses it, so must the reader');
          return;
        }
        if (error) {
          // The reader refuses duplicate keys, which JSON.parse silently resolves.
          assert.match(
            error.message,
            /duplicate property/,
            `JSON.parse accepts ${JSON.stringify(text)}: ${error.message}`,
          );
          return;
        }
        assert.deepStrictEqual(value?.value, expected);
      },
      { weight: 5 },
    );
  });

  it('deep nesting is refused, not a stack overflow', () => {
    for (const depth of [258, 1000, 100_000]) {
      for (const text of [
        '['.repeat(depth) + ']'.repeat(depth),
        '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        '['.repeat(depth),
      ]) {
        const { error } = read('parseRegister', text, parseRegister, 'register-invalid');
        assert.ok(error);
        assert.match(error.message, /nested more than 256 levels/);
      }
    }
  });

  it('parseRegister: arbitrary text', () => {
    fuzz(
      'parseRegister arbitrary',
      [
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ maxLength: 200, unit: 'binary' }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
      ],
      (text) => {
        read('parseRegister', text, parseRegister, 'register-invalid');
      },
      { weight: 3 },
    );
  });

  it('parseRegister: mutations of a valid register', () => {
    assert.ok(parseRegister(VALID_REGISTER));
    fuzz(
      'parseRegister mutated',
      [mutatedText(VALID_REGISTER, JSON_ALPHABET)],
      (text) => {
        const { value } = read('parseRegister', text, parseRegister, 'register-invalid');
        if (value)
          assert.deepStrictEqual(parseRegister(serializeRegister(value)), JSON.parse(serializeRegister(value)));
      },
      { weight: 5 },
    );
  });

  it('parseRegister: register-shaped documents; valid ones round-trip, every wrong field is reported at its pointer', () => {
    fuzz(
      'parseRegister shaped',
      [registerArb, fc.constantFrom(0, 2, '\t')],
      ({ document, invalid }, indent) => {
        const text = JSON.stringify(document, null, indent);
        const { value, error } = read('parseRegister', text, parseRegister, 'register-invalid');
        if (invalid.length === 0) {
          assert.ok(value, `a valid register was refused: ${error?.message}`);
          assert.deepStrictEqual(value, JSON.parse(text));
          assert.deepStrictEqual(parseRegister(serializeRegister(value as RegisterFile)), value);
          return;
        }
        assert.ok(error, `refused expected for ${invalid.join(', ')}`);
        // A problem inside a value (an array item, say) is reported at its own pointer, under the field's.
        const reported = error.problems.map((p) => p.pointer);
        for (const pointer of invalid) {
          assert.ok(
            reported.some((r) => r === pointer || r.startsWith(`${pointer}/`)),
            `no problem at ${pointer}; reported ${reported.join(', ')}`,
          );
        }
      },
      { weight: 5 },
    );
  });

  it('parseRotationFile: arbitrary text and mutations of a valid record', () => {
    assert.ok(parseRotationFile(VALID_ROTATIONS));
    fuzz(
      'parseRotationFile',
      [fc.oneof(fc.string({ maxLength: 200 }), mutatedText(VALID_ROTATIONS, JSON_ALPHABET))],
      (text) => {
        timed('parseRotationFile', text, () =>
          read('parseRotationFile', text, parseRotationFile, 'rotation-file-invalid'),
        );
      },
      { weight: 5 },
    );
  });
});
