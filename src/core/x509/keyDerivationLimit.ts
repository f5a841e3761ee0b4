import { children, DerNode, readNode, Tag, TagClass } from './der';
import { CoreError } from '../errors';

/**
 * The most key-derivation iterations a file may ask for. Key derivation (forge's PKCS#12 MAC and PBE in plain
 * JavaScript, OpenSSL's PBKDF2 inside the synchronous createPrivateKey) runs on the calling thread and cannot be
 * interrupted, so a 3 KB file asking for 2^31 iterations would hold a scan, and the extension host, for hours.
 * Real files use 2,048 (OpenSSL's default) up to a few hundred thousand (OWASP's PBKDF2 advice is 600,000).
 */
export const MAX_KEY_DERIVATION_ITERATIONS = 1_000_000;

const MAX_DEPTH = 40;

function smallestInteger(node: DerNode): number {
  // Integers beyond 2^53 are all "too many": only the order of magnitude matters here.
  const length = node.end - node.contentStart;
  if (length > 6) return Number.MAX_SAFE_INTEGER;
  let value = 0;
  for (let i = node.contentStart; i < node.end; i++) value = value * 256 + node.buf[i];
  return value;
}

/** The largest iteration count in any `SEQUENCE { OCTET STRING salt, INTEGER count, ... }`, including inside OCTET STRINGs that hold DER. */
export function largestIterationCount(der: Buffer): number {
  let largest = 0;
  const walk = (node: DerNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (node.constructed) {
      const kids = children(node);
      // PBKDF2 and PKCS#12 PBE parameters start with (salt, count); PKCS#12 MacData has them second and third.
      for (let i = 0; i + 1 < kids.length && i < 2; i++) {
        const [salt, count] = [kids[i], kids[i + 1]];
        if (
          node.tagClass === TagClass.UNIVERSAL &&
          node.tag === Tag.SEQUENCE &&
          salt.tagClass === TagClass.UNIVERSAL &&
          salt.tag === Tag.OCTET_STRING &&
          !salt.constructed &&
          count.tagClass === TagClass.UNIVERSAL &&
          count.tag === Tag.INTEGER
        ) {
          largest = Math.max(largest, smallestInteger(count));
        }
      }
      kids.forEach((kid) => walk(kid, depth + 1));
    } else if (
      node.tagClass === TagClass.UNIVERSAL &&
      node.tag === Tag.OCTET_STRING &&
      node.end - node.contentStart > 2
    ) {
      try {
        const inner = readNode(node.buf, node.contentStart, node.end);
        if (inner.end === node.end) walk(inner, depth + 1);
      } catch {
        // Not DER inside: an opaque octet string.
      }
    }
  };
  try {
    walk(readNode(der), 0);
  } catch {
    // Malformed files are refused by their readers with their own errors.
  }
  return largest;
}

/** Refuses, before any key is derived, a file that asks for more iterations than any real file does. */
export function checkKeyDerivationCost(der: Buffer, what: string): void {
  const count = largestIterationCount(der);
  if (count > MAX_KEY_DERIVATION_ITERATIONS) {
    throw new CoreError(
      'key-derivation-too-costly',
      `${what} asks for ${count >= Number.MAX_SAFE_INTEGER ? 'an enormous number of' : count.toLocaleString('en')} key-derivation iterations (at most ${MAX_KEY_DERIVATION_ITERATIONS.toLocaleString('en')} are accepted); not opened`,
    );
  }
}
