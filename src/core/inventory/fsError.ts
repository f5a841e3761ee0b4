import { CoreError } from '../errors';

/** A file system error as the inventory reports it; `explicit` for paths the user named rather than ones found. */
export function fsError(error: unknown, explicit: boolean): CoreError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new CoreError('not-found', explicit ? 'no such file or directory' : 'file vanished during the scan');
    case 'EACCES':
    case 'EPERM':
      return new CoreError('permission-denied', 'permission denied');
    case 'ELOOP':
      return new CoreError('symlink-loop', 'symbolic link loop');
    case 'EISDIR':
      return new CoreError('unreadable', 'is a directory');
    default:
      if (error instanceof CoreError) return error;
      return new CoreError(
        'unreadable',
        `unreadable: ${code ?? (error instanceof Error ? error.message : String(error))}`,
      );
  }
}
