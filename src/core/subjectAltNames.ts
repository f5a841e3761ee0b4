import { children, contents, decodeOid, decodeString, encoded, readNode, Tag, TagClass } from './der';
import { decodeName } from './distinguishedName';
import { DistinguishedName, SubjectAltName } from './model';

/** Decodes a SubjectAltName extension value (the OCTET STRING's contents), in encoded order. */
export function decodeSubjectAltNames(extensionValue: Buffer): SubjectAltName[] {
  const names: SubjectAltName[] = [];
  for (const general of children(readNode(extensionValue))) {
    if (general.tagClass !== TagClass.CONTEXT) continue;
    const body = contents(general);
    switch (general.tag) {
      case 0: {
        const [typeId, wrapped] = children(general);
        const inner = wrapped ? children(wrapped)[0] : undefined;
        const value = inner ? decodeString(inner) : '';
        names.push({ type: 'otherName', value: `${decodeOid(typeId)};${value}` });
        break;
      }
      case 1:
        names.push({ type: 'email', value: body.toString('latin1') });
        break;
      case 2:
        names.push({ type: 'DNS', value: body.toString('latin1') });
        break;
      case 4:
        names.push({ type: 'dirName', value: slashName(decodeName(children(general)[0])) });
        break;
      case 6:
        names.push({ type: 'URI', value: body.toString('latin1') });
        break;
      case 7:
        names.push({ type: 'IP', value: formatIp(body) });
        break;
      case 8: {
        // registeredID is an implicitly tagged OID: retag the node to decode it.
        const oidNode = readNode(Buffer.concat([Buffer.from([Tag.OID]), encoded(general).subarray(1)]));
        names.push({ type: 'RID', value: decodeOid(oidNode) });
        break;
      }
      default:
        break;
    }
  }
  return names;
}

/** IPv4 dotted, IPv6 in RFC 5952 form (lowercase, longest zero run as `::`), anything else as hex. */
export function formatIp(bytes: Buffer): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return bytes.toString('hex');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `/C=DE/O=Test/CN=x`, as OpenSSL prints a directoryName SAN. */
function slashName(name: DistinguishedName): string {
  return name.map((a) => `/${a.type}=${a.value}`).join('');
}
