// What `openssl req -new -config FILE -batch -key KEY` puts into a CSR, computed from a parsed config in the
// order apps/req.c (OpenSSL 3.0) works: library modules and oid_section, the extension sections' syntax,
// string_mask and utf8, the subject, the requested extensions, then signing with default_md. Every finding of
// severity `error` is a reason openssl req would fail.
import { buildDistinguishedName, configNumber, RequestedNameAttribute } from './buildDistinguishedName';
import {
  checkExtensionSection,
  RefusedSubjectAltNames,
  RequestedExtension,
  RequestedSubjectAltName,
} from './checkExtensionSection';
import { closestName } from '../text/closestName';
import { ConfigFinding } from './configFinding';
import { encodeNameString, DEFAULT_STRING_MASK, parseStringMask } from './encodeNameString';
import { DIGEST_NAMES } from './extensionCatalog';
import { FindingSink } from './findingSink';
import { findConfigEntry, findConfigSection } from './lookupConfigValue';
import {
  objectByLongName,
  objectByOid,
  objectByShortName,
  OpensslObject,
  parseNumericOid,
  resolveObject,
} from '../x509/opensslObjects';
import { ConfigEntry, ParsedConfig } from './parseOpensslConfig';
import { placeholder, shownDerived, shownValue, ValueOrigin } from './valueOrigin';

export type { RequestedNameAttribute } from './buildDistinguishedName';
export type { RefusedSubjectAltNames, RequestedExtension, RequestedSubjectAltName } from './checkExtensionSection';

export interface RequestFromConfigOptions {
  /** The section openssl req reads (`-section`); `req` by default. */
  section?: string;
}

export interface RequestedAttribute {
  type: string;
  oid: string;
  value: string;
  /** Set when the value came from the environment or an included file: it is used, not shown. */
  origin?: ValueOrigin;
  /** What to show instead of `value` when `origin` is set. */
  shown?: string;
}

export interface ConfigRequest {
  /** Whether `openssl req -new -batch -key K -config FILE` succeeds: the config loads and no finding is an error. */
  ok: boolean;
  section: string;
  /** `prompt = no`: the subject comes straight from the distinguished_name values. */
  promptNo: boolean;
  distinguishedNameSection?: string;
  requestExtensionsSection?: string;
  x509ExtensionsSection?: string;
  attributesSection?: string;
  /** In the order of the CSR's encoding (a multi-valued RDN's members sorted as DER sorts a SET). */
  subject: RequestedNameAttribute[];
  subjectAltNames: RequestedSubjectAltName[];
  /** Set when openssl req refuses the subjectAltName list for some of its names (see ExtensionSectionResult). */
  refusedSubjectAltNames?: RefusedSubjectAltNames;
  subjectAltNamesCritical?: boolean;
  /** Every requested extension, subjectAltName included, in section order. */
  extensions: RequestedExtension[];
  attributes: RequestedAttribute[];
  /** default_bits as OpenSSL reads a number (leading digits); used only when openssl req makes the key. */
  defaultBits?: number;
  defaultMd?: string;
  defaultKeyfile?: string;
  /** From encrypt_rsa_key / encrypt_key: false when "no". */
  encryptKey?: boolean;
  stringMask?: string;
  utf8: boolean;
  /** Findings about the request; the parse findings stay in ParsedConfig.findings. */
  findings: ConfigFinding[];
}

/** Objects `oid_section` defines (apps' add_oid_section: `name = dotted.oid`, short and long name alike). */
function loadOidSection(config: ParsedConfig, sink: FindingSink): Map<string, OpensslObject> {
  const registry = new Map<string, OpensslObject>();
  const pointer = findConfigEntry(config, null, 'oid_section');
  if (!pointer) return registry;
  const section = findConfigSection(config, pointer.value);
  if (!section) {
    sink.add(
      'error',
      'oid-section-missing',
      `oid_section names [${shownValue(pointer)}], which does not exist: openssl req fails ("problem loading oid section").`,
      pointer,
      pointer.valueRange,
    );
    return registry;
  }
  for (const entry of section.entries) {
    const parsed = parseNumericOid(entry.value);
    if ('error' in parsed || !/^[0-9]/.test(entry.value)) {
      sink.add(
        'error',
        'invalid-oid',
        `"${shownValue(entry)}" is not a dotted OID (OpenSSL's apps take only name = 1.2.3.4 here).`,
        entry,
        entry.valueRange,
      );
      continue;
    }
    if (
      objectByShortName(entry.name) ||
      objectByLongName(entry.name) ||
      registry.has(entry.name) ||
      objectByOid(parsed.oid) ||
      [...registry.values()].some((o) => o.oid === parsed.oid)
    ) {
      sink.add(
        'error',
        'invalid-oid',
        `OpenSSL already knows ${objectByOid(parsed.oid) ? `the OID ${shownDerived(parsed.oid, entry.origin)}` : `the name ${entry.name}`}: it refuses to define it again ("oid exists").`,
        entry,
        entry.range,
      );
      continue;
    }
    registry.set(entry.name, { sn: entry.name, ln: entry.name, oid: parsed.oid });
  }
  return registry;
}

/** Marks a value taken from `entry` with the entry's origin, and how to show it. */
function withOrigin<T extends { value: string; origin?: ValueOrigin; shown?: string }>(
  target: T,
  entry: ConfigEntry,
  encoded: string,
): T {
  if (entry.origin) {
    target.origin = entry.origin;
    // The encoded value is the entry's unless the encoding changed it; then no part of it can be shown.
    target.shown = encoded === entry.value ? shownValue(entry) : placeholder(entry.origin);
  }
  return target;
}

function renumberRdns(subject: RequestedNameAttribute[]): void {
  let previous = -1;
  let index = -1;
  for (const attribute of subject) {
    if (attribute.rdn !== previous) {
      previous = attribute.rdn;
      index++;
    }
    attribute.rdn = index;
  }
}

export function requestFromConfig(config: ParsedConfig, options: RequestFromConfigOptions = {}): ConfigRequest {
  const section = options.section ?? 'req';
  const sink = new FindingSink(config);
  const get = (name: string): ConfigEntry | undefined => findConfigEntry(config, section, name);
  const request: ConfigRequest = {
    ok: false,
    section,
    promptNo: false,
    subject: [],
    subjectAltNames: [],
    extensions: [],
    attributes: [],
    utf8: false,
    findings: sink.findings,
  };

  if (!findConfigSection(config, section)) {
    sink.add(
      'warning',
      'missing-req-section',
      `There is no [${section}] section; openssl req then reads every key from the default section.`,
      undefined,
      sink.fileStart(),
    );
  }

  // app_load_modules: openssl_conf in the default section configures the library when the file is loaded.
  const modules = findConfigEntry(config, null, 'openssl_conf');
  if (modules) {
    if (!findConfigSection(config, modules.value)) {
      sink.add(
        'error',
        'openssl-conf-section-missing',
        `openssl_conf names [${shownValue(modules)}], which does not exist: openssl req fails before it reads anything else.`,
        modules,
        modules.valueRange,
      );
    } else {
      sink.add(
        'info',
        'openssl-conf-modules',
        `openssl_conf = ${shownValue(modules)} configures the OpenSSL library (providers, engines) when openssl loads this file; that part is not checked here.`,
        modules,
        modules.range,
      );
    }
  }
  const registry = loadOidSection(config, sink);

  const mdEntry = get('default_md');
  if (mdEntry) request.defaultMd = mdEntry.value;
  const stringMaskEntry = get('string_mask');
  let stringMask = DEFAULT_STRING_MASK;
  if (stringMaskEntry) {
    request.stringMask = stringMaskEntry.value;
    const mask = parseStringMask(stringMaskEntry.value);
    if (mask === undefined) {
      sink.add(
        'error',
        'string-mask-invalid',
        `"${shownValue(stringMaskEntry)}" is not a string_mask OpenSSL knows (utf8only, default, pkix, nombstr or MASK:number).`,
        stringMaskEntry,
        stringMaskEntry.valueRange,
        { suggestion: closestName(stringMaskEntry.value, ['utf8only', 'default', 'pkix', 'nombstr']) },
      );
    } else {
      stringMask = mask;
    }
  }
  const utf8Entry = get('utf8');
  request.utf8 = utf8Entry?.value === 'yes';
  if (utf8Entry && !request.utf8 && /^(y|true|on|1|Yes|YES)$/i.test(utf8Entry.value)) {
    sink.add(
      'warning',
      'utf8-not-yes',
      `openssl req only recognises utf8 = yes (exactly); "${shownValue(utf8Entry)}" leaves values read byte by byte.`,
      utf8Entry,
      utf8Entry.valueRange,
      { suggestion: 'yes' },
    );
  }

  // Both extension sections are checked before anything is built, x509_extensions too although only -x509 uses it.
  const x509Pointer = get('x509_extensions');
  const reqPointer = get('req_extensions');
  const checkSyntax = (pointer: ConfigEntry | undefined, what: string) => {
    if (!pointer) return;
    const target = findConfigSection(config, pointer.value);
    if (!target) {
      sink.add(
        'error',
        'extension-section-missing',
        `${what} names [${shownValue(pointer)}], which does not exist: openssl req fails.`,
        pointer,
        pointer.valueRange,
        {
          suggestion: closestName(
            pointer.value,
            config.sections.map((s) => s.name),
          ),
        },
      );
      return;
    }
    if (pointer === reqPointer || (pointer === x509Pointer && reqPointer?.value === pointer.value)) return;
    checkExtensionSection({ config, registry, sink, mode: 'test', stringMask }, target.entries);
  };
  if (x509Pointer) request.x509ExtensionsSection = x509Pointer.value;
  if (reqPointer) request.requestExtensionsSection = reqPointer.value;
  checkSyntax(x509Pointer, 'x509_extensions');
  checkSyntax(reqPointer, 'req_extensions');

  // make_REQ.
  const promptEntry = get('prompt');
  request.promptNo = promptEntry?.value === 'no';
  if (promptEntry && !request.promptNo && /^no$/i.test(promptEntry.value.trim())) {
    sink.add(
      'warning',
      'prompt-not-no',
      `Only prompt = no (exactly, lowercase) turns prompting off; with "${shownValue(promptEntry)}" openssl req -batch takes the _default values instead.`,
      promptEntry,
      promptEntry.valueRange,
      { suggestion: 'no' },
    );
  }
  const dnPointer = get('distinguished_name');
  const dnSection = dnPointer ? findConfigSection(config, dnPointer.value) : undefined;
  if (dnPointer) request.distinguishedNameSection = dnPointer.value;
  if (!dnPointer) {
    sink.add(
      'error',
      'missing-distinguished-name',
      `[${section}] has no distinguished_name, so openssl req has no subject fields ("No objects specified in config file").`,
      undefined,
      sink.sectionAnchor(section),
    );
  } else if (!dnSection) {
    sink.add(
      'error',
      'distinguished-name-section-missing',
      `distinguished_name names [${shownValue(dnPointer)}], which does not exist: openssl req fails ("Unable to get '${shownValue(dnPointer)}' section").`,
      dnPointer,
      dnPointer.valueRange,
      {
        suggestion: closestName(
          dnPointer.value,
          config.sections.map((s) => s.name),
        ),
      },
    );
  }
  const attributesPointer = get('attributes');
  const attributesSection = attributesPointer ? findConfigSection(config, attributesPointer.value) : undefined;
  if (attributesPointer) {
    request.attributesSection = attributesPointer.value;
    if (!attributesSection) {
      sink.add(
        'error',
        'attributes-section-missing',
        `attributes names [${shownValue(attributesPointer)}], which does not exist: openssl req fails.`,
        attributesPointer,
        attributesPointer.valueRange,
      );
    }
  }
  if (dnSection && dnPointer) {
    const built = buildDistinguishedName(
      {
        config,
        registry,
        sink,
        section: dnPointer.value,
        mode: request.promptNo ? 'auto' : 'prompt',
        utf8: request.utf8,
        stringMask,
        what: 'subject',
      },
      dnSection.entries,
    );
    request.subject = built.attributes;
    if (!built.failed && built.attributes.length === 0) {
      sink.add(
        'error',
        'empty-distinguished-name',
        dnSection.entries.length === 0 && !request.promptNo
          ? `[${shownValue(dnPointer)}] is empty: openssl req fails ("No template, please set one up").`
          : `Nothing in [${shownValue(dnPointer)}] gives the subject a value: openssl req fails ("No objects specified in config file").`,
        dnPointer,
        dnPointer.valueRange,
      );
    }
  }
  if (attributesSection) {
    for (const entry of attributesSection.entries) {
      const resolved = resolveObject(entry.name, registry);
      if (request.promptNo) {
        if (!resolved) {
          sink.add(
            'error',
            'unknown-attribute',
            `"${entry.name}" is not a name OpenSSL knows, so openssl req fails.`,
            entry,
            entry.nameRange,
            { suggestion: closestName(entry.name, ['challengePassword', 'unstructuredName', 'unstructuredAddress']) },
          );
          continue;
        }
        const table = resolved.object && !registry.has(resolved.object.sn) ? resolved.object.sn : undefined;
        const encoded = encodeNameString(entry.value, table, request.utf8, stringMask);
        if (!encoded.ok) {
          sink.add(
            'error',
            encodingFailureCode(encoded.reason),
            `OpenSSL cannot encode this ${entry.name} value (${encoded.reason.replace('-', ' ')}).`,
            entry,
            entry.valueRange,
          );
          continue;
        }
        request.attributes.push(
          withOrigin(
            { type: resolved.object?.sn ?? resolved.oid, oid: resolved.oid, value: encoded.value },
            entry,
            encoded.value,
          ),
        );
      } else {
        // prompt_info's second loop: like the DN fields, without prefixes, and unknown names silently skipped.
        if (!resolved?.object) continue;
        const lookup = (suffix: string) => findConfigEntry(config, attributesSection.name, `${entry.name}${suffix}`);
        const valueEntry = lookup('_value');
        const defaultEntry = lookup('_default');
        let from: ConfigEntry | undefined;
        if (valueEntry && valueEntry.value !== '') {
          if (valueEntry.value === '.') continue;
          from = valueEntry;
        } else if (defaultEntry && defaultEntry.value !== '') {
          from = defaultEntry;
        }
        if (!from) continue;
        const bytes = Buffer.byteLength(from.value, 'utf8');
        const minEntry = lookup('_min');
        const maxEntry = lookup('_max');
        const min = minEntry ? (configNumber(minEntry.value) ?? -1) : -1;
        const max = maxEntry ? (configNumber(maxEntry.value) ?? -1) : -1;
        if (bytes + 2 > 1024 || (min > 0 && bytes < min) || (max >= 0 && bytes > max)) {
          sink.add(
            'error',
            bytes + 2 > 1024 ? 'dn-value-too-long' : 'dn-length-limit',
            `The ${entry.name} answer has ${bytes} bytes, outside what openssl req allows here${min > 0 || max >= 0 ? ` (_min ${min}, _max ${max})` : ''}.`,
            from,
            from.valueRange,
          );
          continue;
        }
        const table = !registry.has(resolved.object.sn) ? resolved.object.sn : undefined;
        const encoded = encodeNameString(from.value, table, request.utf8, stringMask);
        if (!encoded.ok) {
          sink.add(
            'error',
            encodingFailureCode(encoded.reason),
            `OpenSSL cannot encode this ${entry.name} value (${encoded.reason.replace('-', ' ')}).`,
            from,
            from.valueRange,
          );
          continue;
        }
        request.attributes.push(
          withOrigin({ type: resolved.object.sn, oid: resolved.oid, value: encoded.value }, from, encoded.value),
        );
      }
    }
  }

  // The request extensions, built against the subject (email:copy and email:move read it).
  if (reqPointer) {
    const target = findConfigSection(config, reqPointer.value);
    if (target) {
      const built = checkExtensionSection(
        { config, registry, sink, mode: 'request', subject: request.subject, stringMask },
        target.entries,
      );
      request.extensions = built.extensions;
      request.subjectAltNames = built.subjectAltNames;
      if (built.refusedSubjectAltNames) request.refusedSubjectAltNames = built.refusedSubjectAltNames;
      if (built.subjectAltNameCritical !== undefined) request.subjectAltNamesCritical = built.subjectAltNameCritical;
      renumberRdns(request.subject);
    }
  }

  if (mdEntry && !DIGEST_NAMES.includes(mdEntry.value.toLowerCase())) {
    sink.add(
      'error',
      'default-md-unknown',
      `"${shownValue(mdEntry)}" is not a digest OpenSSL 3.0 signs RSA requests with; openssl req fails when signing.`,
      mdEntry,
      mdEntry.valueRange,
      { suggestion: closestName(mdEntry.value, ['sha256', 'sha384', 'sha512', 'sha3-256', 'sha1']) },
    );
  }

  // Keys that matter only when openssl req generates the key itself.
  const bits = get('default_bits');
  if (bits) {
    const n = configNumber(bits.value);
    if (n !== undefined && /^\d/.test(bits.value)) request.defaultBits = n;
    else
      sink.add(
        'warning',
        'default-bits-invalid',
        `OpenSSL reads default_bits "${shownValue(bits)}" as no number and would generate a 2048-bit key.`,
        bits,
        bits.valueRange,
      );
    if (request.defaultBits !== undefined && request.defaultBits < 2048) {
      sink.add(
        'warning',
        'default-bits-too-small',
        `default_bits = ${shownDerived(String(request.defaultBits), bits.origin)}: keys under 2048 bits are weak${request.defaultBits < 512 ? ', and openssl req refuses to generate one under 512' : ''}.`,
        bits,
        bits.valueRange,
      );
    }
  }
  const keyfile = get('default_keyfile');
  if (keyfile) request.defaultKeyfile = keyfile.value;
  const encrypt = get('encrypt_rsa_key') ?? get('encrypt_key');
  if (encrypt) request.encryptKey = encrypt.value !== 'no';

  request.ok = !config.loadError && !sink.hasErrors;
  return request;
}

/** The finding for a value OpenSSL cannot encode in the attribute's string type. */
function encodingFailureCode(reason: string): 'dn-value-too-short' | 'dn-value-too-long' | 'dn-illegal-characters' {
  return reason === 'too-short'
    ? 'dn-value-too-short'
    : reason === 'too-long'
      ? 'dn-value-too-long'
      : 'dn-illegal-characters';
}
