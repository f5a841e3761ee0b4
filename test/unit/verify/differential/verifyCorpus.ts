// The differential corpus of issue 14: every case is a set of PEM files made by openssl and the flags of one
// `openssl verify` call; the verdicts are never written down, openssl gives them on each run.
import { CertificateForge } from './certificateForge';
import {
  caMarkingCases,
  criticalExtensionCases,
  dateCases,
  encodingCases,
  explicitCurveCases,
  keyIdentifierCases,
  signatureCases,
} from './corpusCertificates';
import { depthCases, pathLengthCases, sharedSubjectCases, trustCases } from './corpusChains';
import { CorpusContext } from './corpusContext';
import { extensionValueCases } from './corpusExtensionValues';
import { nameConstraintCases } from './corpusNameConstraints';
import { VerifyCase } from './verifyCase';

export function buildVerifyCorpus(dir: string): VerifyCase[] {
  const ctx = new CorpusContext(new CertificateForge(dir));
  nameConstraintCases(ctx);
  pathLengthCases(ctx);
  criticalExtensionCases(ctx);
  explicitCurveCases(ctx);
  depthCases(ctx);
  sharedSubjectCases(ctx);
  caMarkingCases(ctx);
  trustCases(ctx);
  signatureCases(ctx);
  keyIdentifierCases(ctx);
  dateCases(ctx);
  encodingCases(ctx);
  extensionValueCases(ctx);
  const names = new Set<string>();
  for (const c of ctx.cases) {
    if (names.has(c.name)) throw new Error(`two corpus cases named ${c.name}`);
    names.add(c.name);
  }
  return ctx.cases;
}
