// Where the text of a config value came from, when not from the main text itself: the environment ($ENV::NAME,
// OPENSSL_CONF_INCLUDE) or an included file. A repository's config can name any variable and include any file,
// so text from there may be a secret the user never meant to show (`$ENV::AWS_SECRET_ACCESS_KEY`,
// `.include ~/.aws/credentials`). Such text is used as openssl uses it, to build the request, but whatever is
// shown to the user (findings, hover, the form, reports) shows where it came from instead.

export interface ValueOrigin {
  /** Environment variables whose values went in, by name, sorted. */
  env?: string[];
  /** Included files whose text went in, by the label they are shown with (see ConfigEntry.fileLabel), sorted. */
  files?: string[];
}

/** `value.slice(start, end)` came from `origin`. Spans are sorted and do not overlap. */
export interface TaintSpan {
  start: number;
  end: number;
  origin: ValueOrigin;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a?.length) return b?.length ? [...b] : undefined;
  if (!b?.length) return [...a];
  return [...new Set([...a, ...b])].sort();
}

/** Everything that went into either. */
export function mergeOrigins(a: ValueOrigin | undefined, b: ValueOrigin | undefined): ValueOrigin | undefined {
  if (!a) return b;
  if (!b) return a;
  const merged: ValueOrigin = {};
  const env = union(a.env, b.env);
  const files = union(a.files, b.files);
  if (env) merged.env = env;
  if (files) merged.files = files;
  return merged;
}

/** The origin of `value.slice(start, end)` (all of it by default), or undefined when it is plain main text. */
export function originOf(
  spans: readonly TaintSpan[] | undefined,
  start = 0,
  end = Number.MAX_SAFE_INTEGER,
): ValueOrigin | undefined {
  let origin: ValueOrigin | undefined;
  for (const span of spans ?? []) {
    if (span.end > start && span.start < end) origin = mergeOrigins(origin, span.origin);
  }
  return origin;
}

/** What is shown in place of a value from `origin`: its source, never its text. */
export function placeholder(origin: ValueOrigin): string {
  const parts: string[] = [];
  if (origin.env?.length) parts.push(`from the environment: ${origin.env.map((name) => `ENV::${name}`).join(', ')}`);
  if (origin.files?.length) parts.push(`from ${origin.files.join(', ')}`);
  return `‹${parts.join('; ')}›`;
}

/**
 * `value.slice(start, end)` as it may be shown: main-text parts as they are, each tainted part replaced by its
 * placeholder. Without spans it is the text itself.
 */
export function shownText(
  value: string,
  spans: readonly TaintSpan[] | undefined,
  start = 0,
  end = value.length,
): string {
  if (!spans?.length) return value.slice(start, end);
  let out = '';
  let at = start;
  for (const span of spans) {
    if (span.end <= start || span.start >= end) continue;
    if (span.start > at) out += value.slice(at, span.start);
    out += placeholder(span.origin);
    at = Math.max(at, Math.min(span.end, end));
  }
  if (at < end) out += value.slice(at, end);
  return out;
}

/** The spans of `spans` that fall in `value.slice(start, end)`, relative to `start` (for a part cut out of a value). */
export function sliceSpans(
  spans: readonly TaintSpan[] | undefined,
  start: number,
  end: number,
): TaintSpan[] | undefined {
  const out: TaintSpan[] = [];
  for (const span of spans ?? []) {
    if (span.end <= start || span.start >= end) continue;
    out.push({ start: Math.max(span.start, start) - start, end: Math.min(span.end, end) - start, origin: span.origin });
  }
  return out.length > 0 ? out : undefined;
}

/** Appends the spans of a text inserted at `offset` of another. */
export function appendSpans(target: TaintSpan[], spans: readonly TaintSpan[] | undefined, offset: number): void {
  for (const span of spans ?? []) {
    if (span.end <= span.start) continue;
    target.push({ start: span.start + offset, end: span.end + offset, origin: span.origin });
  }
}

/** A value (an entry's, an item's) as it may be shown; `start`/`end` cut a part out of it. */
export function shownValue(
  source: { value: string; taint?: readonly TaintSpan[] },
  start = 0,
  end = source.value.length,
): string {
  return shownText(source.value, source.taint, start, end);
}

/**
 * `text` when it is plain main text, else the placeholder of `origin`: for things derived from a value (a number
 * read from it, its re-encoding) that cannot be cut into shown and hidden parts.
 */
export function shownDerived(text: string, origin: ValueOrigin | undefined): string {
  return origin ? placeholder(origin) : text;
}
