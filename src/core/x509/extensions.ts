import { children, contents, decodeBoolean, decodeOid, DerNode, expect, isUniversal, Tag } from './der';

export interface Extension {
  critical: boolean;
  /** Contents of the extnValue OCTET STRING: the extension's own DER. */
  value: Buffer;
}

/** Extensions by OID from an `Extensions` SEQUENCE (certificates' [3] and CSRs' extensionRequest). */
export function decodeExtensions(node: DerNode): Map<string, Extension> {
  const out = new Map<string, Extension>();
  for (const extension of children(expect(node, Tag.SEQUENCE, 'Extensions'))) {
    const parts = children(expect(extension, Tag.SEQUENCE, 'Extension'));
    const oid = decodeOid(expect(parts[0], Tag.OID, 'extension OID'));
    const critical = parts.length === 3 && isUniversal(parts[1], Tag.BOOLEAN) ? decodeBoolean(parts[1]) : false;
    const value = expect(parts[parts.length - 1], Tag.OCTET_STRING, 'extnValue');
    out.set(oid, { critical, value: contents(value) });
  }
  return out;
}
