// Lookups in a parsed config as the openssl commands make them (NCONF_get_string / _CONF_get_string): the named
// section first, then the default section. That fallback is why `prompt = no` written before any header still
// applies to [req].
import { ConfigEntry, ConfigSection, ParsedConfig } from './parseOpensslConfig';

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
