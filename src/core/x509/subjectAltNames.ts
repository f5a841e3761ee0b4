import { formatIpAddress } from './ipAddress';
import { children, decodeOid, decodeString, oidAt, readNode, Tag, TagClass } from './der';
import { decodeName } from './distinguishedName';
import { DistinguishedName, SubjectAltName } from '../model';

/** Decodes a SubjectAltName extension value (the OCTET STRING's contents), in encoded order. */
export function decodeSubjectAltNames(extensionValue: Buffer): SubjectAltName[] {
  return decodeSubjectAltNamesAt(extensionValue, 0, extensionValue.length);
}

/** decodeSubjectAltNames(buf.subarray(start, end)), reading the bytes where they are. */
export function decodeSubjectAltNamesAt(buf: Buffer, start: number, end: number): SubjectAltName[] {
  const names: SubjectAltName[] = [];
  for (const general of children(readNode(buf, start, end))) {
    if (general.tagClass !== TagClass.CONTEXT) continue;
    switch (general.tag) {
      case 0: {
        const [typeId, wrapped] = children(general);
        const inner = wrapped ? children(wrapped)[0] : undefined;
        const value = inner ? decodeString(inner) : '';
        names.push({ type: 'otherName', value: `${decodeOid(typeId)};${value}` });
        break;
      }
      case 1:
        names.push({ type: 'email', value: buf.toString('latin1', general.contentStart, general.end) });
        break;
      case 2:
        names.push({ type: 'DNS', value: buf.toString('latin1', general.contentStart, general.end) });
        break;
      case 4:
        names.push({ type: 'dirName', value: slashName(decodeName(children(general)[0])) });
        break;
      case 6:
        names.push({ type: 'URI', value: buf.toString('latin1', general.contentStart, general.end) });
        break;
      case 7:
        names.push({ type: 'IP', value: formatIpAt(buf, general.contentStart, general.end) });
        break;
      case 8: {
        // registeredID is an implicitly tagged OID: its contents are the OID's. A tag written in the long
        // form is retagged byte-wise, as it always was (the length is then read from the tag's next byte).
        const value =
          (buf[general.start] & 0x1f) === 0x1f
            ? decodeOid(readNode(Buffer.concat([Buffer.from([Tag.OID]), buf.subarray(general.start + 1, general.end)])))
            : oidAt(buf, general.contentStart, general.end);
        names.push({ type: 'RID', value });
        break;
      }
      // OpenSSL decodes neither x400Address nor ediPartyName, yet lists them (GENERAL_NAME_print).
      case 3:
        names.push({ type: 'X400Name', value: '<unsupported>' });
        break;
      case 5:
        names.push({ type: 'EdiPartyName', value: '<unsupported>' });
        break;
      default:
        break;
    }
  }
  return names;
}

/** IPv4 dotted, IPv6 in RFC 5952 form (lowercase, longest zero run as `::`), anything else as hex. */
export function formatIp(bytes: Buffer): string {
  return formatIpAt(bytes, 0, bytes.length);
}

function formatIpAt(buf: Buffer, start: number, end: number): string {
  return formatIpAddress(buf.subarray(start, end));
}

/** `/C=DE/O=Test/CN=x`, as OpenSSL prints a directoryName SAN. */
function slashName(name: DistinguishedName): string {
  return name.map((a) => `/${a.type}=${a.value}`).join('');
}
