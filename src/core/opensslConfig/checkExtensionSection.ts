// An extension section as `openssl req` reads it (X509V3_EXT_add_nconf, crypto/x509/v3_conf.c): every entry
// must be an extension OpenSSL can build from text, with a value its parser accepts. subjectAltName, keyUsage,
// extendedKeyUsage, basicConstraints and the key identifiers are checked fully; the rest for form only.
import { buildDistinguishedName, RequestedNameAttribute } from './buildDistinguishedName';
import { closestName } from '../text/closestName';
import { ConfigFinding, SourceRange } from './configFinding';
import { EXTENSIONS, extensionInfo, KEY_USAGE_NAMES, NS_CERT_TYPE_NAMES } from './extensionCatalog';
import { FindingSink } from './findingSink';
import { formatIpAddress, parseIpAddress } from '../x509/ipAddress';
import { findConfigSection } from './lookupConfigValue';
import { ObjectRegistry, objectByShortName, resolveObject } from '../x509/opensslObjects';
import { ConfigEntry, entryValueRange, ParsedConfig } from './parseOpensslConfig';
import { parseX509v3List, X509v3ListItem } from './parseX509v3List';
import { SUBJECT_ALT_NAME_TYPES, subjectAltNameTypeOf } from './subjectAltNameTypes';
import { mergeOrigins, originOf, shownDerived, shownValue, ValueOrigin } from './valueOrigin';
import { SubjectAltNameType } from '../model';

export interface RequestedSubjectAltName {
  type: SubjectAltNameType;
  /** IP addresses normalised (dotted IPv4, RFC 5952 IPv6); other values as encoded. */
  value: string;
  /** Where it comes from in the main text. */
  source: SourceRange;
  /** Set when the value came from the environment or an included file: it goes into the CSR, never on screen. */
  origin?: ValueOrigin;
  /** What to show instead of `value` when `origin` is set. */
  shown?: string;
}

export interface RequestedExtension {
  /** The name as written in the section (OpenSSL's short name, or any object name for DER:/ASN1: values). */
  name: string;
  oid: string;
  critical: boolean;
  /** The value after `critical,`. */
  value: string;
  source: SourceRange;
  /** Set when the value came from the environment or an included file. */
  origin?: ValueOrigin;
  /** What to show instead of `value` when `origin` is set. */
  shown?: string;
}

export interface ExtensionSectionResult {
  extensions: RequestedExtension[];
  subjectAltNames: RequestedSubjectAltName[];
  /** Set when a subjectAltName entry is present. */
  subjectAltNameCritical?: boolean;
  /**
   * Set when openssl refuses the subjectAltName list for some of its names (it then adds no SAN at all, and
   * `subjectAltNames` stays empty): the names it could read, and the error findings for the others. A comparison
   * with the renewed certificate needs the readable ones, or every old SAN would look removed.
   */
  refusedSubjectAltNames?: RefusedSubjectAltNames;
  failed: boolean;
}

export interface RefusedSubjectAltNames {
  readable: RequestedSubjectAltName[];
  findings: ConfigFinding[];
}

export interface ExtensionCheckOptions {
  config: ParsedConfig;
  registry: ObjectRegistry;
  sink: FindingSink;
  /** `test`: the syntax check openssl makes before building (no subject); `request`: building the CSR's extensions. */
  mode: 'test' | 'request';
  /** The subject so far, for email:copy and email:move (request mode); email:move removes from it. */
  subject?: RequestedNameAttribute[];
  stringMask: number;
}

// C isspace, as v3_check_critical skips it.
function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

const BOOL_TRUE = ['TRUE', 'true', 'Y', 'y', 'YES', 'yes'];
const BOOL_FALSE = ['FALSE', 'false', 'N', 'n', 'NO', 'no'];

/** A list item, with its parts as they may be shown and where its text came from. */
type ListItem = X509v3ListItem & { from?: ConfigEntry; shownName: string; shownValue?: string; origin?: ValueOrigin };

/** Marks something built from a value with the value's origin and how to show it. */
function marked<T extends { origin?: ValueOrigin; shown?: string }>(
  target: T,
  origin: ValueOrigin | undefined,
  shown: string,
): T {
  if (origin) {
    target.origin = origin;
    target.shown = shown;
  }
  return target;
}

const LAX_DNS =
  /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

class ExtensionChecker {
  readonly result: ExtensionSectionResult = { extensions: [], subjectAltNames: [], failed: false };

  constructor(private readonly options: ExtensionCheckOptions) {}

  private error(
    code: Parameters<FindingSink['add']>[1],
    message: string,
    entry: ConfigEntry,
    range?: SourceRange,
    suggestion?: string,
  ): void {
    this.options.sink.add('error', code, message, entry, range ?? entry.valueRange, suggestion ? { suggestion } : {});
    this.result.failed = true;
  }

  private valueRange(entry: ConfigEntry, start: number, end: number): SourceRange {
    return entryValueRange(entry, start, end);
  }

  check(entries: readonly ConfigEntry[]): ExtensionSectionResult {
    for (const entry of entries) this.checkEntry(entry);
    return this.result;
  }

  private checkEntry(entry: ConfigEntry): void {
    let value = entry.value;
    let offset = 0;
    let critical = false;
    if (value.startsWith('critical,')) {
      critical = true;
      offset = 9;
      while (offset < value.length && isCSpace(value.charCodeAt(offset))) offset++;
      value = value.slice(offset);
    }
    const source = entry.includedFrom ?? entry.range;
    const generic = /^(DER|ASN1):/.exec(value);
    if (generic) {
      const resolved = resolveObject(entry.name, this.options.registry);
      if (!resolved) {
        this.error(
          'unknown-extension',
          `"${entry.name}" is neither an object name nor a dotted OID, so OpenSSL cannot name this ${generic[1]}: extension.`,
          entry,
          entry.nameRange,
        );
        return;
      }
      if (generic[1] === 'DER') {
        let rest = value.slice(4);
        rest = rest.replace(/^[ \t\n\v\f\r]+/, '');
        if (!/^(:*[0-9A-Fa-f]{2})*:*$/.test(rest) || rest.replace(/:/g, '').length === 0) {
          this.error(
            'extension-value-invalid',
            'DER: takes hex bytes (pairs of hex digits, colons allowed between them).',
            entry,
            this.valueRange(entry, offset, entry.value.length),
          );
          return;
        }
      }
      this.result.extensions.push(
        marked<RequestedExtension>(
          { name: entry.name, oid: resolved.oid, critical, value, source },
          originOf(entry.taint, offset),
          shownValue(entry, offset),
        ),
      );
      return;
    }
    const object = objectByShortName(entry.name, this.options.registry);
    const info = extensionInfo(entry.name);
    if (!object || !info) {
      const suggestion = closestName(
        entry.name,
        EXTENSIONS.filter((e) => e.form !== 'unsupported').map((e) => e.name),
      );
      const why = !object
        ? `"${entry.name}" is not the short name of an extension OpenSSL knows`
        : `OpenSSL knows ${entry.name} but cannot build it as an extension`;
      this.error(
        'unknown-extension',
        `${why}, so openssl req fails${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
        entry,
        entry.nameRange,
        suggestion,
      );
      return;
    }
    if (info.form === 'unsupported') {
      this.error(
        'extension-not-supported',
        `OpenSSL cannot set ${entry.name} from a config ("extension setting not supported").`,
        entry,
        entry.nameRange,
      );
      return;
    }
    const before = this.options.sink.findings.length;
    this.checkValue(entry, info.name, info.form, value, offset, critical);
    const failedHere = this.options.sink.findings.slice(before).some((f) => f.severity === 'error');
    if (!failedHere)
      this.result.extensions.push(
        marked<RequestedExtension>(
          { name: entry.name, oid: object.oid, critical, value, source },
          originOf(entry.taint, offset),
          shownValue(entry, offset),
        ),
      );
  }

  /** The name:value items of a list-valued extension: inline, or the entries of @section. */
  private listItems(
    entry: ConfigEntry,
    value: string,
    offset: number,
  ): { items: ListItem[]; fromSection: boolean } | undefined {
    if (value.startsWith('@')) {
      const name = value.slice(1);
      const section = findConfigSection(this.options.config, name);
      if (!section || section.entries.length === 0) {
        const shown = shownValue(entry, offset + 1);
        this.error(
          section ? 'extension-value-invalid' : 'extension-section-missing',
          section
            ? `Section [${shown}] is empty; OpenSSL rejects an extension with no values.`
            : `There is no section [${shown}] for ${entry.name}.`,
          entry,
          this.valueRange(entry, offset, entry.value.length),
        );
        return undefined;
      }
      return {
        fromSection: true,
        items: section.entries.map((e) => ({
          name: e.name,
          value: e.value,
          nameStart: 0,
          nameEnd: 0,
          from: e,
          shownName: e.name,
          shownValue: shownValue(e),
          origin: e.origin,
        })),
      };
    }
    const parsed = parseX509v3List(value);
    if ('error' in parsed) {
      const message =
        parsed.error === 'invalid-empty-name'
          ? 'An empty item in the list (a stray or trailing comma?): OpenSSL rejects the extension.'
          : 'A name: with no value after it: OpenSSL rejects the extension.';
      this.error(
        'extension-value-invalid',
        message,
        entry,
        this.valueRange(entry, offset + parsed.start, offset + Math.max(parsed.end, parsed.start + 1)),
      );
      return undefined;
    }
    return {
      fromSection: false,
      items: parsed.items.map((item) => {
        const nameStart = item.nameStart + offset;
        const nameEnd = item.nameEnd + offset;
        const valueStart = item.valueStart !== undefined ? item.valueStart + offset : undefined;
        const valueEnd = item.valueEnd !== undefined ? item.valueEnd + offset : undefined;
        return {
          ...item,
          nameStart,
          nameEnd,
          valueStart,
          valueEnd,
          shownName: shownValue(entry, nameStart, nameEnd),
          shownValue: valueStart !== undefined ? shownValue(entry, valueStart, valueEnd) : undefined,
          origin: originOf(entry.taint, nameStart, valueEnd ?? nameEnd),
        };
      }),
    };
  }

  private itemRange(
    entry: ConfigEntry,
    item: ListItem,
    part: 'name' | 'value' | 'all',
  ): { entry: ConfigEntry; range: SourceRange } {
    if (item.from) {
      return {
        entry: item.from,
        range: part === 'name' ? item.from.nameRange : part === 'value' ? item.from.valueRange : item.from.range,
      };
    }
    const start = part === 'value' && item.valueStart !== undefined ? item.valueStart : item.nameStart;
    const end = part === 'name' ? item.nameEnd : (item.valueEnd ?? item.nameEnd);
    return { entry, range: this.valueRange(entry, start, end) };
  }

  private checkValue(
    entry: ConfigEntry,
    name: string,
    form: string,
    value: string,
    offset: number,
    critical: boolean,
  ): void {
    switch (name) {
      case 'subjectAltName':
      case 'issuerAltName':
        this.checkAltNames(entry, name, value, offset, critical);
        return;
      case 'keyUsage':
        this.checkBits(entry, value, offset, KEY_USAGE_NAMES, 'keyUsage');
        return;
      case 'nsCertType':
        this.checkBits(entry, value, offset, NS_CERT_TYPE_NAMES, 'nsCertType');
        return;
      case 'extendedKeyUsage':
        this.checkExtendedKeyUsage(entry, value, offset);
        return;
      case 'basicConstraints':
        this.checkBasicConstraints(entry, value, offset);
        return;
      case 'subjectKeyIdentifier':
        if (value !== 'hash' && value !== 'none' && !/^(:*[0-9A-Fa-f]{2})+:*$/.test(value)) {
          this.error(
            'extension-value-invalid',
            'subjectKeyIdentifier takes "hash", "none" or hex bytes.',
            entry,
            this.valueRange(entry, offset, entry.value.length),
          );
        }
        return;
      case 'authorityKeyIdentifier':
        this.checkAuthorityKeyIdentifier(entry, value, offset);
        return;
      default:
        if (form === 'list') this.listItems(entry, value, offset);
    }
  }

  private checkBits(
    entry: ConfigEntry,
    value: string,
    offset: number,
    table: ReadonlyArray<[string, string]>,
    what: string,
  ): void {
    const list = this.listItems(entry, value, offset);
    if (!list) return;
    const names = table.flatMap(([s, l]) => [s, l]);
    for (const item of list.items) {
      if (names.includes(item.name)) continue;
      const suggestion = closestName(
        item.name,
        table.map(([s]) => s),
      );
      const at = this.itemRange(entry, item, 'name');
      this.error(
        'extension-value-invalid',
        `"${item.shownName}" is not a ${what} bit OpenSSL knows${suggestion ? `; did you mean ${suggestion}?` : ` (${table.map(([s]) => s).join(', ')}).`}`,
        at.entry,
        at.range,
        suggestion,
      );
    }
  }

  private checkExtendedKeyUsage(entry: ConfigEntry, value: string, offset: number): void {
    const list = this.listItems(entry, value, offset);
    if (!list) return;
    for (const item of list.items) {
      const text = item.value ?? item.name;
      const shown = item.value !== undefined ? item.shownValue : item.shownName;
      if (resolveObject(text, this.options.registry)) continue;
      const suggestion = closestName(text, [
        'serverAuth',
        'clientAuth',
        'codeSigning',
        'emailProtection',
        'timeStamping',
        'OCSPSigning',
        'ipsecIKE',
        'msCodeInd',
        'msCodeCom',
        'msCTLSign',
        'msEFS',
      ]);
      const at = this.itemRange(entry, item, item.value !== undefined ? 'value' : 'name');
      this.error(
        'extension-value-invalid',
        `"${shown}" is not an object name or OID OpenSSL knows${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
        at.entry,
        at.range,
        suggestion,
      );
    }
  }

  private checkBasicConstraints(entry: ConfigEntry, value: string, offset: number): void {
    const list = this.listItems(entry, value, offset);
    if (!list) return;
    for (const item of list.items) {
      if (item.name === 'CA') {
        if (item.value === undefined || (!BOOL_TRUE.includes(item.value) && !BOOL_FALSE.includes(item.value))) {
          const at = this.itemRange(entry, item, 'all');
          this.error(
            'extension-value-invalid',
            `CA takes TRUE/FALSE (also true, yes, y, no, ...), not "${item.shownValue ?? ''}"; OpenSSL is case-sensitive here ("True" fails).`,
            at.entry,
            at.range,
          );
        }
      } else if (item.name === 'pathlen') {
        if (item.value === undefined || !/^-?(0[xX][0-9A-Fa-f]+|\d+)$/.test(item.value)) {
          const at = this.itemRange(entry, item, 'all');
          this.error(
            'extension-value-invalid',
            `pathlen takes a number, not "${item.shownValue ?? ''}".`,
            at.entry,
            at.range,
          );
        }
      } else {
        const at = this.itemRange(entry, item, 'name');
        const suggestion = closestName(item.name, ['CA', 'pathlen']);
        this.error(
          'extension-value-invalid',
          `basicConstraints knows only CA and pathlen, not "${item.shownName}".`,
          at.entry,
          at.range,
          suggestion,
        );
      }
    }
  }

  private checkAuthorityKeyIdentifier(entry: ConfigEntry, value: string, offset: number): void {
    const list = this.listItems(entry, value, offset);
    if (!list) return;
    let wantsIssuer = false;
    for (const item of list.items) {
      if (item.name === 'keyid' || item.name === 'issuer') {
        if (item.value !== undefined && item.value !== 'always') {
          const at = this.itemRange(entry, item, 'value');
          this.error(
            'extension-value-invalid',
            `${item.shownName} takes only "always" as a value.`,
            at.entry,
            at.range,
          );
          continue;
        }
        wantsIssuer = true;
      } else if (item.name !== 'none') {
        const at = this.itemRange(entry, item, 'name');
        this.error(
          'extension-value-invalid',
          `authorityKeyIdentifier takes keyid, issuer or none, not "${item.shownName}".`,
          at.entry,
          at.range,
          closestName(item.name, ['keyid', 'issuer', 'none']),
        );
      }
    }
    if (wantsIssuer && this.options.mode === 'request') {
      this.error(
        'authority-key-identifier-in-request',
        'authorityKeyIdentifier needs the issuing CA\'s certificate, which a CSR does not have: openssl req fails ("no issuer certificate"). Leave it to the CA.',
        entry,
        entry.range,
      );
    }
  }

  private checkAltNames(entry: ConfigEntry, extension: string, value: string, offset: number, critical: boolean): void {
    const section = value.startsWith('@') ? value.slice(1) : undefined;
    if (section !== undefined) {
      const target = findConfigSection(this.options.config, section);
      if (!target) {
        this.options.sink.add(
          'error',
          'san-section-missing',
          `There is no section [${shownValue(entry, offset + 1)}] for ${extension}.`,
          entry,
          this.valueRange(entry, offset, entry.value.length),
          {
            suggestion: closestName(
              section,
              this.options.config.sections.map((s) => s.name),
            ),
          },
        );
        this.result.failed = true;
        return;
      }
      if (target.entries.length === 0) {
        this.options.sink.add(
          'error',
          'san-section-empty',
          `Section [${shownValue(entry, offset + 1)}] is empty; OpenSSL rejects a ${extension} with no names.`,
          entry,
          this.valueRange(entry, offset, entry.value.length),
        );
        this.result.failed = true;
        return;
      }
    }
    const list = this.listItems(entry, value, offset);
    if (!list) return;
    const names: RequestedSubjectAltName[] = [];
    let ok = true;
    const findingsBefore = this.options.sink.findings.length;
    for (const item of list.items) {
      const at = (part: 'name' | 'value' | 'all') => this.itemRange(entry, item, part);
      const source = (() => {
        const r = at('all');
        return r.entry.includedFrom ?? r.range;
      })();
      if (item.value === undefined) {
        const where = at('name');
        if (item.name.startsWith('@')) {
          this.options.sink.add(
            'error',
            'san-mixed-inline-and-section',
            `OpenSSL reads a section only when the whole value is @section; inside a list "${item.shownName}" is a name without a value. Move the inline names into the section (DNS.1 = ..., IP.1 = ...).`,
            where.entry,
            where.range,
          );
        } else {
          this.options.sink.add(
            'error',
            'san-missing-value',
            `"${item.shownName}" has no value: write TYPE:value (DNS:host.example, IP:10.0.0.1, ...).`,
            where.entry,
            where.range,
          );
        }
        ok = false;
        continue;
      }
      const typeInfo = subjectAltNameTypeOf(item.name);
      if (extension === 'issuerAltName' && item.name.split('.')[0] === 'issuer' && item.value === 'copy') {
        if (this.options.mode === 'request') {
          const where = at('all');
          this.options.sink.add(
            'error',
            'extension-value-invalid',
            'issuer:copy copies the issuing CA\'s names, and a CSR has no issuer: openssl req fails ("no issuer details").',
            where.entry,
            where.range,
          );
          ok = false;
        }
        continue;
      }
      if (!typeInfo) {
        const where = at('name');
        const base = item.name.split('.')[0];
        const suggestion =
          SUBJECT_ALT_NAME_TYPES.find((t) => t.name.toLowerCase() === base.toLowerCase())?.name ??
          closestName(
            base,
            SUBJECT_ALT_NAME_TYPES.map((t) => t.name),
          );
        this.options.sink.add(
          'error',
          'san-unknown-type',
          `"${item.shownName}" is not a name type OpenSSL knows (${SUBJECT_ALT_NAME_TYPES.map((t) => t.name).join(', ')}; case matters)${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
          where.entry,
          where.range,
          suggestion ? { suggestion } : {},
        );
        ok = false;
        continue;
      }
      const text = item.value;
      const shown = item.shownValue ?? '';
      const origin = item.origin;
      if (typeInfo.name === 'email' && (text === 'copy' || text === 'move') && extension === 'subjectAltName') {
        if (this.options.mode === 'request' && this.options.subject) {
          const emails = this.options.subject.filter((a) => a.type === 'emailAddress');
          if (emails.length === 0) {
            const where = at('all');
            this.options.sink.add(
              'warning',
              'san-copy-without-email',
              `email:${shown} copies the subject's emailAddress, but the subject has none, so it adds nothing.`,
              where.entry,
              where.range,
            );
          }
          for (const e of emails)
            names.push(
              marked<RequestedSubjectAltName>({ type: 'email', value: e.value, source }, e.origin, e.shown ?? e.value),
            );
          if (text === 'move') {
            for (let i = this.options.subject.length - 1; i >= 0; i--) {
              if (this.options.subject[i].type === 'emailAddress') this.options.subject.splice(i, 1);
            }
          }
        }
        continue;
      }
      const where = at('value');
      switch (typeInfo.name) {
        case 'IP': {
          const ip = parseIpAddress(text);
          if (!ip) {
            this.options.sink.add(
              'error',
              'san-bad-ip',
              `"${shown}" is not an IPv4 or IPv6 address OpenSSL can read (no zone ids, no prefix lengths).`,
              where.entry,
              where.range,
            );
            ok = false;
            continue;
          }
          const formatted = formatIpAddress(ip.bytes);
          if (ip.lenient) {
            const shownFormatted = shownDerived(formatted, origin);
            this.options.sink.add(
              'warning',
              'san-bad-ip',
              `OpenSSL 3.0 reads "${shown}" as ${shownFormatted}, but newer OpenSSL releases reject it; write ${shownFormatted}.`,
              where.entry,
              where.range,
              origin ? {} : { suggestion: formatted },
            );
          }
          names.push(
            marked<RequestedSubjectAltName>(
              { type: 'IP', value: formatted, source },
              origin,
              formatted === text ? shown : shownDerived(formatted, origin),
            ),
          );
          break;
        }
        case 'DNS':
          if (text === '') {
            this.options.sink.add(
              'warning',
              'san-empty-value',
              'An empty DNS name: OpenSSL puts it into the CSR as it is.',
              where.entry,
              where.range,
            );
          } else if (!LAX_DNS.test(text) || text.length > 253) {
            this.options.sink.add(
              'warning',
              'san-bad-dns',
              `"${shown}" is not a valid DNS name (letters, digits, hyphens and dots; a leading *. at most; punycode for non-ASCII). OpenSSL does not check and copies it as given.`,
              where.entry,
              where.range,
            );
          }
          names.push(marked<RequestedSubjectAltName>({ type: 'DNS', value: text, source }, origin, shown));
          break;
        case 'email':
          if (!/^[^@\s]+@[^@\s]+$/.test(text) || /[^\x20-\x7e]/.test(text)) {
            this.options.sink.add(
              'warning',
              text === '' ? 'san-empty-value' : 'san-bad-email',
              `"${shown}" is not a plain ASCII e-mail address; OpenSSL copies it as given.`,
              where.entry,
              where.range,
            );
          }
          names.push(marked<RequestedSubjectAltName>({ type: 'email', value: text, source }, origin, shown));
          break;
        case 'URI':
          if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(text) || /[^\x20-\x7e]/.test(text)) {
            this.options.sink.add(
              'warning',
              text === '' ? 'san-empty-value' : 'san-bad-uri',
              `"${shown}" is not an absolute ASCII URI (scheme:...); OpenSSL copies it as given.`,
              where.entry,
              where.range,
            );
          }
          names.push(marked<RequestedSubjectAltName>({ type: 'URI', value: text, source }, origin, shown));
          break;
        case 'RID': {
          const resolved = resolveObject(text, this.options.registry);
          if (!resolved) {
            this.options.sink.add(
              'error',
              'san-bad-other',
              `RID takes an object name or dotted OID, not "${shown}".`,
              where.entry,
              where.range,
            );
            ok = false;
            continue;
          }
          names.push(
            marked<RequestedSubjectAltName>(
              { type: 'RID', value: resolved.oid, source },
              origin,
              shownDerived(resolved.oid, origin),
            ),
          );
          break;
        }
        case 'dirName': {
          const dirSection = findConfigSection(this.options.config, text);
          if (!dirSection) {
            this.options.sink.add(
              'error',
              'san-section-missing',
              `dirName names the section [${shown}], which does not exist.`,
              where.entry,
              where.range,
            );
            ok = false;
            continue;
          }
          const built = buildDistinguishedName(
            {
              config: this.options.config,
              registry: this.options.registry,
              sink: this.options.sink,
              section: text,
              mode: 'auto',
              utf8: false,
              stringMask: this.options.stringMask,
              what: `dirName section ${text}`,
            },
            dirSection.entries,
          );
          if (built.failed) {
            ok = false;
            continue;
          }
          // The name's own values may come from elsewhere too, whatever named its section.
          let dirOrigin = origin;
          for (const a of built.attributes) dirOrigin = mergeOrigins(dirOrigin, a.origin);
          names.push(
            marked<RequestedSubjectAltName>(
              { type: 'dirName', value: built.attributes.map((a) => `/${a.type}=${a.value}`).join(''), source },
              dirOrigin,
              built.attributes.map((a) => `/${a.type}=${a.shown ?? a.value}`).join(''),
            ),
          );
          break;
        }
        case 'otherName': {
          const semicolon = text.indexOf(';');
          const oidText = semicolon < 0 ? '' : text.slice(0, semicolon);
          const resolved = semicolon < 0 ? undefined : resolveObject(oidText, this.options.registry);
          if (!resolved || !/^[A-Za-z0-9]+:/.test(text.slice(semicolon + 1))) {
            this.options.sink.add(
              'error',
              'san-bad-other',
              'otherName takes OID;TYPE:value, for example 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com.',
              where.entry,
              where.range,
            );
            ok = false;
            continue;
          }
          const rest = text.slice(semicolon + 1);
          const otherValue = `${resolved.oid};${rest.slice(rest.indexOf(':') + 1)}`;
          names.push(
            marked<RequestedSubjectAltName>(
              { type: 'otherName', value: otherValue, source },
              origin,
              shownDerived(otherValue, origin),
            ),
          );
          break;
        }
      }
    }
    if (!ok) {
      this.result.failed = true;
      if (extension === 'subjectAltName') {
        this.result.refusedSubjectAltNames = {
          readable: names,
          findings: this.options.sink.findings.slice(findingsBefore).filter((f) => f.severity === 'error'),
        };
      }
      return;
    }
    if (extension === 'subjectAltName') {
      this.result.subjectAltNames.push(...names);
      this.result.subjectAltNameCritical = critical;
    }
  }
}

export function checkExtensionSection(
  options: ExtensionCheckOptions,
  entries: readonly ConfigEntry[],
): ExtensionSectionResult {
  return new ExtensionChecker(options).check(entries);
}
