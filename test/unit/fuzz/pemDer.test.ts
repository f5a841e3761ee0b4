// Fuzzing the PEM splitter and the DER reader: arbitrary text and bytes, and mutations of real files made by openssl.
// They never throw anything but a CoreError (splitPem and sniffDer never throw at all), never read past a node's
// end, and a PEM round trip gives back the DER it was given.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import {
  bitStringBytes,
  children,
  contents,
  decodeBoolean,
  decodeOid,
  decodeSmallInteger,
  decodeString,
  decodeTime,
  DerNode,
  integerBitLength,
  readNode,
  Tag,
  TagClass,
} from '../../../src/core/x509/der';
import { isCoreError } from '../../../src/core/errors';
import { looksLikePem, sniffDer, splitPem, toPem } from '../../../src/core/x509/pem';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import { expectTyped, fuzz, SUITE_TIMEOUT_MS, timed } from '../../support/fuzzing';
import { mutatedBinary, mutatedPem } from '../../support/fuzzMutations';

const PEM_CODES = ['truncated-pem', 'bad-base64'];
const DER_KINDS = [undefined, 'certificate', 'csr', 'pkcs8', 'encrypted-pkcs8', 'pkcs1', 'sec1', 'pkcs12'];
const LABELS = [
  'CERTIFICATE',
  'CERTIFICATE REQUEST',
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'PKCS12',
  'X-Y Z',
  'A',
];

interface Corpus {
  pems: string[];
  ders: Buffer[];
}

function corpus(): Corpus {
  const f = cryptoFixtures();
  const pemFiles = [
    f.rsa.certPath,
    f.ec.certPath,
    f.ed25519.certPath,
    f.rsa.csrPath,
    f.ec.csrPath,
    f.rsa.keyPath,
    f.ec.keyPath,
    f.ed25519.keyPath,
    f.ca.certPath,
    f.files['bundle.pem'],
    f.files['mixed.pem'],
    f.files['rsa-pkcs1.key'],
    f.files['ec-sec1.key'],
    f.files['rsa-encrypted-pkcs8.key'],
    f.files['rsa-legacy-encrypted.key'],
    f.files['pss.csr'],
    f.files['garbage/truncated.pem'],
    f.files['garbage/badbase64.pem'],
  ];
  const derFiles = [
    f.files['rsa.der'],
    f.files['ec-csr.der'],
    f.files['ec-key.der'],
    f.files['rsa-pkcs8.der'],
    f.files['ec-encrypted.der'],
    f.files['rsa-secret.p12'],
    f.files['ec-open.pfx'],
  ];
  return { pems: pemFiles.map((p) => fs.readFileSync(p, 'latin1')), ders: derFiles.map((p) => fs.readFileSync(p)) };
}

/** Every check splitPem's result must pass, whatever the input. */
function checkSplit(text: string): void {
  const split = timed('splitPem', text, () => splitPem(text));
  const lineCount = text.split('\n').length;
  for (const problem of split.problems) {
    assert.ok(isCoreError(problem), 'problems are CoreErrors');
    assert.ok(PEM_CODES.includes(problem.code), `problem code ${problem.code}`);
    assert.ok(
      problem.line === undefined || (problem.line >= 1 && problem.line <= lineCount),
      `problem line ${problem.line} of ${lineCount}`,
    );
  }
  for (const block of split.blocks) {
    assert.ok(Buffer.isBuffer(block.der));
    assert.ok(block.label.length > 0);
    assert.ok(
      block.line >= 1 && block.line < block.endLine && block.endLine <= lineCount,
      `block lines ${block.line}..${block.endLine} of ${lineCount}`,
    );
    assert.ok(block.text.startsWith('-----BEGIN ') && block.text.endsWith('-----\n'), 'block text from BEGIN to END');
  }
}

/** Walks every node the DER reader finds and decodes each as every type: only `malformed-der` may come out. */
function walkDer(der: Buffer): void {
  const visit = (node: DerNode, depth: number, limit: number) => {
    assert.ok(
      node.start < node.contentStart && node.contentStart <= node.end && node.end <= limit,
      'a node stays inside its parent',
    );
    const decoders: Array<[string, () => unknown]> = [
      ['contents', () => contents(node)],
      ['decodeOid', () => decodeOid(node)],
      ['decodeString', () => decodeString(node)],
      ['decodeBoolean', () => decodeBoolean(node)],
      ['decodeSmallInteger', () => decodeSmallInteger(node)],
      ['integerBitLength', () => integerBitLength(node)],
      ['bitStringBytes', () => bitStringBytes(node)],
    ];
    for (const [name, decode] of decoders) expectTyped(name, der, decode, ['malformed-der']);
    const time = expectTyped('decodeTime', der, () => decodeTime(node), ['malformed-der']);
    if (time.value) assert.ok(!Number.isNaN(time.value.getTime()), 'decodeTime never returns an invalid Date');
    if (
      node.tagClass === TagClass.UNIVERSAL &&
      (node.tag === Tag.UTC_TIME || node.tag === Tag.GENERALIZED_TIME) &&
      time.value
    ) {
      assert.ok(/^[0-9]/.test(contents(node).toString('latin1')));
    }
    if (depth > 64) return;
    const kids = expectTyped('children', der, () => children(node), ['malformed-der']);
    for (const kid of kids.value ?? []) visit(kid, depth + 1, node.end);
    // Nested DER inside OCTET and BIT STRINGs, as the readers open it.
    if (!node.constructed && (node.tag === Tag.OCTET_STRING || node.tag === Tag.BIT_STRING)) {
      const inner = node.tag === Tag.BIT_STRING ? contents(node).subarray(1) : contents(node);
      const nested = expectTyped('readNode', inner, () => readNode(inner), ['malformed-der']);
      if (nested.value && depth < 16) visit(nested.value, depth + 1, inner.length);
    }
  };
  let offset = 0;
  for (let i = 0; i < 8 && offset < der.length; i++) {
    const top = expectTyped('readNode', der, () => readNode(der, offset), ['malformed-der']);
    if (!top.value) return;
    visit(top.value, 0, der.length);
    offset = top.value.end;
  }
}

function checkSniff(der: Buffer): void {
  const kind = timed('sniffDer', der, () => sniffDer(der));
  assert.ok(DER_KINDS.includes(kind), `sniffDer said ${kind}`);
  assert.strictEqual(typeof looksLikePem(der), 'boolean');
}

describe('fuzz: PEM and DER', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let c: Corpus;
  before(() => {
    c = corpus();
  });

  it('splitPem: arbitrary text never throws; problems are typed and located', () => {
    const pemish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '-----BEGIN CERTIFICATE-----',
            '-----END CERTIFICATE-----',
            '-----BEGIN X-----',
            '-----END X-----',
            '-----BEGIN  -----',
            '-----END -----',
            'Proc-Type: 4,ENCRYPTED',
            '',
            ' ',
            'MIIB',
            'AAAA',
            'AA==',
            '====',
            '\r',
            '\ufeff-----BEGIN A-----',
          ),
          fc.string({ maxLength: 40 }),
          fc.base64String({ maxLength: 80 }),
        ),
        { maxLength: 30 },
      )
      .map((lines) => lines.join('\n'));
    fuzz('splitPem arbitrary', [fc.oneof(fc.string({ maxLength: 400, unit: 'binary' }), pemish)], checkSplit, {
      weight: 5,
    });
  });

  it('splitPem: mutated PEM files from openssl', () => {
    fuzz('splitPem mutated', [fc.nat().chain((i) => mutatedPem(c.pems[i % c.pems.length]))], checkSplit, { weight: 5 });
  });

  it('toPem then splitPem gives back the DER, whatever the bytes and line ends', () => {
    fuzz(
      'pem round trip',
      [fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.constantFrom(...LABELS), fc.boolean()],
      (bytes, label, crlf) => {
        const der = Buffer.from(bytes);
        let pem = toPem(label, der);
        if (crlf) pem = pem.replace(/\n/g, '\r\n');
        const { blocks, problems } = timed('splitPem', pem, () => splitPem(pem));
        assert.deepStrictEqual(problems, []);
        assert.strictEqual(blocks.length, 1);
        assert.strictEqual(blocks[0].label, label);
        assert.ok(blocks[0].der.equals(der), 'same DER');
      },
      { weight: 3 },
    );
  });

  it('the DER reader: arbitrary bytes give only malformed-der, and nodes stay inside their parents', () => {
    const derish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            0x30,
            0x31,
            0x02,
            0x03,
            0x04,
            0x05,
            0x06,
            0x0c,
            0x17,
            0x18,
            0x80,
            0x81,
            0x82,
            0x84,
            0xa0,
            0xa3,
            0x00,
            0xff,
          ),
          fc.nat({ max: 255 }),
        ),
        { maxLength: 200 },
      )
      .map((a) => Buffer.from(a));
    fuzz(
      'der arbitrary',
      [
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
          derish,
        ),
      ],
      (der) => {
        walkDer(der);
        checkSniff(der);
      },
      { weight: 5 },
    );
  });

  it('the DER reader: mutated certificates, CSRs, keys and PKCS#12 files', () => {
    fuzz(
      'der mutated',
      [fc.nat().chain((i) => mutatedBinary(c.ders[i % c.ders.length]))],
      (der) => {
        walkDer(der);
        checkSniff(der);
      },
      { weight: 2 },
    );
  });

  it('sniffDer recognises every unmutated fixture', () => {
    assert.deepStrictEqual(
      c.ders.map((d) => sniffDer(d)),
      ['certificate', 'csr', 'sec1', 'pkcs8', 'encrypted-pkcs8', 'pkcs12', 'pkcs12'],
    );
  });
});
