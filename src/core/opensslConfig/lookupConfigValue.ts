// Lookups in a parsed config as the openssl commands make them (NCONF_get_string / _CONF_get_string): the named
// section first, then the default section. That fallback is why `prompt = no` written before any header still
// applies to [req].
import { ConfigEntry, ConfigSection, ParsedConfig } from './parseOpensslConfig';
import { placeholder } from './valueOrigin';

interface ConfigIndex {
  sections: Map<string, ConfigSection>;
  entries: Map<string, Map<string, ConfigEntry>>;
}

const indexes = new WeakMap<ParsedConfig, ConfigIndex>();

function configIndex(config: ParsedConfig): ConfigIndex {
  let index = indexes.get(config);
  if (!index) {
    index = { sections: new Map(), entries: new Map() };
    for (const section of config.sections) {
      index.sections.set(section.name, section);
      const byName = new Map<string, ConfigEntry>();
      for (const entry of section.entries) byName.set(entry.name, entry);
      index.entries.set(section.name, byName);
    }
    indexes.set(config, index);
  }
  return index;
}

export function findConfigSection(config: ParsedConfig, name: string): ConfigSection | undefined {
  return configIndex(config).sections.get(name);
}

/**
 * A section as messages name it: `[name]`, or where its name came from when no header writes it plainly in the
 * main text (`[ $ENV::X ]`, a header in an included file).
 */
export function shownSectionName(config: ParsedConfig, name: string): string {
  const origin = findConfigSection(config, name)?.nameOrigin;
  return origin ? `the section ${placeholder(origin)}` : `[${name}]`;
}

/** A section's bare name as it may be shown: the name, or where it came from (see shownSectionName). */
export function shownSection(config: ParsedConfig, name: string): string {
  const origin = findConfigSection(config, name)?.nameOrigin;
  return origin ? placeholder(origin) : name;
}

/** The entry a lookup of `name` in `section` finds: that section's, else the default section's. */
export function findConfigEntry(config: ParsedConfig, section: string | null, name: string): ConfigEntry | undefined {
  const index = configIndex(config);
  if (section !== null) {
    const own = index.entries.get(section)?.get(name);
    if (own) return own;
  }
  return index.entries.get('default')?.get(name);
}

/** The value of `name` as seen from `section`, with the environment for the ENV section when given. */
export function lookupConfigValue(
  config: ParsedConfig,
  section: string | null,
  name: string,
  env?: Record<string, string | undefined>,
): string | undefined {
  if (section !== null) {
    const own = configIndex(config).entries.get(section)?.get(name);
    if (own) return own.value;
    if (section === 'ENV' && env?.[name] !== undefined) return env[name];
  }
  return configIndex(config).entries.get('default')?.get(name)?.value;
}

/**
 * Names of the sections the main text names itself (a plain `[ name ]` header or a `name::key` line), for
 * completion: a section only an included file names, or one named through `$ENV::`, is that file's or the
 * environment's text, which is not offered on screen.
 */
export function mainTextSectionNames(config: ParsedConfig): string[] {
  const named = new Set<string>();
  for (const section of config.sections) {
    if (section.headers.some((h) => h.file === undefined && !h.origin)) named.add(section.name);
  }
  for (const entry of config.entries) {
    if (entry.file === undefined && entry.explicitSection) named.add(entry.section);
  }
  return config.sections.map((s) => s.name).filter((name) => named.has(name));
}
