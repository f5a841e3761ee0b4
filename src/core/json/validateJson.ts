import { pointerChild } from './parseJsonDocument';

/**
 * The subset of JSON Schema draft-07 the core's documents use. The parsers interpret these schema objects
 * themselves, so a schema published for editors (schemas/*.schema.json) and the parser cannot drift apart.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer';
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

const patterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    // JSON Schema patterns are ECMA-262 regular expressions; ajv and VS Code compile them with the u flag too.
    re = new RegExp(pattern, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const match = /^#\/definitions\/([^/]+)$/.exec(schema.$ref);
  const target = match ? root.definitions?.[match[1]] : undefined;
  if (!target) throw new Error(`unsupported $ref ${schema.$ref}`);
  return resolve(target, root);
}

function withArticle(type: string): string {
  if (type === 'null' || type === 'boolean') return type;
  if (type === 'number') return 'a non-integer number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function expectation(schema: JsonSchema): string {
  return schema.description ? ` (${schema.description})` : '';
}

/** Every problem, outermost first; a value of the wrong type is not looked into further. */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, pointer = ''): JsonProblem[] {
  const s = resolve(schema, root);
  const problems: JsonProblem[] = [];
  const actual = typeOf(value);
  if (s.type !== undefined && actual !== s.type) {
    return [{ pointer, message: `must be ${withArticle(s.type)}${expectation(s)}, not ${withArticle(actual)}` }];
  }
  if (s.const !== undefined && value !== s.const) {
    problems.push({ pointer, message: `must be ${JSON.stringify(s.const)}, not ${JSON.stringify(value)}` });
  }
  if (s.enum !== undefined && !s.enum.some((v) => v === value)) {
    problems.push({ pointer, message: `must be one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && [...value].length < s.minLength) {
      problems.push({ pointer, message: s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters long` });
    } else if (s.pattern !== undefined && !compiled(s.pattern).test(value)) {
      problems.push({ pointer, message: `${JSON.stringify(value)} is not ${s.description ?? `matching ${s.pattern}`}` });
    }
  }
  if (Array.isArray(value) && s.items) {
    value.forEach((item, index) => problems.push(...validateJson(item, s.items as JsonSchema, root, pointerChild(pointer, index))));
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of s.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(object, name)) problems.push({ pointer, message: `missing required property "${name}"` });
    }
    for (const [name, member] of Object.entries(object)) {
      const child = pointerChild(pointer, name);
      const memberSchema = s.properties && Object.prototype.hasOwnProperty.call(s.properties, name) ? s.properties[name] : undefined;
      if (memberSchema) problems.push(...validateJson(member, memberSchema, root, child));
      else if (s.additionalProperties === false) {
        const known = Object.keys(s.properties ?? {});
        problems.push({ pointer: child, atKey: true, message: `unknown property "${name}"${known.length ? ` (expected ${known.map((k) => `"${k}"`).join(', ')})` : ''}` });
      }
    }
  }
  return problems;
}
