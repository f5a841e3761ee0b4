import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { pointerChild } from './parseJsonDocument';

/**
 * The subset of JSON Schema draft-07 the core's documents use. ajv interprets these schema objects, so a schema
 * published for editors (schemas/*.schema.json) and the parser cannot drift apart.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  const?: string | number;
  enum?: Array<string | number>;
  pattern?: string;
  minLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
  items?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

export interface JsonProblem {
  pointer: string;
  message: string;
  /** Unknown properties are located at their key rather than their value. */
  atKey?: boolean;
}

// allErrors: a hand-edited file is fixed in one pass, not one error per save. verbose: the messages quote the
// value and the schema's own description.
const ajv = new Ajv({ strict: true, allErrors: true, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validator(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function withArticle(type: string): string {
  if (type === 'null' || type === 'boolean') return type;
  if (type === 'number') return 'a non-integer number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** ajv's error in the words the core has always used; undefined for the errors that only echo another one. */
function problemOf(error: ErrorObject): JsonProblem | undefined {
  const pointer = error.instancePath;
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  const value: unknown = error.data;
  switch (error.keyword) {
    case 'type':
      return {
        pointer,
        message: `must be ${withArticle(String(error.params.type))}${schema.description ? ` (${schema.description})` : ''}, not ${withArticle(typeOf(value))}`,
      };
    case 'const':
      return { pointer, message: `must be ${JSON.stringify(schema.const)}, not ${JSON.stringify(value)}` };
    case 'enum':
      return { pointer, message: `must be one of ${(schema.enum ?? []).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'minLength':
      return {
        pointer,
        message: schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters long`,
      };
    case 'pattern':
      return {
        pointer,
        message: `${JSON.stringify(value)} is not ${schema.description ?? `matching ${schema.pattern}`}`,
      };
    case 'required':
      return { pointer, message: `missing required property "${String(error.params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      return {
        pointer: pointerChild(pointer, name),
        atKey: true,
        message: `unknown property "${name}"${known.length ? ` (expected ${known.map((k) => `"${k}"`).join(', ')})` : ''}`,
      };
    }
    default:
      return { pointer, message: error.message ?? error.keyword };
  }
}

/** Every problem ajv finds; an empty string is reported as empty, not also as not matching its pattern. */
export function validateJson(value: unknown, schema: JsonSchema): JsonProblem[] {
  const validate = validator(schema);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const empty = new Set(errors.filter((e) => e.keyword === 'minLength').map((e) => e.instancePath));
  return errors
    .filter((e) => !(e.keyword === 'pattern' && empty.has(e.instancePath)))
    .map(problemOf)
    .filter((p): p is JsonProblem => p !== undefined);
}
