import { ISO_DATE_TIME_PATTERN } from '../text/isoDateTime';
import { JsonSchema } from '../json/validateJson';

/**
 * The rules `parseRegister` applies. schemas/certificate-register.schema.json is this object written out, for
 * editors (the adapter contributes it through `jsonValidation`); a unit test keeps the two identical.
 */
export const REGISTER_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Certificate register',
  description: 'The mTLS client certificates in use, their expiry and what each replaced (certificate-register.json).',
  type: 'object',
  required: ['version', 'certificates'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'the schema this file follows' },
    version: { const: 1, description: 'format version' },
    certificates: { type: 'array', items: { $ref: '#/definitions/entry' } },
  },
  definitions: {
    dateTime: {
      type: 'string',
      pattern: ISO_DATE_TIME_PATTERN,
      description: 'an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00.000Z',
    },
    fingerprint: {
      type: 'string',
      pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$',
      description: 'a SHA-256 fingerprint as AA:BB:… (32 hex pairs)',
    },
    serialNumber: { type: 'string', pattern: '^[0-9A-Fa-f]+$', description: 'a serial number in hex' },
    entry: {
      type: 'object',
      required: ['name', 'subject', 'subjectAltNames', 'serialNumber', 'fingerprintSha256', 'issuedAt', 'expiresAt'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, description: 'what the team calls this certificate' },
        subject: { type: 'string', description: 'the subject as openssl prints it, e.g. O = Example, CN = client' },
        subjectAltNames: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^(DNS|IP|email|URI|otherName|dirName|RID):',
            description: 'a subject alternative name as TYPE:value, e.g. DNS:client.example',
          },
        },
        serialNumber: { $ref: '#/definitions/serialNumber' },
        fingerprintSha256: { $ref: '#/definitions/fingerprint' },
        issuedAt: { $ref: '#/definitions/dateTime' },
        expiresAt: { $ref: '#/definitions/dateTime' },
        replaces: {
          type: 'object',
          description: 'the certificate this one renewed',
          required: ['fingerprintSha256', 'serialNumber', 'replacedAt'],
          additionalProperties: false,
          properties: {
            fingerprintSha256: { $ref: '#/definitions/fingerprint' },
            serialNumber: { $ref: '#/definitions/serialNumber' },
            replacedAt: { $ref: '#/definitions/dateTime' },
          },
        },
        oldKeyRetiredAt: { $ref: '#/definitions/dateTime' },
        source: {
          type: 'string',
          minLength: 1,
          description: 'where the certificate was found: workspace, or the name of a secrets store',
        },
        notes: { type: 'string' },
      },
    },
  },
};
