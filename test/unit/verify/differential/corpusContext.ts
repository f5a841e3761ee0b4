// What every family of the corpus shares: the forge, a few reused keys, a trusted root, and the case list.
import { CA_EXT, CertificateForge, Issued, KEY_IDS, LEAF_EXT } from './certificateForge';
import { VerifyCase } from './verifyCase';

export interface CorpusKeys {
  root: string;
  ca: string;
  ca2: string;
  leaf: string;
  other: string;
}

export class CorpusContext {
  readonly cases: VerifyCase[] = [];
  readonly keys: CorpusKeys;
  /** A CA with key identifiers, the anchor of most cases. */
  readonly root: Issued;
  readonly trustedRoot: string;

  constructor(readonly forge: CertificateForge) {
    this.keys = {
      root: forge.key('k-root'),
      ca: forge.key('k-ca'),
      ca2: forge.key('k-ca2'),
      leaf: forge.key('k-leaf'),
      other: forge.key('k-other'),
    };
    this.root = forge.issue({
      name: 'root',
      subject: '/O=Corpus/CN=Corpus Root',
      key: this.keys.root,
      ext: [...CA_EXT, ...KEY_IDS],
    });
    this.trustedRoot = forge.bundle('trusted-root', [this.root]);
  }

  /** A CA signed by `issuer` (the shared root when absent), with key identifiers unless `ext` says otherwise. */
  ca(
    name: string,
    options: {
      issuer?: Issued;
      key?: string;
      ext?: string[];
      more?: string[];
      subject?: string;
      sections?: string;
    } = {},
  ): Issued {
    return this.forge.issue({
      name,
      subject: options.subject,
      key: options.key ?? this.keys.ca,
      issuer: options.issuer ?? this.root,
      ext: options.ext ?? [...CA_EXT, ...KEY_IDS, ...(options.more ?? [])],
      sections: options.sections,
    });
  }

  /** An end-entity certificate signed by `issuer`, with key identifiers unless `ext` says otherwise. */
  leaf(
    name: string,
    issuer: Issued,
    options: { key?: string; ext?: string[]; more?: string[]; subject?: string; sections?: string } = {},
  ): Issued {
    return this.forge.issue({
      name,
      subject: options.subject,
      key: options.key ?? this.keys.leaf,
      issuer,
      ext: options.ext ?? [...LEAF_EXT, ...KEY_IDS, ...(options.more ?? [])],
      sections: options.sections,
    });
  }

  add(
    family: string,
    name: string,
    target: Issued,
    options: { trusted?: string; untrusted?: readonly Issued[] | string; attime?: Date } = {},
  ): void {
    const untrusted =
      options.untrusted === undefined
        ? undefined
        : typeof options.untrusted === 'string'
          ? options.untrusted
          : this.forge.bundle(`untrusted-${name}`, options.untrusted);
    this.cases.push({
      name,
      family,
      target: target.certPath,
      trusted: options.trusted ?? this.trustedRoot,
      untrusted,
      attime: options.attime === undefined ? undefined : Math.floor(options.attime.getTime() / 1000),
    });
  }
}
