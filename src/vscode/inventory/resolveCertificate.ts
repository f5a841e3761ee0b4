import * as vscode from 'vscode';
import { CertificateGroup, pairInventory } from '../../core/inventory/pairing';
import { CertificateInfo } from '../../core/model';
import { CertificateStore } from './certificateStore';
import { InventoryNode } from './inventoryTree';
import { pickCertificate } from './pickCertificate';

/** How one command reads its target; the defaults suit a command about a leaf certificate of the inventory. */
export interface ResolveCertificateOptions {
  /** The quick pick's title, shown when the command was given no certificate. */
  title: string;
  placeHolder?: string;
  /** The certificates the quick pick offers: leaves by default (a CA is not what gets renewed). */
  offer?: (group: CertificateGroup) => boolean;
  /** When nothing passes `offer`, offer every certificate rather than an empty pick. */
  offerAllWhenNone?: boolean;
  /** A file that holds only a CA certificate names that certificate (otherwise it names none). */
  allowCaFile?: boolean;
  /** A file that names no certificate of the inventory: ask with the pick (default) or do nothing. */
  unknownFile?: 'pick' | 'nothing';
  /**
   * `{ certificate: path, ... }` from a script or test: `inventory` looks the path up (and fails if it is not
   * there); `as-given` trusts the caller, who names every file itself.
   */
  explicit?: 'inventory' | 'as-given';
}

/** What a command was invoked on. `given` is the caller's object when it named the files itself. */
export interface CertificateTarget {
  path: string;
  certificate?: CertificateInfo;
  given?: { certificate: string } & Record<string, unknown>;
}

const isLeaf = (group: CertificateGroup) => !group.certificate.isCA;

/**
 * The one resolver for a command's certificate: a tree node, a file's Uri (a bundle names its leaf), an object
 * naming the file, or the user's pick. Each command states its differences through the options.
 */
export async function resolveCertificate(
  arg: unknown,
  store: CertificateStore,
  options: ResolveCertificateOptions,
): Promise<CertificateTarget | undefined> {
  const given = arg as { certificate?: unknown } | undefined;
  const explicitPath =
    !(arg instanceof vscode.Uri) && typeof given?.certificate === 'string' ? given.certificate : undefined;
  if (explicitPath !== undefined && options.explicit === 'as-given') {
    return { path: explicitPath, given: arg as CertificateTarget['given'] };
  }
  const node = arg as Partial<InventoryNode> | undefined;
  if ((node?.type === 'certificate' || node?.type === 'store-entry') && node.certificate)
    return found(node.certificate);

  await store.whenIdle();
  const groups = pairInventory(store.snapshot().items).certificates;
  if (explicitPath !== undefined) {
    const certificate = groups.find((g) => g.certificate.path === explicitPath)?.certificate;
    if (!certificate) throw new Error(`${explicitPath} is not a certificate in the inventory`);
    return { ...found(certificate), given: arg as CertificateTarget['given'] };
  }
  if (arg instanceof vscode.Uri) {
    const inFile = groups.filter((g) => g.certificate.path === arg.fsPath).map((g) => g.certificate);
    // A bundle holds the leaf and its chain: the leaf is the one being renewed.
    const certificate = inFile.find((c) => !c.isCA) ?? (options.allowCaFile ? inFile[0] : undefined);
    if (certificate) return found(certificate);
    if (options.unknownFile === 'nothing') return undefined;
  }
  const offered = groups.filter(options.offer ?? isLeaf);
  const candidates = offered.length === 0 && options.offerAllWhenNone ? groups : offered;
  const picked = await pickCertificate(
    candidates.map((g) => g.certificate),
    { title: options.title, placeHolder: options.placeHolder },
  );
  return picked ? found(picked) : undefined;
}

function found(certificate: CertificateInfo): CertificateTarget {
  return { path: certificate.path, certificate };
}
