import { ISO_DATE_TIME_PATTERN } from '../text/isoDateTime';
import { JsonSchema } from '../json/validateJson';

const dateTime: JsonSchema = { $ref: '#/definitions/dateTime' };
const filePath: JsonSchema = { $ref: '#/definitions/path' };

/** The rules `parseRotationFile` applies, in the JSON Schema subset `validateJson` interprets. */
export const ROTATION_FILE_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'mTLS rotation record',
  description: 'Certificate rotations in progress and done (.vscode/mtls-rotation.json). Holds no secret.',
  type: 'object',
  required: ['version', 'rotations'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1, description: 'format version' },
    rotations: { type: 'array', items: { $ref: '#/definitions/rotation' } },
  },
  definitions: {
    dateTime: {
      type: 'string',
      pattern: ISO_DATE_TIME_PATTERN,
      description: 'an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00.000Z',
    },
    path: { type: 'string', minLength: 1, description: 'a file path, relative to the workspace folder' },
    fingerprint: {
      type: 'string',
      pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$',
      description: 'a SHA-256 fingerprint as AA:BB:… (32 hex pairs)',
    },
    spki: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'a SHA-256 of the public key, 64 lowercase hex digits',
    },
    rotation: {
      type: 'object',
      required: ['id', 'startedAt', 'old', 'manual'],
      additionalProperties: false,
      properties: {
        id: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
          description: 'an identifier of letters, digits, dots, dashes and underscores',
        },
        startedAt: dateTime,
        old: {
          type: 'object',
          required: ['certificatePath', 'fingerprintSha256', 'subject', 'serialNumber', 'notAfter', 'publicKeySha256'],
          additionalProperties: false,
          properties: {
            certificatePath: filePath,
            fingerprintSha256: { $ref: '#/definitions/fingerprint' },
            subject: { type: 'string' },
            serialNumber: { type: 'string', pattern: '^[0-9A-Fa-f]+$', description: 'a serial number in hex' },
            notAfter: dateTime,
            publicKeySha256: { $ref: '#/definitions/spki' },
            keyPath: filePath,
          },
        },
        store: {
          type: 'string',
          minLength: 1,
          description: 'the name, in the mtlsRotation.stores setting, of the secrets store the old pair lives in',
        },
        overlapDeadline: dateTime,
        manual: {
          type: 'object',
          additionalProperties: false,
          properties: { reminderReceived: dateTime, csrSubmitted: dateTime },
        },
        new: {
          type: 'object',
          additionalProperties: false,
          properties: {
            keyPath: filePath,
            csrPath: filePath,
            certificatePath: filePath,
            publicKeySha256: { $ref: '#/definitions/spki' },
            fingerprintSha256: { $ref: '#/definitions/fingerprint' },
            serialNumber: { type: 'string', pattern: '^[0-9A-Fa-f]+$', description: 'a serial number in hex' },
            subject: { type: 'string' },
            notAfter: dateTime,
          },
        },
        retiredAt: dateTime,
        retiredKeyPath: filePath,
        storeRetire: {
          type: 'object',
          required: ['removed', 'recoverable', 'message', 'at'],
          additionalProperties: false,
          description: 'what the secrets store said when the old key was retired there',
          properties: {
            removed: { type: 'boolean', description: 'the store says the old private key is gone' },
            recoverable: { type: 'boolean', description: 'the store can still restore it' },
            recoverableUntil: dateTime,
            message: { type: 'string' },
            at: dateTime,
          },
        },
        completedAt: dateTime,
      },
    },
  },
};
