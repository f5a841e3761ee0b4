import { children, decodeOid, decodeString, expect, readNode, Tag } from './der';
import type { DerNode } from './der';
import { DistinguishedName } from '../model';
import { attributeName } from './oids';

/** A Name in encoded order (as `openssl x509 -nameopt sep_multiline` lists it); multi-valued RDNs are flattened. */
export function decodeName(node: DerNode): DistinguishedName {
  const name: DistinguishedName = [];
  // RDNs and their attributes are read one after the other in place, with the same checks as ever.
  const sequence = expect(node, Tag.SEQUENCE, 'Name');
  const buf = sequence.buf;
  for (let pos = sequence.contentStart; pos < sequence.end;) {
    const rdn = expect(readNode(buf, pos, sequence.end), Tag.SET, 'RelativeDistinguishedName');
    pos = rdn.end;
    for (let at = rdn.contentStart; at < rdn.end;) {
      const attribute = expect(readNode(buf, at, rdn.end), Tag.SEQUENCE, 'AttributeTypeAndValue');
      at = attribute.end;
      const [type, value] = children(attribute);
      name.push({
        type: attributeName(decodeOid(expect(type, Tag.OID, 'attribute type'))),
        value: value ? decodeString(value) : '',
      });
    }
  }
  return name;
}
