// The request-config form as plain data (JSON-safe): what readRequestForm returns, what the adapter posts to the
// page, and the edits the page sends back. Apart from this the page only has types, so this module stays free of
// runtime imports: the webview's program type-checks it with the DOM lib and no Node types.
import type { ConfigFinding, SourceRange } from './configFinding';
import type { FormFieldType, FormKeySize, FormSanType } from './requestFormVocabulary';

/** What a finding belongs to in the form; absent for findings about the file as a whole. */
export type FormTarget =
  { kind: 'field'; id: string } | { kind: 'san'; id: string } | { kind: 'san-list' } | { kind: 'bits' };

export interface FormFinding extends ConfigFinding {
  target?: FormTarget;
}

export interface FormField {
  /**
   * The field's entry name in the distinguished_name section (`CN`, `1.OU`): unique in the section. A field of an
   * included file gets `included:N` instead: nothing of that file is shown.
   */
  id: string;
  /** OpenSSL's short name of the attribute (`OU`), or the name as written when OpenSSL does not know it. */
  type: string;
  /** Whether OpenSSL knows the attribute type. */
  known: boolean;
  /**
   * The value openssl req -batch takes: the field's own (`prompt = no`), else its `_value` or `_default`. Parts
   * from the environment or an included file are shown as where they come from (`‹from the environment:
   * ENV::X›`), never as they are; such a field is read-only.
   */
  value: string;
  /** Which entry holds the value; `none` for a prompted field with no `_default` line yet. */
  valueFrom: 'field' | 'value' | 'default' | 'none';
  /** Where the value is written, when it is. */
  valueRange?: SourceRange;
  /** The field's line. */
  range: SourceRange;
  /** Why the form cannot change it (it comes from an included file). */
  readOnly?: string;
  findings: FormFinding[];
}

export interface FormSanRow {
  /**
   * The entry name in the SAN section (`DNS.1`), `inline:N` for the N-th item of an inline list, or `included:N`
   * for an entry of an included file.
   */
  id: string;
  /** The type OpenSSL reads (`DNS`, `IP`, `email`, `URI`, `RID`, `dirName`, `otherName`), or the name as written. */
  type: string;
  known: boolean;
  /** The name as written (`DNS.1`, `DNS`). */
  name: string;
  /** As FormField.value: parts from the environment or an included file are named, not shown. */
  value: string;
  valueRange?: SourceRange;
  range: SourceRange;
  readOnly?: string;
  findings: FormFinding[];
}

export interface FormSanList {
  /** `none`: no subjectAltName in the request extensions; `section`: `@section`; `inline`: `DNS:a, IP:b`. */
  mode: 'none' | 'section' | 'inline';
  /** The SAN section (`section` mode). */
  section?: string;
  /** The section req_extensions names, when it does. */
  extensionsSection?: string;
  critical: boolean;
  rows: FormSanRow[];
  /** The subjectAltName line. */
  range?: SourceRange;
  readOnly?: string;
  findings: FormFinding[];
}

export interface FormKeySizeSetting {
  /** default_bits as OpenSSL reads it; undefined when absent, unreadable, or from the environment or an included file. */
  value?: number;
  /** The value as written, when there is a default_bits line (as FormField.value when not from the main text). */
  written?: string;
  range?: SourceRange;
  findings: FormFinding[];
}

/** Plain data (JSON-safe): what the form editor shows. */
export interface RequestForm {
  /** The section openssl req reads (`req`). */
  section: string;
  promptNo: boolean;
  distinguishedNameSection?: string;
  fields: FormField[];
  /** Why fields cannot be added (the section comes from an included file). */
  fieldsReadOnly?: string;
  san: FormSanList;
  bits: FormKeySizeSetting;
  /** Every finding the text editor shows, in the same order, each placed where it belongs in the form. */
  findings: FormFinding[];
  /** Whether `openssl req -new -batch` succeeds on the config. */
  ok: boolean;
}

export type FormEdit =
  | { kind: 'set-field'; id: string; value: string }
  | { kind: 'add-field'; type: FormFieldType; value: string }
  | { kind: 'remove-field'; id: string }
  | { kind: 'set-san'; id: string; type?: FormSanType; value: string }
  | { kind: 'add-san'; type: FormSanType; value: string }
  | { kind: 'remove-san'; id: string }
  | { kind: 'set-bits'; bits: FormKeySize };
