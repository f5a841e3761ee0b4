// The CSR-reading decision: node-forge's ASN.1 layer against our DER reader, on the same work (subject,
// SANs, SPKI hash) for RSA, EC and Ed25519 requests. Signature verification is timed separately.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as forge from 'node-forge';
import * as os from 'os';
import * as path from 'path';
import { readCsr } from '../src/core/x509/csr';
import { children, encoded, readNode } from '../src/core/x509/der';
import { decodeName } from '../src/core/x509/distinguishedName';
import { decodeExtensions } from '../src/core/x509/extensions';
import { publicKeyFacts } from '../src/core/x509/publicKeyFacts';
import { decodeSubjectAltNames } from '../src/core/x509/subjectAltNames';
import { splitPem } from '../src/core/x509/pem';
import { median, printTable } from './stats';

function makeCsrs(dir: string): Buffer[] {
  const specs = [
    ['-newkey', 'rsa:2048'],
    ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
    ['-newkey', 'ed25519'],
  ];
  return specs.map((spec, i) => {
    const out = path.join(dir, `r${i}.csr`);
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        ...spec,
        '-nodes',
        '-keyout',
        '/dev/null',
        '-out',
        out,
        '-subj',
        '/C=DE/O=Bench/OU=Payments/CN=client',
        '-addext',
        'subjectAltName=DNS:a.example,DNS:b.example,IP:10.0.0.1,IP:2001:db8::1',
      ],
      { stdio: 'pipe' },
    );
    return splitPem(fs.readFileSync(out, 'latin1')).blocks[0].der;
  });
}

function ours(der: Buffer): number {
  const [info] = children(readNode(der));
  const [, subject, spki, attributes] = children(info);
  const name = decodeName(subject);
  const facts = publicKeyFacts(encoded(spki));
  let sans = 0;
  for (const attribute of children(attributes)) {
    const [, values] = children(attribute);
    const san = decodeExtensions(children(values)[0]).get('2.5.29.17');
    if (san) sans = decodeSubjectAltNames(san.value).length;
  }
  return name.length + sans + facts.publicKeySha256.length;
}

function viaForge(der: Buffer): number {
  const asn1 = forge.asn1.fromDer(der.toString('binary'));
  const info = (asn1.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  let names = 0;
  for (const rdn of info[1].value as forge.asn1.Asn1[]) {
    for (const atv of rdn.value as forge.asn1.Asn1[]) {
      const [type, value] = atv.value as forge.asn1.Asn1[];
      names += forge.asn1.derToOid(type.value as string).length + forge.util.decodeUtf8(value.value as string).length;
    }
  }
  const spki = Buffer.from(forge.asn1.toDer(info[2]).getBytes(), 'binary');
  const hash = createHash('sha256').update(spki).digest('hex');
  let sans = 0;
  for (const attribute of (info[3]?.value ?? []) as forge.asn1.Asn1[]) {
    const [type, set] = attribute.value as forge.asn1.Asn1[];
    if (forge.asn1.derToOid(type.value as string) !== '1.2.840.113549.1.9.14') continue;
    for (const ext of (set.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[]) {
      const parts = ext.value as forge.asn1.Asn1[];
      if (forge.asn1.derToOid(parts[0].value as string) !== '2.5.29.17') continue;
      const general = forge.asn1.fromDer(parts[parts.length - 1].value as string);
      sans = (general.value as forge.asn1.Asn1[]).length;
    }
  }
  return names + sans + hash.length;
}

export async function csrParseBench(iterations = 3000, rounds = 5): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-csr-bench-'));
  try {
    const csrs = makeCsrs(dir);
    const time = (fn: (der: Buffer) => number) => {
      const times: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const start = performance.now();
        for (let i = 0; i < iterations; i++) fn(csrs[i % csrs.length]);
        times.push(((performance.now() - start) / iterations) * 1000);
      }
      return median(times);
    };
    time(ours);
    time(viaForge);
    const oursUs = time(ours);
    const forgeUs = time(viaForge);
    const fullUs = time((der) => (readCsr(der).signatureValid ? 1 : 0));
    printTable(
      `CSR reading (RSA-2048, P-256, Ed25519 in turn), µs per request, median of ${rounds} x ${iterations}`,
      ['method', 'µs/CSR', 'vs ours'],
      [
        ['our DER reader: subject + SANs + SPKI hash', oursUs.toFixed(1), '1.00x'],
        ['forge.asn1: same fields', forgeUs.toFixed(1), `${(forgeUs / oursUs).toFixed(2)}x`],
        ['readCsr (also verifies the signature)', fullUs.toFixed(1), `${(fullUs / oursUs).toFixed(2)}x`],
      ],
    );
    return { oursUs, forgeUs, readCsrUs: fullUs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
