// The OpenSSL 3 config reader (crypto/conf/conf_def.c, NCONF_load) reimplemented so that every value means what
// it means to openssl, with positions kept. Behaviour was read from the source and probed on the openssl binary;
// the differential tests in test/unit/opensslConfig hold it to that. Variables are expanded while reading, from
// the values defined so far, exactly like OpenSSL does: a later definition never reaches an earlier reference.
import {
  ConfigFinding,
  ConfigFindingCode,
  ConfigFindingData,
  makeFinding,
  setFileData,
  SourceRange,
} from './configFinding';
import { configFindingSummary } from './configFindingSummary';
import { appendSpans, mergeOrigins, placeholder, TaintSpan, ValueOrigin } from './valueOrigin';
import { Severity } from '../model';

export type { SourceRange } from './configFinding';
export type { TaintSpan, ValueOrigin } from './valueOrigin';

export interface ParseOpensslConfigOptions {
  /** Path of the file, for messages only. */
  path?: string;
  /**
   * The environment for `$ENV::NAME` and OPENSSL_CONF_INCLUDE. Without it, ENV references are reported as
   * unknown (info) instead of failing, because the core never reads process.env itself.
   */
  env?: Record<string, string | undefined>;
  /**
   * Reads an included file. Receives the path exactly as openssl would open it: relative paths are relative to
   * openssl's working directory, not to the config file. Returns undefined when there is no such file.
   * Without it, `.include` lines are recorded but not followed.
   */
  readInclude?: (path: string) => string | undefined;
  /**
   * Lists a directory named by `.include` in the order openssl would read it (readdir order, which the file
   * system decides), or returns undefined when the path is not a directory.
   */
  listIncludeDirectory?: (path: string) => string[] | undefined;
}

export interface ConfigEntry {
  /** The section OpenSSL stores it in (`default` before the first header). */
  section: string;
  /** The name as OpenSSL keeps it: escapes are not processed in names. */
  name: string;
  /** The value as written: after `=`, trimmed, continuation lines joined, comment removed. */
  rawValue: string;
  /** The value OpenSSL stores: quotes and escapes processed, variables expanded. */
  value: string;
  /** Set when the entry comes from an included file (the path as given to readInclude). */
  file?: string;
  /**
   * How that file is named to the user: its path, unless the path came from the environment or from another
   * included file's text (that text is not shown either).
   */
  fileLabel?: string;
  /**
   * Set when any of the value's text did not come from the main text: a `$ENV::` value, or an included file
   * (every entry of an included file has it). Such a value is used, never shown: see shownText.
   */
  origin?: ValueOrigin;
  /** Which parts of `value` came from where `origin` says. */
  taint?: TaintSpan[];
  /** For an entry of an included file: the `.include` line of the main text that led to it. */
  includedFrom?: SourceRange;
  nameRange: SourceRange;
  valueRange: SourceRange;
  /** Name through value. */
  range: SourceRange;
  /** Written as `section::name = value`. */
  explicitSection: boolean;
  /** A later assignment of the same name in the same section replaced it. */
  superseded: boolean;
  /** Set when a variable could not be expanded; `value` then holds the rest of the text. */
  expansionFailed?: boolean;
  /** The line number OpenSSL would give for this entry (it counts included lines too). */
  opensslLine: number;
  /** Maps offsets in `value` back to the source; used by entryValueRange. */
  valueMap: ValueMap;
}

/**
 * `pieces`: triples (offset in the logical line, 1-based line, 0-based column) where a physical line starts.
 * `segments`: quadruples (offset in value, source start, source end, linear 1/0): a linear segment maps
 * character k to source start + k; an atomic one (a variable, an escape) maps all of it to the whole source span.
 */
export interface ValueMap {
  pieces: number[];
  segments: number[];
}

export interface ConfigSectionHeader {
  range: SourceRange;
  nameRange: SourceRange;
  file?: string;
  fileLabel?: string;
  includedFrom?: SourceRange;
  /** Set when the name came through a variable from the environment or an included file (`[ $ENV::X ]`). */
  origin?: ValueOrigin;
}

export interface ConfigSection {
  name: string;
  /** Every `[ name ]` line for it: a section may be opened more than once. Empty for `default`. */
  headers: ConfigSectionHeader[];
  /** Effective entries in OpenSSL's order: a redefined name moves to where it was last defined. */
  entries: ConfigEntry[];
  /**
   * Set when the name is not plainly written in the main text: every header of the section is in an included
   * file or got its name through a variable from one or from the environment.
   */
  nameOrigin?: ValueOrigin;
}

export interface ConfigIncludeDirective {
  kind: 'include';
  /** The path after quotes, escapes, variables and the include directory were applied. */
  path: string;
  /** The path as it is shown: parts from the environment or from included text are named, not shown. */
  pathLabel: string;
  /** Set when the path came partly from the environment or an included file. */
  pathOrigin?: ValueOrigin;
  outcome: 'file' | 'directory' | 'missing' | 'not-followed' | 'refused' | 'recursive-directory';
  /** Files actually read (for a directory: those with .cnf/.conf names, in reading order). */
  files: string[];
  range: SourceRange;
  pathRange: SourceRange;
  file?: string;
}

export interface ConfigPragmaDirective {
  kind: 'pragma';
  key: string;
  value: string;
  range: SourceRange;
  file?: string;
}

export type ConfigDirective = ConfigIncludeDirective | ConfigPragmaDirective;

export interface ParsedConfig {
  path?: string;
  /** In order of creation; `default` first. */
  sections: ConfigSection[];
  /** Every assignment in reading order, superseded ones included. */
  entries: ConfigEntry[];
  directives: ConfigDirective[];
  findings: ConfigFinding[];
  /** The first error that makes OpenSSL refuse to load the config; reading goes on after it for the editor. */
  loadError?: ConfigFinding;
  /** Number of lines of the main text. */
  lineCount: number;
}

// Character classes of OpenSSL's default config syntax (CONF_type_default in crypto/conf/conf_def.h).
const WS = 1;
const ALNUM = 2;
const PUNCT = 4;
const QUOTE = 8;
const ESC = 16;
const COMMENT = 32;
const classes = new Uint8Array(128);
for (const c of [0x09, 0x0a, 0x0d, 0x20]) classes[c] = WS;
for (let c = 0x30; c <= 0x39; c++) classes[c] = ALNUM;
for (let c = 0x41; c <= 0x5a; c++) classes[c] = ALNUM;
for (let c = 0x61; c <= 0x7a; c++) classes[c] = ALNUM;
classes[0x5f] = ALNUM;
for (const ch of '!%&*+,-./;?@^|~') classes[ch.charCodeAt(0)] = PUNCT;
// Backquote is a quote character too: OpenSSL's table says so, and openssl strips it.
for (const ch of '\'"`') classes[ch.charCodeAt(0)] = QUOTE;
classes[0x5c] = ESC;
classes[0x23] = COMMENT;

function cls(code: number): number {
  return code < 128 ? classes[code] : 0;
}

/** Nesting of includes past which the reader assumes a cycle it could not recognise by name. */
const MAX_INCLUDE_DEPTH = 64;

/** The value length OpenSSL allows after expansion (MAX_CONF_VALUE_LENGTH), counted its own way. */
export const MAX_CONF_VALUE_LENGTH = 65536;

interface Reader {
  file?: string;
  /** How `file` is named to the user (ConfigEntry.fileLabel). */
  label?: string;
  lines: string[];
  next: number;
  /** Range of the top-level `.include` line that led here, to anchor findings in the main text. */
  anchor?: SourceRange;
}

interface SectionState {
  section: ConfigSection;
  all: ConfigEntry[];
  byName: Map<string, ConfigEntry>;
}

interface CopyResult {
  value: string;
  segments: number[];
  failed: boolean;
  /** Parts that came through variables from the environment or an included file. */
  taint: TaintSpan[];
}

interface LogicalLine {
  text: string;
  pieces: number[];
  file?: string;
  label?: string;
  anchor?: SourceRange;
  opensslLine: number;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    // OpenSSL reads with strlen: a NUL ends the line's content.
    const nul = line.indexOf('\0');
    if (nul >= 0) line = line.slice(0, nul);
    let end = line.length;
    while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
    lines[i] = end === line.length ? line : line.slice(0, end);
  }
  return lines;
}

/** Where a section's name came from, when no header writes it plainly in the main text. */
function sectionNameOrigin(section: ConfigSection): ValueOrigin | undefined {
  const headers = section.headers;
  if (headers.length === 0 || !headers.every((h) => h.file !== undefined || h.origin)) return undefined;
  let origin: ValueOrigin | undefined;
  for (const h of headers)
    origin = mergeOrigins(origin, h.file !== undefined ? { files: [h.fileLabel as string] } : h.origin);
  return origin;
}

/** An include path as it is shown: parts from the environment or from included text are named, not shown. */
function pathLabel(path: string, spans: readonly TaintSpan[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += path.slice(at, span.start);
    const env = span.origin.env?.map((name) => `ENV::${name}`) ?? [];
    const files = span.origin.files?.map((file) => `text of ${file}`) ?? [];
    out += `‹${[...env, ...files].join(', ')}›`;
    at = span.end;
  }
  return out + path.slice(at);
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

function parseBool(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'on' || lower === 'true') return true;
  if (lower === 'off' || lower === 'false') return false;
  return undefined;
}

/** Reads an OpenSSL config the way OpenSSL 3 does; never throws on content, reports findings instead. */
export function parseOpensslConfig(text: string, options: ParseOpensslConfigOptions = {}): ParsedConfig {
  return new ConfigReader(text, options).read();
}

class ConfigReader {
  private readonly sections = new Map<string, SectionState>();
  private readonly entries: ConfigEntry[] = [];
  private readonly directives: ConfigDirective[] = [];
  private readonly findings: ConfigFinding[] = [];
  private loadError?: ConfigFinding;
  private current: SectionState;
  private dollarId = false;
  private absPath = false;
  private includeDir?: string;
  /** Set when the includedir pragma was read from an included file. */
  private includeDirOrigin?: ValueOrigin;
  private opensslLine = 0;
  private readonly stack: Reader[] = [];
  private dir?: {
    path: string;
    label: string;
    nested: boolean;
    remaining: string[];
    anchor?: SourceRange;
    directive: ConfigIncludeDirective;
  };
  private readonly mainLines: string[];

  private readonly bomShift: boolean;
  private readonly undefinedReferences: Array<{ section: string | null; name: string; finding: ConfigFinding }> = [];

  constructor(
    text: string,
    private readonly options: ParseOpensslConfigOptions,
  ) {
    // OpenSSL skips a UTF-8 byte order mark at the start of the file it was asked for, not in included files.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.mainLines = splitLines(body);
    this.bomShift = body.length !== text.length;
    this.current = this.section('default');
  }

  read(): ParsedConfig {
    let reader: Reader | undefined = { lines: this.mainLines, next: 0 };
    let buffer = '';
    let pieces: number[] = [];
    let pending = false;
    while (reader) {
      if (reader.next >= reader.lines.length) {
        if (pending) {
          // At the end of a file a pending continuation is processed on its own, and OpenSSL counts one more line.
          this.opensslLine++;
          const logical: LogicalLine = {
            text: buffer,
            pieces,
            file: reader.file,
            label: reader.label,
            anchor: reader.anchor,
            opensslLine: this.opensslLine,
          };
          buffer = '';
          pieces = [];
          pending = false;
          reader = this.processLine(logical, reader) ?? reader;
          continue;
        }
        reader = this.dir ? (this.openNextDirectoryFile() ?? this.stack.pop()) : this.stack.pop();
        continue;
      }
      const index = reader.next++;
      const line = reader.lines[index];
      this.opensslLine++;
      const column0 = !reader.file && index === 0 && this.bomShift ? 1 : 0;
      pieces.push(buffer.length, index + 1, column0);
      buffer += line;
      const n = buffer.length;
      if (n >= 1 && buffer.charCodeAt(n - 1) === 0x5c && (n <= 1 || buffer.charCodeAt(n - 2) !== 0x5c)) {
        buffer = buffer.slice(0, n - 1);
        pending = true;
        continue;
      }
      pending = false;
      const logical: LogicalLine = {
        text: buffer,
        pieces,
        file: reader.file,
        label: reader.label,
        anchor: reader.anchor,
        opensslLine: this.opensslLine,
      };
      buffer = '';
      pieces = [];
      const switched = this.processLine(logical, reader);
      if (switched) reader = switched;
    }
    // A reference to a name defined further down is the classic mistake: OpenSSL expands while reading.
    for (const ref of this.undefinedReferences) {
      const later =
        (ref.section !== null ? this.sections.get(ref.section)?.byName.get(ref.name) : undefined) ??
        this.sections.get('default')?.byName.get(ref.name);
      if (later) {
        const where =
          later.file !== undefined
            ? `line ${later.nameRange.line} of ${later.fileLabel}`
            : `line ${later.nameRange.line}`;
        ref.finding.message += ` It is defined later (${where}), but OpenSSL expands variables as it reads, so the definition must come first.`;
      }
    }
    const sections: ConfigSection[] = [];
    for (const state of this.sections.values()) {
      state.section.entries = state.all.filter((entry) => !entry.superseded);
      const origin = sectionNameOrigin(state.section);
      if (origin) state.section.nameOrigin = origin;
      sections.push(state.section);
    }
    return {
      path: this.options.path,
      sections,
      entries: this.entries,
      directives: this.directives,
      findings: this.findings,
      loadError: this.loadError,
      lineCount: this.mainLines.length,
    };
  }

  /** The next readable .cnf/.conf file of the directory being included, in the order listed. */
  private openNextDirectoryFile(): Reader | undefined {
    const dir = this.dir;
    if (!dir) return undefined;
    while (dir.remaining.length > 0) {
      const name = dir.remaining.shift() as string;
      // OpenSSL wants more than the bare extension (a file named ".cnf" is skipped) and ignores case.
      const lower = name.toLowerCase();
      if (!((lower.length > 5 && lower.endsWith('.conf')) || (lower.length > 4 && lower.endsWith('.cnf')))) continue;
      const path = `${dir.path}/${name}`;
      const content = this.options.readInclude?.(path);
      if (content === undefined) continue;
      dir.directive.files.push(path);
      // The names come from the directory listing, not from any file's text, so they may be shown.
      const label = dir.nested ? dir.label : `${dir.label}/${name}`;
      return { file: path, label, lines: splitLines(content), next: 0, anchor: dir.anchor };
    }
    this.dir = undefined;
    return undefined;
  }

  /** A section as messages name it: `[name]`, unless the name is not plainly written in the main text. */
  private shownSection(section: ConfigSection): string {
    const origin = sectionNameOrigin(section);
    return origin ? `the section ${placeholder(origin)}` : `[${section.name}]`;
  }

  private section(name: string): SectionState {
    let state = this.sections.get(name);
    if (!state) {
      state = { section: { name, headers: [], entries: [] }, all: [], byName: new Map() };
      this.sections.set(name, state);
    }
    return state;
  }

  /**
   * _CONF_get_string: the section, then the environment for ENV, then the default section. `taint` says which
   * parts of the value came from the environment or an included file, so that the value can be used but not shown.
   */
  private lookup(section: string | null, name: string): { value?: string; taint?: TaintSpan[]; envUnknown?: boolean } {
    if (section !== null) {
      const entry = this.sections.get(section)?.byName.get(name);
      if (entry) return { value: entry.value, taint: entry.taint };
      if (section === 'ENV') {
        if (!this.options.env) {
          const fallback = this.sections.get('default')?.byName.get(name);
          return { value: fallback?.value, taint: fallback?.taint, envUnknown: true };
        }
        const env = this.options.env[name];
        if (env !== undefined) return { value: env, taint: [{ start: 0, end: env.length, origin: { env: [name] } }] };
      }
    }
    const entry = this.sections.get('default')?.byName.get(name);
    return { value: entry?.value, taint: entry?.taint };
  }

  private range(line: LogicalLine, start: number, end: number): SourceRange {
    const p = line.pieces;
    if (p.length === 3) {
      // One physical line, the common case: no search, no temporary objects.
      const column = p[2] + start - p[0] + 1;
      return { line: p[1], column, endLine: p[1], endColumn: column + (end > start ? end - start : 0) };
    }
    let i = 0;
    while (i + 3 < p.length && p[i + 3] <= start) i += 3;
    const last = end > start ? end - 1 : start;
    let j = i;
    while (j + 3 < p.length && p[j + 3] <= last) j += 3;
    const column = p[i + 2] + (start - p[i]) + 1;
    const lastColumn = p[j + 2] + (last - p[j]) + 1;
    return { line: p[i + 1], column, endLine: p[j + 1], endColumn: end > start ? lastColumn + 1 : lastColumn };
  }

  private report(
    severity: Severity,
    code: ConfigFindingCode,
    message: string,
    line: LogicalLine,
    range: SourceRange,
    data: ConfigFindingData = {},
  ): ConfigFinding {
    let where = range;
    if (line.file !== undefined) {
      // The included file may be anything readable (~/.aws/credentials): its text is never quoted, so the
      // message says where and what kind of problem, not the words the detailed message would quote.
      setFileData(data, line.file, line.label as string, range);
      message = `line ${range.line} of ${line.label}: ${configFindingSummary(code)}`;
      where = line.anchor ?? range;
    }
    if (severity === 'error') data.opensslLine = line.opensslLine;
    const finding = makeFinding(severity, code, message, where, data);
    this.findings.push(finding);
    if (severity === 'error' && !this.loadError) this.loadError = finding;
    return finding;
  }

  private eatWs(text: string, i: number, end: number): number {
    while (i < end && cls(text.charCodeAt(i)) === WS) i++;
    return i;
  }

  private trimWs(text: string, start: number, end: number): number {
    while (end > start && cls(text.charCodeAt(end - 1)) === WS) end--;
    return end;
  }

  private eatName(text: string, i: number, end: number): number {
    while (i < end) {
      const c = text.charCodeAt(i);
      const k = cls(c);
      if (k === ESC) {
        i = i + 1 >= end ? i + 1 : i + 2;
        continue;
      }
      if (!(k === ALNUM || k === PUNCT || (this.dollarId && c === 0x24))) return i;
      i++;
    }
    return end;
  }

  /** Where the comment starts: `#` outside quotes and not escaped (clear_comments). */
  private commentStart(text: string): number {
    const n = text.length;
    let i = this.eatWs(text, 0, n);
    while (i < n) {
      const c = text.charCodeAt(i);
      const k = cls(c);
      if (k === COMMENT) return i;
      if (k === QUOTE) {
        i++;
        while (i < n && text.charCodeAt(i) !== c) {
          if (cls(text.charCodeAt(i)) === ESC) {
            i++;
            if (i >= n) return n;
          }
          i++;
        }
        if (i < n) i++;
        continue;
      }
      if (k === ESC) {
        i = i + 1 >= n ? i + 1 : i + 2;
        continue;
      }
      i++;
    }
    return n;
  }

  /**
   * str_copy: quotes, escapes and variables. `section` null is the section-header case (lookups in default only).
   * Reports its own findings; `failed` means OpenSSL stops here.
   */
  private strCopy(line: LogicalLine, section: string | null, from: number, end: number): CopyResult {
    const text = line.text;
    let out = '';
    const segments: number[] = [];
    const taint: TaintSpan[] = [];
    // OpenSSL's running buffer size for the expansion limit: the source length plus one, then each expansion.
    // Computed at the first expansion only; most values have none.
    let bufferLength = -1;
    let linearSource = -1;
    const emit = (chunk: string, srcStart: number, srcEnd: number, linear: boolean) => {
      if (linear) {
        if (linearSource >= 0 && linearSource === srcStart) {
          out += chunk;
          segments[segments.length - 2] = srcEnd;
          linearSource = srcEnd;
          return;
        }
        segments.push(out.length, srcStart, srcEnd, 1);
        linearSource = srcEnd;
      } else {
        segments.push(out.length, srcStart, srcEnd, 0);
        linearSource = -1;
      }
      out += chunk;
    };
    let i = from;
    while (i < end) {
      const c = text.charCodeAt(i);
      const k = cls(c);
      if (k === QUOTE) {
        const open = i;
        i++;
        while (i < end && text.charCodeAt(i) !== c) {
          if (cls(text.charCodeAt(i)) === ESC) {
            i++;
            if (i >= end) break;
            emit(text[i], i - 1, i + 1, false);
            i++;
            continue;
          }
          emit(text[i], i, i + 1, true);
          i++;
        }
        if (i < end) i++;
        else {
          this.report(
            'warning',
            'unclosed-quote',
            `The ${text[open]} opened here is never closed: OpenSSL takes the rest of the line literally, a # comment included.`,
            line,
            this.range(line, open, open + 1),
          );
        }
        continue;
      }
      if (k === ESC) {
        if (i + 1 >= end) break;
        let v = text[i + 1];
        if (v === 'r') v = '\r';
        else if (v === 'n') v = '\n';
        else if (v === 'b') v = '\b';
        else if (v === 't') v = '\t';
        emit(v, i, i + 2, false);
        i += 2;
        continue;
      }
      if (c === 0x24 && (!this.dollarId || text[i + 1] === '{' || text[i + 1] === '(')) {
        let s = i + 1;
        const openChar = text[s];
        const close = openChar === '{' ? '}' : openChar === '(' ? ')' : '';
        if (close) s++;
        let sectionName: string | null = section;
        let np = s;
        let e = s;
        while (e < end && (cls(text.charCodeAt(e)) === ALNUM || (this.dollarId && text.charCodeAt(e) === 0x24))) e++;
        if (text[e] === ':' && text[e + 1] === ':' && e + 1 < end) {
          sectionName = text.slice(np, e);
          e += 2;
          np = e;
          while (e < end && (cls(text.charCodeAt(e)) === ALNUM || (this.dollarId && text.charCodeAt(e) === 0x24))) e++;
        }
        const name = text.slice(np, e);
        if (close) {
          if (e >= end || text[e] !== close) {
            this.report(
              'error',
              'missing-close-brace',
              `No closing ${close} for the variable opened here.`,
              line,
              this.range(line, i, Math.max(e, i + 2)),
            );
            return { value: out, segments, failed: true, taint };
          }
          e++;
        }
        const found = this.lookup(sectionName, name);
        if (found.envUnknown) {
          this.report(
            'info',
            'environment-not-provided',
            found.value === undefined
              ? `$ENV::${name} comes from the environment openssl runs in; it is not known here.`
              : `$ENV::${name} comes from the environment when set there, else from the default section.`,
            line,
            this.range(line, i, e),
            { name },
          );
        }
        if (found.value === undefined && !found.envUnknown) {
          const where = sectionName === null || sectionName === 'default' ? '' : ` in [${sectionName}] or`;
          const finding = this.report(
            'error',
            'undefined-variable',
            `Variable ${text.slice(i, e)} has no value: nothing named "${name}"${where} in the default section${sectionName === 'ENV' ? ' or the environment' : ''} is defined before this line.`,
            line,
            this.range(line, i, e),
            { name, section: sectionName ?? 'default' },
          );
          this.undefinedReferences.push({ section: sectionName, name, finding });
          return { value: out, segments, failed: true, taint };
        }
        const value = found.value ?? '';
        if (bufferLength < 0) bufferLength = Buffer.byteLength(text.slice(from, end), 'utf8') + 1;
        const newSize = Buffer.byteLength(value, 'utf8') + bufferLength - (e - i);
        if (newSize > MAX_CONF_VALUE_LENGTH) {
          this.report(
            'error',
            'variable-expansion-too-long',
            `Expanding ${text.slice(i, e)} makes the value longer than OpenSSL's limit of ${MAX_CONF_VALUE_LENGTH} bytes.`,
            line,
            this.range(line, i, e),
          );
          return { value: out, segments, failed: true, taint };
        }
        bufferLength = newSize;
        appendSpans(taint, found.taint, out.length);
        emit(value, i, e, false);
        i = e;
        continue;
      }
      // Runs of plain characters are copied in one go.
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        const dk = cls(d);
        if (dk === QUOTE || dk === ESC || d === 0x24) break;
        j++;
      }
      emit(text.slice(i, j), i, j, true);
      i = j;
    }
    return { value: out, segments, failed: false, taint };
  }

  /** Processes one logical line; returns the reader to continue with when it was an `.include` that opened one. */
  private processLine(line: LogicalLine, reader?: Reader): Reader | undefined {
    const text = line.text;
    const end = this.commentStart(text);
    const s = this.eatWs(text, 0, end);
    if (s >= end) return undefined;
    if (text.charCodeAt(s) === 0x5b) {
      this.processHeader(line, s, end);
      return undefined;
    }
    let nameStart = s;
    let nameEnd = this.eatName(text, s, end);
    let section = this.current.section.name;
    let explicitSection = false;
    if (text[nameEnd] === ':' && text[nameEnd + 1] === ':' && nameEnd + 1 < end) {
      section = text.slice(nameStart, nameEnd);
      explicitSection = true;
      nameStart = nameEnd + 2;
      nameEnd = this.eatName(text, nameStart, end);
    }
    const p = this.eatWs(text, nameEnd, end);
    const name = text.slice(nameStart, nameEnd);
    const atEqual = p < end && text.charCodeAt(p) === 0x3d;
    // OpenSSL only checks the prefix: `.pragmaX dollarid:on` and `.includes = f` are directives as well.
    if (name.startsWith('.pragma') && (p !== nameStart + 7 || atEqual)) {
      this.processPragma(line, s, p, end);
      return undefined;
    }
    if (name.startsWith('.include') && (p !== nameStart + 8 || atEqual)) {
      return this.processInclude(line, s, p, end, section, reader);
    }
    if (!atEqual) {
      const what = p < end ? `"${text.slice(p, Math.min(end, p + 20))}"` : 'the end of the line';
      this.report(
        'error',
        'missing-equal-sign',
        name === ''
          ? `OpenSSL expected a name = value line, found ${what}.`
          : `Missing = after "${name}" (OpenSSL stops at ${what}; names may only contain letters, digits and ${'!%&*+,-./;?@^_|~'}).`,
        line,
        this.range(
          line,
          p < end ? p : nameStart,
          p < end ? this.trimWs(text, p, end) : Math.max(nameEnd, nameStart + 1),
        ),
      );
      return undefined;
    }
    const valueStart = this.eatWs(text, p + 1, end);
    const valueEnd = this.trimWs(text, valueStart, end);
    // An escaped blank at the end of a value is trimmed before the escape is seen, so the blank is lost.
    if (
      valueEnd < end &&
      valueEnd > valueStart &&
      text.charCodeAt(valueEnd - 1) === 0x5c &&
      (valueEnd - 2 < valueStart || text.charCodeAt(valueEnd - 2) !== 0x5c)
    ) {
      this.report(
        'warning',
        'escaped-whitespace-lost',
        'OpenSSL trims trailing blanks before it reads escapes, so this escaped blank is dropped; quote the value to keep it.',
        line,
        this.range(line, valueEnd - 1, valueEnd + 1),
      );
    }
    const copy = this.strCopy(line, section, valueStart, valueEnd);
    const nameRange = this.range(line, nameStart, nameEnd);
    const valueRange = this.range(line, valueStart, valueEnd);
    const entry: ConfigEntry = {
      section,
      name,
      rawValue: text.slice(valueStart, valueEnd),
      value: copy.value,
      nameRange,
      valueRange,
      range: this.range(line, s, valueEnd > valueStart ? valueEnd : p + 1),
      explicitSection,
      superseded: false,
      opensslLine: line.opensslLine,
      valueMap: { pieces: line.pieces, segments: copy.segments },
    };
    let origin: ValueOrigin | undefined;
    for (const span of copy.taint) origin = mergeOrigins(origin, span.origin);
    if (line.file !== undefined) {
      entry.file = line.file;
      entry.fileLabel = line.label;
      if (line.anchor) entry.includedFrom = line.anchor;
      // All of it is the included file's text, whatever its variables added.
      const whole: ValueOrigin = mergeOrigins(origin, { files: [line.label as string] }) ?? {};
      origin = whole;
      if (copy.value.length > 0) entry.taint = [{ start: 0, end: copy.value.length, origin: whole }];
    } else if (copy.taint.length > 0) {
      entry.taint = copy.taint;
    }
    if (origin) entry.origin = origin;
    if (copy.failed) entry.expansionFailed = true;
    this.store(entry, line);
    return undefined;
  }

  private store(entry: ConfigEntry, line: LogicalLine): void {
    const state = this.section(entry.section);
    const previous = state.byName.get(entry.name);
    if (previous) {
      previous.superseded = true;
      const where =
        previous.file !== undefined
          ? `line ${previous.nameRange.line} of ${previous.fileLabel}`
          : `line ${previous.nameRange.line}`;
      this.report(
        'warning',
        'duplicate-key',
        `${entry.name} is already set in ${this.shownSection(state.section)} (${where}); OpenSSL keeps this later value and moves the entry here, which also changes the order of a DN.`,
        line,
        entry.nameRange,
        { section: entry.section, name: entry.name },
      );
    }
    state.all.push(entry);
    state.byName.set(entry.name, entry);
    this.entries.push(entry);
  }

  private processHeader(line: LogicalLine, s: number, end: number): void {
    const text = line.text;
    const start = this.eatWs(text, s + 1, end);
    let ss = start;
    let nameEnd: number;
    for (;;) {
      nameEnd = this.eatName(text, ss, end);
      const p = this.eatWs(text, nameEnd, end);
      if (p < end && text.charCodeAt(p) === 0x5d) break;
      if (p < end && ss !== p) {
        ss = p;
        continue;
      }
      this.report(
        'error',
        'missing-close-bracket',
        p < end
          ? `Section name stops at "${text[p]}": OpenSSL expects ] here (names may hold letters, digits, spaces and ${'!%&*+,-./;?@^_|~'}).`
          : 'Missing ] at the end of the section header.',
        line,
        this.range(line, s, this.trimWs(text, s, end)),
      );
      return;
    }
    const copy = this.strCopy(line, null, start, nameEnd);
    if (copy.failed) return;
    const state = this.section(copy.value);
    const header: ConfigSectionHeader = {
      range: this.range(line, s, this.trimWs(text, s, end)),
      nameRange: this.range(line, start, nameEnd),
    };
    if (line.file !== undefined) {
      header.file = line.file;
      header.fileLabel = line.label;
      if (line.anchor) header.includedFrom = line.anchor;
    }
    for (const span of copy.taint) header.origin = mergeOrigins(header.origin, span.origin);
    state.section.headers.push(header);
    this.current = state;
  }

  private processPragma(line: LogicalLine, s: number, p: number, end: number): void {
    const text = line.text;
    let q = p;
    if (q < end && text.charCodeAt(q) === 0x3d) q = this.eatWs(text, q + 1, end);
    const valueEnd = this.trimWs(text, q, end);
    const body = text.slice(q, valueEnd);
    const colon = body.indexOf(':');
    const range = this.range(line, s, valueEnd);
    if (colon <= 0 || colon === body.length - 1) {
      this.report(
        'error',
        'invalid-pragma',
        'A pragma takes the form `.pragma keyword:value` (dollarid, abspath or includedir).',
        line,
        range,
      );
      return;
    }
    const key = body.slice(0, this.trimWs(body, 0, colon));
    const value = body.slice(this.eatWs(body, colon + 1, body.length));
    const directive: ConfigPragmaDirective = { kind: 'pragma', key, value, range };
    if (line.file !== undefined) directive.file = line.file;
    this.directives.push(directive);
    if (key === 'dollarid' || key === 'abspath') {
      const flag = parseBool(value);
      if (flag === undefined) {
        this.report(
          'error',
          'invalid-pragma',
          `.pragma ${key} takes on, off, true or false, not "${value}".`,
          line,
          range,
        );
        return;
      }
      if (key === 'dollarid') this.dollarId = flag;
      else this.absPath = flag;
    } else if (key === 'includedir') {
      this.includeDir = value;
      this.includeDirOrigin = line.file !== undefined ? { files: [line.label as string] } : undefined;
    } else {
      this.report('warning', 'unknown-pragma', `OpenSSL ignores the unknown pragma "${key}".`, line, range);
    }
  }

  private processInclude(
    line: LogicalLine,
    s: number,
    p: number,
    end: number,
    section: string,
    reader?: Reader,
  ): Reader | undefined {
    const text = line.text;
    let q = p;
    if (q < end && text.charCodeAt(q) === 0x3d) q = this.eatWs(text, q + 1, end);
    const valueEnd = this.trimWs(text, q, end);
    const range = this.range(line, s, valueEnd > q ? valueEnd : p);
    const pathRange = this.range(line, q, valueEnd);
    const copy = this.strCopy(line, section, q, valueEnd);
    if (copy.failed) return undefined;
    let path = copy.value;
    let spans = copy.taint;
    const fromEnv = this.options.env?.OPENSSL_CONF_INCLUDE;
    const includeDir = fromEnv ?? this.includeDir;
    if (includeDir !== undefined && !isAbsolutePath(path)) {
      const prefix = includeDir.endsWith('/') ? includeDir : `${includeDir}/`;
      const prefixOrigin = fromEnv !== undefined ? { env: ['OPENSSL_CONF_INCLUDE'] } : this.includeDirOrigin;
      const shifted: TaintSpan[] = prefixOrigin ? [{ start: 0, end: includeDir.length, origin: prefixOrigin }] : [];
      appendSpans(shifted, spans, prefix.length);
      spans = shifted;
      path = prefix + path;
    }
    let pathOrigin: ValueOrigin | undefined;
    for (const span of spans) pathOrigin = mergeOrigins(pathOrigin, span.origin);
    // A path written in an included file is that file's text, not to be shown.
    const label = line.file !== undefined ? `a file included by ${line.label}` : pathLabel(path, spans);
    const directive: ConfigIncludeDirective = {
      kind: 'include',
      path,
      pathLabel: label,
      outcome: 'not-followed',
      files: [],
      range,
      pathRange,
    };
    if (pathOrigin) directive.pathOrigin = pathOrigin;
    if (line.file !== undefined) directive.file = line.file;
    this.directives.push(directive);
    if (this.absPath && !isAbsolutePath(path)) {
      directive.outcome = 'refused';
      this.report(
        'error',
        'relative-include-path',
        `.pragma abspath is on, so OpenSSL refuses the relative include path "${label}".`,
        line,
        pathRange,
      );
      return undefined;
    }
    const anchor = line.anchor ?? (line.file === undefined ? range : undefined);
    if (!this.options.readInclude) {
      this.report('info', 'include-not-followed', `Included file "${label}" was not read here.`, line, pathRange);
      return undefined;
    }
    const listing = this.options.listIncludeDirectory?.(path);
    if (listing) {
      if (this.dir) {
        directive.outcome = 'recursive-directory';
        this.report(
          'warning',
          'recursive-directory-include',
          `OpenSSL does not include a directory from a file of an included directory; "${label}" is skipped.`,
          line,
          pathRange,
        );
        return undefined;
      }
      directive.outcome = 'directory';
      this.dir = { path, label, nested: line.file !== undefined, remaining: [...listing], anchor, directive };
      const next = this.openNextDirectoryFile();
      if (!next) {
        this.report(
          'warning',
          'include-not-found',
          `Directory "${label}" holds no readable .cnf or .conf file; OpenSSL includes nothing.`,
          line,
          pathRange,
        );
        return undefined;
      }
      if (reader) this.stack.push(reader);
      return next;
    }
    // OpenSSL follows a file that includes itself until it runs out of file descriptors, then carries on; a
    // cycle adds nothing new, so it is cut here.
    const open = [reader, ...this.stack].map((r) => r?.file ?? this.options.path);
    if (open.includes(path) || this.stack.length >= MAX_INCLUDE_DEPTH) {
      directive.outcome = 'missing';
      this.report(
        'warning',
        'include-cycle',
        `"${label}" is already being read (an include cycle); it is not read again here.`,
        line,
        pathRange,
      );
      return undefined;
    }
    const content = this.options.readInclude(path);
    if (content === undefined) {
      directive.outcome = 'missing';
      this.report(
        'warning',
        'include-not-found',
        `"${label}" does not exist; OpenSSL skips a missing include silently (relative paths are relative to the directory openssl runs in, not to this file).`,
        line,
        pathRange,
      );
      return undefined;
    }
    directive.outcome = 'file';
    directive.files.push(path);
    if (reader) this.stack.push(reader);
    return { file: path, label, lines: splitLines(content), next: 0, anchor };
  }
}

/** Source range of value[start, end) of an entry, through quotes, escapes and variables. */
export function entryValueRange(entry: ConfigEntry, start: number, end: number): SourceRange {
  const { pieces, segments } = entry.valueMap;
  if (segments.length === 0) return entry.valueRange;
  const source = (offset: number, isEnd: boolean): number => {
    let k = 0;
    while (k + 4 < segments.length && segments[k + 4] <= (isEnd ? offset - 1 : offset)) k += 4;
    const [outStart, srcStart, srcEnd, linear] = [segments[k], segments[k + 1], segments[k + 2], segments[k + 3]];
    if (linear === 1) return Math.min(srcStart + (offset - outStart), srcEnd);
    return isEnd ? srcEnd : srcStart;
  };
  const a = source(start, false);
  const b = end > start ? source(end, true) : a;
  const position = (offset: number) => {
    let i = 0;
    while (i + 3 < pieces.length && pieces[i + 3] <= offset) i += 3;
    return { line: pieces[i + 1], column: pieces[i + 2] + (offset - pieces[i]) + 1 };
  };
  const from = position(a);
  const to = b > a ? position(b - 1) : from;
  return { line: from.line, column: from.column, endLine: to.line, endColumn: b > a ? to.column + 1 : to.column };
}
