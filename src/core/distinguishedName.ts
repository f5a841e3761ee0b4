import { children, decodeOid, decodeString, DerNode, expect, Tag } from './der';
import { DistinguishedName } from './model';
import { attributeName } from './oids';

/** A Name in encoded order (as `openssl x509 -nameopt sep_multiline` lists it); multi-valued RDNs are flattened. */
export function decodeName(node: DerNode): DistinguishedName {
  const name: DistinguishedName = [];
  for (const rdn of children(expect(node, Tag.SEQUENCE, 'Name'))) {
    for (const attribute of children(expect(rdn, Tag.SET, 'RelativeDistinguishedName'))) {
      const [type, value] = children(expect(attribute, Tag.SEQUENCE, 'AttributeTypeAndValue'));
      name.push({ type: attributeName(decodeOid(expect(type, Tag.OID, 'attribute type'))), value: value ? decodeString(value) : '' });
    }
  }
  return name;
}
