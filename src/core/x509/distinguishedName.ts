import { children, decodeOid, decodeString, expect, isPrintedAsString, readNode, Tag } from './der';
import type { DerNode } from './der';
import { DistinguishedName, NameAttribute } from '../model';
import { attributeName } from './oids';
import { opensslNameValue } from './opensslNameValue';

/**
 * Where each attribute read from DER came from, kept beside the plain data (and out of it: the JSON contract
 * has `type` and `value` only), so that it can be printed as openssl's default name option prints it. The
 * escaped form is made when asked for, not for every name of a scan. A copied attribute loses it and is
 * printed from its value, as a UTF-8 string in an RDN of its own.
 */
const source = new WeakMap<NameAttribute, DerNode>();
/** Attributes in the same (multi-valued) RDN as the one before them: rare, hence a set of their own. */
const joined = new WeakSet<NameAttribute>();

/** The attribute's value escaped as `openssl x509 -subject` prints it, when it was read from DER. */
export function printedValue(attribute: NameAttribute): string | undefined {
  const value = source.get(attribute);
  if (value === undefined) return undefined;
  return isPrintedAsString(value) ? opensslNameValue(value) : attribute.value;
}

/** Whether the attribute is in the same (multi-valued) RDN as the one before it. */
export function joinsPreviousRdn(attribute: NameAttribute): boolean {
  return joined.has(attribute);
}

/** An attribute without a value prints as an empty one: a node that is not a string, whose value is ''. */
const EMPTY_VALUE: DerNode = {
  buf: Buffer.alloc(0),
  tagClass: 0,
  constructed: false,
  tag: 0,
  start: 0,
  contentStart: 0,
  end: 0,
};

/** A Name in encoded order (as `openssl x509 -nameopt sep_multiline` lists it); multi-valued RDNs are flattened. */
export function decodeName(node: DerNode): DistinguishedName {
  const name: DistinguishedName = [];
  // RDNs and their attributes are read one after the other in place, with the same checks as ever.
  const sequence = expect(node, Tag.SEQUENCE, 'Name');
  const buf = sequence.buf;
  for (let pos = sequence.contentStart; pos < sequence.end;) {
    const rdn = expect(readNode(buf, pos, sequence.end), Tag.SET, 'RelativeDistinguishedName');
    pos = rdn.end;
    let first = true;
    for (let at = rdn.contentStart; at < rdn.end;) {
      const attribute = expect(readNode(buf, at, rdn.end), Tag.SEQUENCE, 'AttributeTypeAndValue');
      at = attribute.end;
      const [type, value] = children(attribute);
      const decoded: NameAttribute = {
        type: attributeName(decodeOid(expect(type, Tag.OID, 'attribute type'))),
        value: value ? decodeString(value) : '',
      };
      source.set(decoded, value ?? EMPTY_VALUE);
      if (!first) joined.add(decoded);
      first = false;
      name.push(decoded);
    }
  }
  return name;
}
