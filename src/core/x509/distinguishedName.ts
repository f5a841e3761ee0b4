import { children, decodeOid, decodeString, expect, isPrintedAsString, readNode, Tag } from './der';
import type { DerNode } from './der';
import { DistinguishedName, NameAttribute } from '../model';
import { attributeName } from './oids';
import { opensslNameValue } from './opensslNameValue';

/**
 * How openssl's default name option prints an attribute read from DER, when that differs from its value
 * escaped as UTF-8 (what formatName does with any other attribute): kept beside the plain data (and out of it:
 * the JSON contract has `type` and `value` only), for the few values that need it, so that a scan's names
 * cost no entry here. A copied attribute loses it and is printed from its value, in an RDN of its own.
 */
const printed = new WeakMap<NameAttribute, string>();
/** Attributes in the same (multi-valued) RDN as the one before them: rare, hence a set of their own. */
const joined = new WeakSet<NameAttribute>();

/**
 * The attribute's value escaped as `openssl x509 -subject` prints it, when that is not simply its value
 * escaped as UTF-8 (undefined then, and for attributes not read from DER).
 */
export function printedValue(attribute: NameAttribute): string | undefined {
  return printed.get(attribute);
}

/** Whether the attribute is in the same (multi-valued) RDN as the one before it. */
export function joinsPreviousRdn(attribute: NameAttribute): boolean {
  return joined.has(attribute);
}

/**
 * Gives an attribute rebuilt elsewhere (the inventory's cache) what printedValue and joinsPreviousRdn said of the
 * attribute it was made from, so that it prints as openssl prints the original.
 */
export function restoreNamePrinting(attribute: NameAttribute, printedAs: string | undefined, joins: boolean): void {
  if (printedAs !== undefined) printed.set(attribute, printedAs);
  if (joins) joined.add(attribute);
}

/** RFC 2253's specials: `,` `+` `"` `\` `<` `>` `;`. */
const SPECIAL = /[,+"\\<>;]/;

/**
 * Whether openssl prints the value as `text` itself, exactly as escapeNameValue prints `text`: a string type
 * whose characters are printable ASCII, none of them special, no space or `#` where those are special.
 */
function printsAsItself(node: DerNode, text: string): boolean {
  if (!isPrintedAsString(node)) return false;
  const length = node.end - node.contentStart;
  if ((node.tag === Tag.BMP_STRING && length % 2 !== 0) || (node.tag === Tag.UNIVERSAL_STRING && length % 4 !== 0))
    return false;
  const last = text.length - 1;
  if (last < 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x23 || text.charCodeAt(last) === 0x20) return false;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return !SPECIAL.test(text);
}

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
      if (value && !printsAsItself(value, decoded.value))
        printed.set(decoded, isPrintedAsString(value) ? opensslNameValue(value) : decoded.value);
      if (!first) joined.add(decoded);
      first = false;
      name.push(decoded);
    }
  }
  return name;
}
