import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { DocumentError } from '../../../src/core/json/documentError';
import {
  emptyRegister,
  parseRegister,
  recordRotation,
  RegisterFile,
  serializeRegister,
} from '../../../src/core/rotation/register';
import { REGISTER_SCHEMA } from '../../../src/core/rotation/registerSchema';
import { certificate, fingerprint } from './builders';

const SCHEMA_FILE = path.resolve(__dirname, '../../../../schemas/certificate-register.schema.json');
const NOW = new Date('2025-03-06T12:00:00.000Z');

const FULL: RegisterFile = {
  $schema: './schemas/certificate-register.schema.json',
  version: 1,
  certificates: [
    {
      name: 'program-a (prod)',
      subject: 'C = DE, O = Müller; Söhne \\ GmbH, CN = program-a',
      subjectAltNames: ['DNS:program-a.example', 'IP:10.0.0.1', 'email:ops@example.com'],
      serialNumber: '0A1B2C',
      fingerprintSha256: fingerprint('a'),
      issuedAt: '2025-03-05T00:00:00.000Z',
      expiresAt: '2025-06-03T00:00:00.000Z',
      replaces: { fingerprintSha256: fingerprint('old'), serialNumber: 'FF01', replacedAt: '2025-03-06T12:00:00.000Z' },
      oldKeyRetiredAt: '2025-03-07T08:00:00Z',
      notes: 'Line one, "quoted"\nline two | piped 🔐',
    },
    {
      name: 'b',
      subject: '',
      subjectAltNames: [],
      serialNumber: '01',
      fingerprintSha256: fingerprint('b').toLowerCase(),
      issuedAt: '2025-01-01T01:00:00+01:00',
      expiresAt: '2025-12-31T23:59:59.123456789Z',
    },
  ],
};

function rejects(text: string, check: (e: DocumentError) => void) {
  assert.throws(
    () => parseRegister(text),
    (e: unknown) => {
      assert.ok(e instanceof DocumentError, String(e));
      assert.strictEqual(e.code, 'register-invalid');
      check(e);
      return true;
    },
  );
}

// Documents both the parser and any draft-07 validator must judge alike.
const entry = FULL.certificates[1];
const VALID: unknown[] = [
  { version: 1, certificates: [] },
  FULL,
  { version: 1, certificates: [{ ...entry, name: 'é' }] },
  { version: 1, certificates: [{ ...entry, issuedAt: '2025-01-01T00:00:00-05:30' }] },
];
const INVALID: unknown[] = [
  null,
  [],
  {},
  { version: 2, certificates: [] },
  { version: '1', certificates: [] },
  { version: 1 },
  { version: 1, certificates: {} },
  { version: 1, certificates: [], extra: true },
  { version: 1, certificates: [null] },
  { version: 1, certificates: [[]] },
  { version: 1, certificates: [{ ...entry, name: '' }] },
  { version: 1, certificates: [{ ...entry, name: undefined }] },
  { version: 1, certificates: [{ ...entry, fingerprintSha256: fingerprint('a').slice(3) }] },
  { version: 1, certificates: [{ ...entry, fingerprintSha256: fingerprint('a').replace(/:/g, '-') }] },
  { version: 1, certificates: [{ ...entry, serialNumber: '0G' }] },
  { version: 1, certificates: [{ ...entry, serialNumber: '' }] },
  { version: 1, certificates: [{ ...entry, issuedAt: '2025-01-01' }] },
  { version: 1, certificates: [{ ...entry, expiresAt: '2025-01-01T00:00:00' }] },
  { version: 1, certificates: [{ ...entry, expiresAt: '2025-13-01T00:00:00Z' }] },
  { version: 1, certificates: [{ ...entry, subjectAltNames: ['program-a.example'] }] },
  { version: 1, certificates: [{ ...entry, subjectAltNames: ['dns:program-a.example'] }] },
  { version: 1, certificates: [{ ...entry, subjectAltNames: 'DNS:a' }] },
  { version: 1, certificates: [{ ...entry, replaces: { fingerprintSha256: fingerprint('x'), serialNumber: '01' } }] },
  {
    version: 1,
    certificates: [
      {
        ...entry,
        replaces: { fingerprintSha256: fingerprint('x'), serialNumber: '01', replacedAt: NOW.toISOString(), by: 'me' },
      },
    ],
  },
  { version: 1, certificates: [{ ...entry, notes: 5 }] },
  { version: 1, certificates: [{ ...entry, oldKeyRetiredAt: 'soon' }] },
  { version: 1, certificates: [{ ...entry, keyPath: 'secret.key' }] },
];

function parserAccepts(document: unknown): boolean {
  try {
    parseRegister(JSON.stringify(document));
    return true;
  } catch (e) {
    if (e instanceof CoreError && e.code === 'register-invalid') return false;
    throw e;
  }
}

type Validate = (data: unknown) => boolean;
function ajvValidator(schema: object): Validate | undefined {
  try {
    // ajv comes with the dev tooling (vsce); the agreement test uses it when it is there, and says so when not.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: new (options: object) => { compile(s: object): Validate } }).default;
    return new Ajv({ strict: true, allErrors: true }).compile(schema);
  } catch {
    return undefined;
  }
}

describe('certificate register', () => {
  it('round-trips: parse(serialize(x)) deep-equals x, and serialization is stable', () => {
    const text = serializeRegister(FULL);
    assert.deepStrictEqual(parseRegister(text), FULL);
    assert.strictEqual(serializeRegister(parseRegister(text)), text);
    assert.ok(text.endsWith('}\n'));
    assert.ok(
      text.startsWith(
        '{\n  "$schema": "./schemas/certificate-register.schema.json",\n  "version": 1,\n  "certificates": [\n    {\n      "name": "program-a (prod)",',
      ),
    );
    assert.deepStrictEqual(parseRegister(serializeRegister(emptyRegister())), emptyRegister());
  });

  it('locates validation errors by JSON pointer, line and column', () => {
    const document = JSON.parse(serializeRegister(FULL)) as { certificates: Array<Record<string, unknown>> };
    document.certificates[1].expiresAt = '31/12/2025';
    document.certificates[1].colour = 'blue';
    delete document.certificates[0].name;
    rejects(JSON.stringify(document, null, 2), (e) => {
      assert.deepStrictEqual(
        e.problems.map((p) => [p.pointer, p.line, p.column]),
        [
          ['/certificates/0', 5, 5],
          ['/certificates/1/expiresAt', 31, 20],
          ['/certificates/1/colour', 32, 7],
        ],
      );
      assert.deepStrictEqual([e.pointer, e.line, e.column], ['/certificates/0', 5, 5]);
      assert.match(e.problems[0].message, /missing required property "name"/);
      assert.match(e.problems[1].message, /"31\/12\/2025" is not an ISO 8601 date-time/);
      assert.match(e.problems[2].message, /unknown property "colour" \(expected "name", "subject", /);
    });
    rejects('{"version": 1, "certificates": [ {"name": 5} ]}', (e) => {
      assert.strictEqual(e.problems[0].message, 'missing required property "subject"');
      assert.deepStrictEqual(
        e.problems.find((p) => p.pointer === '/certificates/0/name'),
        {
          pointer: '/certificates/0/name',
          message: 'must be a string (what the team calls this certificate), not an integer',
          line: 1,
          column: 43,
        },
      );
    });
    rejects('{"version": 1,\n "certificates": [}', (e) => {
      assert.deepStrictEqual([e.line, e.column, e.pointer], [2, 19, '/certificates/0']);
      assert.match(
        e.message,
        /^certificate register at line 2, column 19 \(\/certificates\/0\): expected a value, found '}'$/,
      );
    });
    rejects('\ufeff{"version": 1, "certificates": [], "version": 1}', (e) =>
      assert.deepStrictEqual([e.line, e.column], [1, 36]),
    );
  });

  it('keeps "__proto__" as data and refuses it as an unknown property', () => {
    rejects('{"version": 1, "certificates": [], "__proto__": {"polluted": true}}', (e) =>
      assert.strictEqual(e.pointer, '/__proto__'),
    );
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it("publishes exactly the parser's rules as schemas/certificate-register.schema.json (draft-07)", () => {
    const file = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual(file, JSON.parse(JSON.stringify(REGISTER_SCHEMA)));
    assert.strictEqual(file.$schema, 'http://json-schema.org/draft-07/schema#');
  });

  it('judges valid and invalid documents like the parser itself (parser side)', () => {
    for (const doc of VALID) assert.strictEqual(parserAccepts(doc), true, JSON.stringify(doc));
    for (const doc of INVALID) assert.strictEqual(parserAccepts(doc), false, JSON.stringify(doc));
  });

  it('and a real draft-07 validator (ajv) judges the same documents alike', function () {
    const validate = ajvValidator(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
    if (!validate) this.skip();
    for (const doc of [...VALID, ...INVALID]) {
      const plain = JSON.parse(JSON.stringify(doc)) as unknown;
      assert.strictEqual(validate(plain), parserAccepts(plain), JSON.stringify(plain));
    }
  });

  describe('recordRotation', () => {
    const oldCert = certificate('program-a');
    const newCert = certificate('program-a-new', {
      notBefore: '2025-03-05T00:00:00.000Z',
      notAfter: '2025-06-03T00:00:00.000Z',
    });

    it("adds the new certificate with the old one's name, what it replaces and when the old key was retired", () => {
      const before: RegisterFile = {
        version: 1,
        certificates: [
          {
            ...recordRotation(emptyRegister(), { newCertificate: oldCert, now: NOW }).certificates[0],
            name: 'Program A (prod)',
          },
        ],
      };
      const after = recordRotation(before, {
        newCertificate: newCert,
        oldCertificate: oldCert,
        retiredAt: '2025-03-07T08:00:00.000Z',
        now: NOW,
      });
      assert.strictEqual(after.certificates[0], before.certificates[0]);
      assert.deepStrictEqual(after.certificates[1], {
        name: 'Program A (prod)',
        subject: 'C = GB, O = Axys Test, OU = Payments, CN = program-a',
        subjectAltNames: ['DNS:program-a.example', 'IP:10.0.0.1'],
        serialNumber: newCert.serialNumber,
        fingerprintSha256: newCert.fingerprintSha256,
        issuedAt: '2025-03-05T00:00:00.000Z',
        expiresAt: '2025-06-03T00:00:00.000Z',
        replaces: {
          fingerprintSha256: oldCert.fingerprintSha256,
          serialNumber: oldCert.serialNumber,
          replacedAt: NOW.toISOString(),
        },
        oldKeyRetiredAt: '2025-03-07T08:00:00.000Z',
      });
      assert.deepStrictEqual(parseRegister(serializeRegister(after)), after);
    });

    it('upserts by fingerprint: recording again keeps the entry, its notes and its first replacement date', () => {
      const first = recordRotation(emptyRegister(), { newCertificate: newCert, oldCertificate: oldCert, now: NOW });
      const noted = { ...first, certificates: [{ ...first.certificates[0], notes: 'kept' }] };
      const again = recordRotation(noted, {
        newCertificate: { ...newCert, fingerprintSha256: newCert.fingerprintSha256.toLowerCase() },
        oldCertificate: oldCert,
        retiredAt: new Date('2025-03-08T00:00:00Z'),
        now: new Date('2025-03-09T00:00:00Z'),
      });
      assert.strictEqual(again.certificates.length, 1);
      assert.strictEqual(again.certificates[0].notes, 'kept');
      assert.strictEqual(again.certificates[0].replaces?.replacedAt, NOW.toISOString());
      assert.strictEqual(again.certificates[0].oldKeyRetiredAt, '2025-03-08T00:00:00.000Z');
      assert.strictEqual(again.certificates[0].name, 'program-a');
      assert.deepStrictEqual(noted.certificates[0].oldKeyRetiredAt, undefined);
    });
  });
});
