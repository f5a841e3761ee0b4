import { CoreError } from '../errors';
import { formatName } from '../x509/formatName';
import { CertificateInfo } from '../model';
import { DocumentError } from '../json/documentError';
import { sameFingerprint } from './fingerprint';
import { isoOf } from '../text/isoDateTime';
import { parseJsonDocument } from '../json/parseJsonDocument';
import { assertMatchesSchema, readJsonAgainstSchema } from '../json/readJsonAgainstSchema';
import { toRecordedPath } from './recordedPath';
import { ROTATION_FILE_SCHEMA } from './rotationFileSchema';

/** Where teams keep (and may commit) the record; it never holds a key, a passphrase or an API key. */
export const ROTATION_FILE_PATH = '.vscode/mtls-rotation.json';

/** The certificate being replaced, as it was when the rotation started (the file may be gone later). */
export interface RotationOld {
  certificatePath: string;
  fingerprintSha256: string;
  /** As `openssl x509 -subject` prints it (`formatName`). */
  subject: string;
  serialNumber: string;
  notAfter: string;
  publicKeySha256: string;
  keyPath?: string;
}

/** Steps only the user can confirm: ISO instants at which they ticked them. */
export interface RotationManual {
  reminderReceived?: string;
  csrSubmitted?: string;
}

/** What the rotation produced, recorded once seen so the evidence survives files moving to a secrets store. */
export interface RotationNew {
  keyPath?: string;
  csrPath?: string;
  certificatePath?: string;
  publicKeySha256?: string;
  fingerprintSha256?: string;
  /** The new certificate's facts, archived when the rotation completes: "replaced by …" outlives its file. */
  serialNumber?: string;
  subject?: string;
  notAfter?: string;
}

/** What the store said when the old key was retired there: the checklist's evidence that it is gone, or why not. */
export interface StoreRetireRecord {
  removed: boolean;
  recoverable: boolean;
  recoverableUntil?: string;
  /** The store's own explanation (never key material). */
  message: string;
  at: string;
}

export interface Rotation {
  id: string;
  startedAt: string;
  old: RotationOld;
  /** The name (in `mtlsRotation.stores`) of the secrets store the old pair lives in and the new one goes to. */
  store?: string;
  /** Hard deadline for retiring the old key; absent means the old certificate's notAfter. */
  overlapDeadline?: string;
  manual: RotationManual;
  new?: RotationNew;
  retiredAt?: string;
  retiredKeyPath?: string;
  storeRetire?: StoreRetireRecord;
  completedAt?: string;
}

export interface RotationFile {
  $schema?: string;
  version: 1;
  rotations: Rotation[];
}

/** `undefined` leaves a field as it is, `null` removes it (unticking a manual step, say). */
export type Clearable<T> = { [K in keyof T]?: T[K] | null };

export interface RotationPatch {
  overlapDeadline?: string | null;
  manual?: Clearable<RotationManual>;
  new?: Clearable<RotationNew>;
  retiredAt?: string | null;
  retiredKeyPath?: string | null;
  store?: string | null;
  storeRetire?: StoreRetireRecord | null;
  completedAt?: string | null;
}

const WHAT = 'rotation record';
const ROTATION_SCHEMA = {
  ...ROTATION_FILE_SCHEMA.definitions?.rotation,
  definitions: ROTATION_FILE_SCHEMA.definitions,
};

export function emptyRotationFile(): RotationFile {
  return { version: 1, rotations: [] };
}

export function parseRotationFile(text: string): RotationFile {
  const file = readJsonAgainstSchema(text, ROTATION_FILE_SCHEMA, 'rotation-file-invalid', WHAT) as RotationFile;
  const seen = new Map<string, number>();
  file.rotations.forEach((rotation, index) => {
    const first = seen.get(rotation.id);
    if (first !== undefined) {
      const pointer = `/rotations/${index}/id`;
      const at = parseJsonDocument(text, 'rotation-file-invalid', WHAT).values.get(pointer);
      throw new DocumentError(
        'rotation-file-invalid',
        [{ pointer, message: `duplicate rotation id "${rotation.id}" (also /rotations/${first})`, ...at }],
        WHAT,
      );
    }
    seen.set(rotation.id, index);
  });
  return file;
}

function compact<T extends object>(entries: Array<[keyof T & string, unknown]>): T {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as T;
}

function canonicalRotation(r: Rotation): Rotation {
  return compact<Rotation>([
    ['id', r.id],
    ['startedAt', r.startedAt],
    [
      'old',
      compact<RotationOld>([
        ['certificatePath', r.old.certificatePath],
        ['fingerprintSha256', r.old.fingerprintSha256],
        ['subject', r.old.subject],
        ['serialNumber', r.old.serialNumber],
        ['notAfter', r.old.notAfter],
        ['publicKeySha256', r.old.publicKeySha256],
        ['keyPath', r.old.keyPath],
      ]),
    ],
    ['store', r.store],
    ['overlapDeadline', r.overlapDeadline],
    [
      'manual',
      compact<RotationManual>([
        ['reminderReceived', r.manual.reminderReceived],
        ['csrSubmitted', r.manual.csrSubmitted],
      ]),
    ],
    [
      'new',
      r.new &&
        compact<RotationNew>([
          ['keyPath', r.new.keyPath],
          ['csrPath', r.new.csrPath],
          ['certificatePath', r.new.certificatePath],
          ['publicKeySha256', r.new.publicKeySha256],
          ['fingerprintSha256', r.new.fingerprintSha256],
          ['serialNumber', r.new.serialNumber],
          ['subject', r.new.subject],
          ['notAfter', r.new.notAfter],
        ]),
    ],
    ['retiredAt', r.retiredAt],
    ['retiredKeyPath', r.retiredKeyPath],
    [
      'storeRetire',
      r.storeRetire &&
        compact<StoreRetireRecord>([
          ['removed', r.storeRetire.removed],
          ['recoverable', r.storeRetire.recoverable],
          ['recoverableUntil', r.storeRetire.recoverableUntil],
          ['message', r.storeRetire.message],
          ['at', r.storeRetire.at],
        ]),
    ],
    ['completedAt', r.completedAt],
  ]);
}

/** Fixed key order, two-space indent, trailing newline: a committed file whose diffs show only real changes. */
export function serializeRotationFile(file: RotationFile): string {
  const canonical = compact<RotationFile>([
    ['$schema', file.$schema],
    ['version', file.version],
    ['rotations', file.rotations.map(canonicalRotation)],
  ]);
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/** The rotation not yet completed for this certificate, if any. */
export function openRotationFor(file: RotationFile, fingerprintSha256: string): Rotation | undefined {
  return file.rotations.find(
    (r) => r.completedAt === undefined && sameFingerprint(r.old.fingerprintSha256, fingerprintSha256),
  );
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'certificate'
  );
}

export function startRotation(
  file: RotationFile,
  certificate: CertificateInfo,
  keyPath: string | undefined,
  now: Date,
  options: { workspaceRoot?: string; store?: string } = {},
): { file: RotationFile; rotation: Rotation } {
  const open = openRotationFor(file, certificate.fingerprintSha256);
  if (open) {
    throw new CoreError(
      'rotation-exists',
      `a rotation of ${formatName(certificate.subject) || certificate.fingerprintSha256} is already in progress (${open.id}, started ${open.startedAt})`,
    );
  }
  const startedAt = isoOf(now);
  // Readable and deterministic: the certificate's CN and the day; a suffix only when that is taken.
  const cn = certificate.subject.find((a) => a.type === 'CN')?.value ?? '';
  const base = `${slug(cn || certificate.fingerprintSha256.slice(0, 11))}-${startedAt.slice(0, 10)}`;
  let id = base;
  for (let n = 2; file.rotations.some((r) => r.id === id); n++) id = `${base}-${n}`;
  const rotation: Rotation = {
    id,
    startedAt,
    old: compact<RotationOld>([
      ['certificatePath', toRecordedPath(certificate.path, options.workspaceRoot)],
      ['fingerprintSha256', certificate.fingerprintSha256],
      ['subject', formatName(certificate.subject)],
      ['serialNumber', certificate.serialNumber],
      ['notAfter', certificate.notAfter],
      ['publicKeySha256', certificate.publicKeySha256],
      ['keyPath', keyPath === undefined ? undefined : toRecordedPath(keyPath, options.workspaceRoot)],
    ]),
    ...(options.store === undefined ? {} : { store: options.store }),
    manual: {},
  };
  assertMatchesSchema(rotation, ROTATION_SCHEMA, 'rotation-file-invalid', WHAT);
  return { file: { ...file, rotations: [...file.rotations, rotation] }, rotation };
}

function applyClearable<T extends object>(base: T | undefined, patch: Clearable<T> | undefined): T | undefined {
  if (patch === undefined) return base;
  const result: Record<string, unknown> = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result as T;
}

export function updateRotation(file: RotationFile, id: string, patch: RotationPatch): RotationFile {
  const index = file.rotations.findIndex((r) => r.id === id);
  if (index < 0) throw new CoreError('rotation-not-found', `no rotation with id "${id}"`);
  const { manual, new: fresh, ...rest } = patch;
  const current = file.rotations[index];
  const updated = applyClearable(current, rest as Clearable<Rotation>) as Rotation;
  updated.manual = applyClearable(current.manual, manual) ?? {};
  const merged = applyClearable(current.new, fresh);
  if (merged === undefined || Object.keys(merged).length === 0) delete updated.new;
  else updated.new = merged;
  assertMatchesSchema(updated, ROTATION_SCHEMA, 'rotation-file-invalid', WHAT);
  const rotations = [...file.rotations];
  rotations[index] = updated;
  return { ...file, rotations };
}
