import { splitPem } from './pem';

/** The PEM certificates in a text, each as its own block ending in one newline; other blocks are left out. */
export function certificateBlocks(pem: string): string[] {
  return splitPem(pem)
    .blocks.filter((b) => /CERTIFICATE/.test(b.label))
    .map((b) => `${b.text.trimEnd()}\n`);
}
