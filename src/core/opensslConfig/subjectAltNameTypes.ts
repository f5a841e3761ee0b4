// The GENERAL_NAME types a config may name (v2i_GENERAL_NAME_ex in crypto/x509/v3_san.c), for completion, hover
// and the checks. Type names are case-sensitive and may carry a `.suffix` (`DNS.1`, `IP.office`).
import { SubjectAltNameType } from '../model';

export interface SubjectAltNameTypeInfo {
  /** The spelling OpenSSL accepts in a config. */
  name: string;
  /** The type in the project's model (`SubjectAltName.type`). */
  type: SubjectAltNameType;
  meaning: string;
  example: string;
}

export const SUBJECT_ALT_NAME_TYPES: readonly SubjectAltNameTypeInfo[] = [
  {
    name: 'DNS',
    type: 'DNS',
    meaning: 'A DNS host name; OpenSSL copies it as given (no syntax check), wildcards included.',
    example: 'DNS:api.example.com',
  },
  {
    name: 'IP',
    type: 'IP',
    meaning: 'An IPv4 or IPv6 address (no zone, no prefix length).',
    example: 'IP:203.0.113.10',
  },
  {
    name: 'email',
    type: 'email',
    meaning:
      "An e-mail address; `email:copy` copies the subject's emailAddress, `email:move` moves it out of the subject.",
    example: 'email:ops@example.com',
  },
  { name: 'URI', type: 'URI', meaning: 'A URI, copied as given.', example: 'URI:https://example.com/' },
  { name: 'RID', type: 'RID', meaning: 'A registered ID: an object name or dotted OID.', example: 'RID:1.2.3.4' },
  {
    name: 'dirName',
    type: 'dirName',
    meaning: 'A directory name built from the DN fields of the named section.',
    example: 'dirName:dir_sect',
  },
  {
    name: 'otherName',
    type: 'otherName',
    meaning: "OID;TYPE:value, the value in OpenSSL's ASN1_generate_v3 syntax.",
    example: 'otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com',
  },
];

/** ossl_v3_name_cmp: the exact name, or the name followed by `.` and anything. */
export function subjectAltNameTypeOf(name: string): SubjectAltNameTypeInfo | undefined {
  for (const info of SUBJECT_ALT_NAME_TYPES) {
    if (name === info.name || (name.startsWith(info.name) && name[info.name.length] === '.')) return info;
  }
  return undefined;
}
