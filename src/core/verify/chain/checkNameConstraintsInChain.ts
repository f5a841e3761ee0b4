// check_name_constraints of OpenSSL 3.0: every certificate but self-issued intermediates is checked against the
// NameConstraints of every certificate above it, trust anchor included; the target's subject CNs that look like
// host names are checked too (the CN check runs at depth 0 only, once the names passed).
import { checkNameConstraints, checkNameConstraintsCN } from './nameConstraints';
import { VerifyContext, reportError } from './verifyContext';

export function checkNameConstraintsInChain(ctx: VerifyContext): boolean {
  const chain = ctx.chain;
  for (let i = chain.length - 1; i >= 0; i--) {
    const x = chain[i];
    if (i !== 0 && x.selfIssued) continue;
    for (let j = chain.length - 1; j > i; j--) {
      const nc = chain[j].ext.nameConstraints;
      if (nc === undefined) continue;
      let rv = checkNameConstraints(nc, x.subject, x.ext.subjectAltNames);
      if (rv === 0 && i === 0) rv = checkNameConstraintsCN(nc, x.subject, x.ext.subjectAltNames);
      if (rv === 17) return false;
      if (rv !== 0 && !reportError(ctx, rv, i)) return false;
    }
  }
  return true;
}
