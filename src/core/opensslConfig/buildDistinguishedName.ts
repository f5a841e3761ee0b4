// The subject `openssl req -new -batch` builds from the distinguished_name section (apps/req.c: auto_info for
// `prompt = no`, prompt_info otherwise, where -batch answers every prompt with its _default value), and the
// names of dirName SANs (X509V3_NAME_from_section). Errors are the ones that make openssl req fail.
import { compareDer, oidBytes, tlv } from '../x509/derWriter';
import { Asn1StringType, ASN1_STRING_TAGS, encodeNameString } from './encodeNameString';
import { closestName } from '../text/closestName';
import { dnFieldCatalog } from './dnFieldCatalog';
import { FindingSink } from './findingSink';
import { findConfigEntry, shownSectionName } from './lookupConfigValue';
import { displayName, ObjectRegistry, resolveObject, ResolvedObject } from '../x509/opensslObjects';
import { ConfigEntry, ParsedConfig, SourceRange } from './parseOpensslConfig';
import { placeholder, shownDerived, shownValue, ValueOrigin } from './valueOrigin';

export interface RequestedNameAttribute {
  /** OpenSSL's short name (`CN`, `O`, ...) or the dotted OID of a type it does not know by name. */
  type: string;
  oid: string;
  /** The characters of the string in the CSR. */
  value: string;
  stringType: Asn1StringType;
  /** 0-based index of the RDN; attributes sharing one come from `+` fields (multi-valued RDNs). */
  rdn: number;
  /** The config entry that names the field (`1.organizationName`). */
  field: string;
  /** Where the value comes from in the main text (the field, its _value or its _default line). */
  source: SourceRange;
  /** Set when the value came from the environment or an included file: it goes into the CSR, never on screen. */
  origin?: ValueOrigin;
  /** What to show instead of `value` when `origin` is set. */
  shown?: string;
}

export interface BuildNameOptions {
  config: ParsedConfig;
  registry: ObjectRegistry;
  sink: FindingSink;
  /** Section the field entries come from, for `_default` lookups. */
  section: string;
  /** `prompt = no` (auto_info) or prompting answered by -batch (prompt_info). */
  mode: 'auto' | 'prompt';
  utf8: boolean;
  stringMask: number;
  /** What the name is, for messages: "subject" or "dirName section x". */
  what: string;
}

interface Pending {
  attribute: RequestedNameAttribute;
  der: Uint8Array;
  multiValued: boolean;
}

/** Everything up to the first `.`, `,` or `:` is a prefix that lets a field repeat (`0.OU`, `1.OU`). */
export function fieldType(name: string): { type: string; multiValued: boolean } {
  let type = name;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === ':' || c === ',' || c === '.') {
      if (i + 1 < name.length) type = name.slice(i + 1);
      break;
    }
  }
  if (type.startsWith('+')) return { type: type.slice(1), multiValued: true };
  return { type, multiValued: false };
}

const SUFFIXES = ['_min', '_max', '_default', '_value'];

function suffixOf(name: string): string | undefined {
  return SUFFIXES.find((s) => name.endsWith(s));
}

/** NCONF_get_number: the leading decimal digits; undefined when the number overflows a long. */
export function configNumber(text: string): number | undefined {
  let digits = '';
  for (const ch of text) {
    if (ch < '0' || ch > '9') break;
    digits += ch;
  }
  if (digits.length === 0) return 0;
  const big = BigInt(digits);
  if (big > (1n << 63n) - 1n) return undefined;
  return Number(BigInt.asIntN(32, big));
}

function dnSuggestion(type: string, registry: ObjectRegistry): string | undefined {
  const names: string[] = [];
  for (const f of dnFieldCatalog()) names.push(f.shortName, f.longName);
  for (const name of registry.keys()) names.push(name);
  return closestName(type, names);
}

function attributeDer(oid: string, tag: number, content: Uint8Array): Uint8Array {
  return Uint8Array.from(tlv(0x30, [...tlv(0x06, oidBytes(oid)), ...tlv(tag, content)]));
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Adds one field value as OpenSSL does (X509_NAME_add_entry_by_*); reports what makes openssl fail and returns
 * undefined then.
 */
function addField(
  options: BuildNameOptions,
  pending: Pending[],
  resolved: ResolvedObject,
  multiValued: boolean,
  value: string,
  field: ConfigEntry,
  valueEntry: ConfigEntry,
): boolean {
  const { sink } = options;
  const object = resolved.object;
  if (object && !object.oid) {
    sink.add(
      'error',
      'dn-object-without-oid',
      `${object.sn} is an OpenSSL name without an OID; it cannot be a DN field.`,
      field,
      field.nameRange,
    );
    return false;
  }
  const tableName = object && !options.registry.has(object.sn) ? object.sn : undefined;
  const encoded = encodeNameString(value, tableName, options.utf8, options.stringMask);
  const type = displayName(resolved);
  if (!encoded.ok) {
    const range = valueEntry.valueRange;
    switch (encoded.reason) {
      case 'too-short':
        if (type === 'CN' && value === '') {
          sink.add(
            'error',
            'empty-cn',
            `CN is empty; OpenSSL needs at least one character in a common name.`,
            valueEntry,
            range,
          );
        } else {
          sink.add(
            'error',
            'dn-value-too-short',
            `${type} must have at least ${encoded.limit} characters; OpenSSL refuses "${shownValue(valueEntry)}".`,
            valueEntry,
            range,
          );
        }
        break;
      case 'too-long':
        sink.add(
          'error',
          'dn-value-too-long',
          `${type} may have at most ${encoded.limit} characters; this value has ${options.utf8 ? Array.from(value).length : utf8Length(value)}${options.utf8 ? '' : ' (bytes count as characters without utf8 = yes)'}.`,
          valueEntry,
          range,
        );
        break;
      case 'illegal-characters':
        sink.add(
          'error',
          'dn-illegal-characters',
          `"${shownValue(valueEntry)}" has characters ${type} cannot hold${options.stringMask !== 0x2000 ? ' with this string_mask' : ''} (see the string types OpenSSL allows for it).`,
          valueEntry,
          range,
        );
        break;
      case 'invalid-utf8':
        sink.add('error', 'dn-invalid-utf8', `The value of ${type} is not valid UTF-8.`, valueEntry, range);
        break;
    }
    return false;
  }
  if (!options.utf8 && /[^\p{ASCII}]/u.test(value)) {
    sink.add(
      'warning',
      'non-ascii-without-utf8',
      valueEntry.origin
        ? `Without utf8 = yes in the req section OpenSSL reads every byte of ${placeholder(valueEntry.origin)} as a character, which garbles its non-ASCII characters in the CSR.`
        : `Without utf8 = yes in the req section OpenSSL reads every byte as a character: the CSR gets "${encoded.value}" instead of "${value}".`,
      valueEntry,
      valueEntry.valueRange,
    );
  }
  const attribute: RequestedNameAttribute = {
    type,
    oid: resolved.oid,
    value: encoded.value,
    stringType: encoded.type,
    rdn: 0,
    field: field.name,
    source: valueEntry.includedFrom ?? valueEntry.valueRange,
  };
  if (valueEntry.origin) {
    attribute.origin = valueEntry.origin;
    // A re-encoded value (bytes read as characters) has no parts that can be shown.
    attribute.shown = encoded.value === valueEntry.value ? shownValue(valueEntry) : placeholder(valueEntry.origin);
  }
  pending.push({
    attribute,
    der: attributeDer(resolved.oid, ASN1_STRING_TAGS[encoded.type], encoded.content),
    multiValued,
  });
  return true;
}

/** Groups into RDNs and orders each multi-valued RDN the way DER encodes a SET (by encoding). */
function finish(pending: Pending[]): RequestedNameAttribute[] {
  const rdns: Pending[][] = [];
  for (const p of pending) {
    if (p.multiValued && rdns.length > 0) rdns[rdns.length - 1].push(p);
    else rdns.push([p]);
  }
  const out: RequestedNameAttribute[] = [];
  rdns.forEach((rdn, index) => {
    rdn.sort((a, b) => compareDer(a.der, b.der));
    for (const p of rdn) out.push({ ...p.attribute, rdn: index });
  });
  return out;
}

/** auto_info / X509V3_NAME_from_section: every entry is a field, its value the field's value. */
function buildAuto(
  options: BuildNameOptions,
  entries: readonly ConfigEntry[],
): { attributes: RequestedNameAttribute[]; failed: boolean } {
  const pending: Pending[] = [];
  let failed = false;
  for (const entry of entries) {
    const { type, multiValued } = fieldType(entry.name);
    const resolved = resolveObject(type, options.registry);
    if (!resolved) {
      const suffix = suffixOf(entry.name);
      const base = suffix ? entry.name.slice(0, -suffix.length) : undefined;
      const suggestion = base !== undefined ? undefined : dnSuggestion(type, options.registry);
      const message =
        base !== undefined
          ? `With prompt = no every line of the section is a field, and "${entry.name}" is no field name: write the value as ${base} = ... instead.`
          : `"${type}" is not a name OpenSSL knows, so openssl req fails${suggestion ? `; did you mean ${suggestion}?` : '.'}`;
      options.sink.add('error', 'unknown-dn-field', message, entry, entry.nameRange, suggestion ? { suggestion } : {});
      failed = true;
      continue;
    }
    if (!addField(options, pending, resolved, multiValued, entry.value, entry, entry)) failed = true;
  }
  return { attributes: finish(pending), failed };
}

/** prompt_info answered by -batch: each field takes its `_value`, else its `_default`, else is left out. */
function buildPrompted(
  options: BuildNameOptions,
  entries: readonly ConfigEntry[],
): { attributes: RequestedNameAttribute[]; failed: boolean } {
  const { config, sink, section } = options;
  const pending: Pending[] = [];
  let failed = false;
  const fieldNames = new Set(entries.filter((e) => !suffixOf(e.name)).map((e) => e.name));
  for (const entry of entries) {
    const suffix = suffixOf(entry.name);
    if (suffix) {
      const base = entry.name.slice(0, -suffix.length);
      if (!fieldNames.has(base)) {
        sink.add(
          'warning',
          'default-without-field',
          `${entry.name} has no ${base} line in ${shownSectionName(config, section)}, so openssl req never uses it: the prompt line "${base} = ..." is what makes a field.`,
          entry,
          entry.nameRange,
        );
      }
      continue;
    }
    const { type, multiValued } = fieldType(entry.name);
    const resolved = resolveObject(type, options.registry);
    if (!resolved || !resolved.object) {
      const suggestion = dnSuggestion(type, options.registry);
      sink.add(
        'warning',
        'unknown-dn-field',
        `"${type}" is not a name OpenSSL knows, so openssl req silently leaves this field out of the subject${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
        entry,
        entry.nameRange,
        suggestion ? { suggestion } : {},
      );
      continue;
    }
    if (Buffer.byteLength(entry.name, 'utf8') + '_default'.length + 1 > 100) {
      sink.add(
        'error',
        'dn-field-name-too-long',
        `openssl req cannot look up the default of a field name this long (at most 91 bytes).`,
        entry,
        entry.nameRange,
      );
      failed = true;
      continue;
    }
    const defaultEntry = findConfigEntry(config, section, `${entry.name}_default`);
    const valueEntry = findConfigEntry(config, section, `${entry.name}_value`);
    const minEntry = findConfigEntry(config, section, `${entry.name}_min`);
    const maxEntry = findConfigEntry(config, section, `${entry.name}_max`);
    const min = minEntry ? (configNumber(minEntry.value) ?? -1) : -1;
    const max = maxEntry ? (configNumber(maxEntry.value) ?? -1) : -1;
    let answer: string;
    let from: ConfigEntry;
    if (valueEntry && valueEntry.value !== '') {
      if (valueEntry.value === '.') continue;
      answer = valueEntry.value;
      from = valueEntry;
    } else {
      const def = defaultEntry?.value ?? '';
      if (def === '') {
        const hint = `${entry.name} has no ${entry.name}_default, so openssl req -batch leaves ${type} out of the subject.`;
        if (type === 'CN' || resolved.object.sn === 'CN')
          sink.add('warning', 'empty-cn', hint, defaultEntry ?? entry, (defaultEntry ?? entry).range);
        else sink.add('info', 'dn-field-dropped', hint, defaultEntry ?? entry, (defaultEntry ?? entry).range);
        continue;
      }
      answer = def;
      from = defaultEntry as ConfigEntry;
    }
    // req's fixed buffer: a value and its newline must fit in 1024 bytes.
    if (utf8Length(answer) + 2 > 1024) {
      sink.add(
        'error',
        'dn-value-too-long',
        `openssl req takes at most 1022 bytes for a prompted value.`,
        from,
        from.valueRange,
      );
      failed = true;
      continue;
    }
    const length = utf8Length(answer);
    if (min > 0 && length < min) {
      sink.add(
        'error',
        'dn-length-limit',
        `${entry.name}_min is ${shownDerived(String(min), minEntry?.origin)}: "${shownValue(from)}" has only ${length} bytes, and openssl req -batch fails.`,
        from,
        from.valueRange,
      );
      failed = true;
      continue;
    }
    if (max >= 0 && length > max) {
      sink.add(
        'error',
        'dn-length-limit',
        `${entry.name}_max is ${shownDerived(String(max), maxEntry?.origin)}${maxEntry && !maxEntry.origin && !/^\d/.test(maxEntry.value) ? ` (OpenSSL reads "${maxEntry.value}" as ${max})` : ''}: "${shownValue(from)}" has ${length} bytes, and openssl req -batch fails.`,
        from,
        from.valueRange,
      );
      failed = true;
      continue;
    }
    if (!addField(options, pending, resolved, multiValued, answer, entry, from)) failed = true;
  }
  return { attributes: finish(pending), failed };
}

export function buildDistinguishedName(
  options: BuildNameOptions,
  entries: readonly ConfigEntry[],
): { attributes: RequestedNameAttribute[]; failed: boolean } {
  return options.mode === 'auto' ? buildAuto(options, entries) : buildPrompted(options, entries);
}
