// All findings about a request config: the reader's, openssl req's, and the provider's rules (an RSA-2048 key;
// O, OU and CN in the subject). Severity `error` always means `openssl req -new -batch` fails on the file.
import { ConfigFinding } from './configFinding';
import { FindingSink } from './findingSink';
import { findConfigEntry } from './lookupConfigValue';
import { parseOpensslConfig, ParseOpensslConfigOptions, ParsedConfig } from './parseOpensslConfig';
import { ConfigRequest, requestFromConfig, RequestFromConfigOptions } from './requestFromConfig';
import { hideLeftoverValues } from './hideLeftoverValues';
import { shownDerived } from './valueOrigin';

export interface ValidateOpensslConfigOptions extends ParseOpensslConfigOptions, RequestFromConfigOptions {
  /** The provider's rules from the rotation guide (warnings); on by default. */
  providerRules?: boolean;
}

export interface ConfigValidation {
  config: ParsedConfig;
  request: ConfigRequest;
  findings: ConfigFinding[];
}

function providerFindings(config: ParsedConfig, request: ConfigRequest): ConfigFinding[] {
  const sink = new FindingSink(config);
  const bits = findConfigEntry(config, request.section, 'default_bits');
  if (bits && request.defaultBits !== undefined && request.defaultBits !== 2048) {
    const shown = shownDerived(String(request.defaultBits), bits.origin);
    sink.add(
      'warning',
      'provider-key-size',
      `The provider requires RSA-2048 keys; default_bits = ${shown} would make a ${shown}-bit key when openssl req generates it.`,
      bits,
      bits.valueRange,
      { suggestion: '2048' },
    );
  }
  const dnPointer =
    request.distinguishedNameSection !== undefined
      ? findConfigEntry(config, request.section, 'distinguished_name')
      : undefined;
  // When the subject could not be built, the errors say why; "O is missing" on top would only mislead.
  const dnErrors = [...config.findings, ...request.findings].some(
    (f) => f.severity === 'error' && f.data?.section === request.distinguishedNameSection,
  );
  if (dnPointer && request.subject.length > 0 && !dnErrors) {
    const has = (type: string) => request.subject.some((a) => a.type === type);
    const missing: Array<['O' | 'OU' | 'CN', 'provider-missing-o' | 'provider-missing-ou' | 'provider-missing-cn']> = [
      ['O', 'provider-missing-o'],
      ['OU', 'provider-missing-ou'],
      ['CN', 'provider-missing-cn'],
    ];
    for (const [type, code] of missing) {
      if (!has(type)) {
        sink.add(
          'warning',
          code,
          `The provider requires ${type} in the subject, and this config does not give it one.`,
          dnPointer,
          dnPointer.valueRange,
        );
      }
    }
  }
  return sink.findings;
}

function byPosition(a: ConfigFinding, b: ConfigFinding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Parses, evaluates and checks; returns the parts too, so a caller needs one pass for all. */
export function checkOpensslConfig(text: string, options: ValidateOpensslConfigOptions = {}): ConfigValidation {
  const config = parseOpensslConfig(text, options);
  const request = requestFromConfig(config, options);
  const findings = [...config.findings, ...request.findings];
  if (options.providerRules !== false) findings.push(...providerFindings(config, request));
  findings.sort(byPosition);
  hideLeftoverValues(config, findings);
  return { config, request, findings };
}

export function validateOpensslConfig(text: string, options: ValidateOpensslConfigOptions = {}): ConfigFinding[] {
  return checkOpensslConfig(text, options).findings;
}
