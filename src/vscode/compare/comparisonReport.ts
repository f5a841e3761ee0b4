import * as path from 'path';
import { subjectAltNameKey } from '../../core/compare/subjectAltNameKey';
import { COMPARISON_WORDS, reportHeadline } from '../../core/report/reportHeadline';
import { Report, ReportCell, ReportSection } from '../../core/report/reportModel';
import { readableDate } from '../../core/text/readableDate';
import { RenewalComparison } from './renewalRequests';

const SAME: ReportCell = { value: '✓', severity: 'ok' };

/** The side-by-side report of a request against the certificate it renews. */
export function comparisonReport(requestPath: string, comparison: RenewalComparison, now = new Date()): Report {
  const old = comparison.old;
  if (!old)
    return {
      title: path.basename(requestPath),
      headline: { text: 'No certificate to compare with', severity: 'info' },
      intro: [
        {
          kind: 'paragraph',
          text: [
            { text: "No certificate in the workspace matches this request's CN or SANs. Use " },
            { text: 'Compare with Certificate…', strong: true },
            { text: ' to choose one.' },
          ],
        },
      ],
      sections: [],
    };
  const request = comparison.request;
  const expires = readableDate(old.notAfter, now);
  const subjectRows: ReportCell[][] = [];
  const types = [...new Set([...old.subject.map((a) => a.type), ...request.subject.map((a) => a.type)])];
  for (const type of types) {
    const before = old.subject
      .filter((a) => a.type === type)
      .map((a) => a.value)
      .join(' + ');
    const after = request.subject
      .filter((a) => a.type === type)
      .map((a) => a.value)
      .join(' + ');
    // A config's value from the environment or an included file is compared, but shown only by where it is from.
    const shown = request.subject
      .filter((a) => a.type === type)
      .map((a) => a.shown ?? a.value)
      .join(' + ');
    subjectRows.push([
      { value: type },
      { value: before },
      { value: shown },
      before === after ? SAME : { value: '✗', severity: 'error' },
    ]);
  }
  const sanRows: ReportCell[][] = [];
  const oldKeys = new Map(old.subjectAltNames.map((s) => [subjectAltNameKey(s), s]));
  const newKeys = new Map(request.subjectAltNames.map((s) => [subjectAltNameKey(s), s]));
  for (const key of new Set([...oldKeys.keys(), ...newKeys.keys()])) {
    const san = oldKeys.get(key) ?? newKeys.get(key)!;
    const value = 'shown' in san && san.shown !== undefined ? san.shown : san.value;
    sanRows.push([
      { value: `${san.type}:${value}` },
      oldKeys.has(key) ? SAME : { value: 'added', severity: 'warning' },
      newKeys.has(key) ? SAME : { value: 'removed', severity: 'error' },
    ]);
  }
  const sections: ReportSection[] = [
    {
      title: 'Subject',
      blocks: [{ kind: 'table', columns: ['attribute', 'old certificate', 'this request', ''], rows: subjectRows }],
    },
    {
      title: 'Subject alternative names',
      blocks: [{ kind: 'table', columns: ['name', 'old certificate', 'this request'], rows: sanRows }],
    },
  ];
  if (request.key) {
    sections.push({
      title: 'Key',
      blocks: [
        {
          kind: 'facts',
          facts: [
            {
              label: 'old',
              value: [
                { text: `${old.keyType} ${old.keyBits ?? ''}, public key SHA-256 ` },
                { text: old.publicKeySha256, code: true },
              ],
            },
            {
              label: 'new',
              value: [
                { text: `${request.key.keyType} ${request.key.keyBits ?? ''}, public key SHA-256 ` },
                { text: request.key.publicKeySha256, code: true },
              ],
            },
          ],
        },
      ],
    });
  }
  sections.push({
    title: 'Findings',
    blocks: [
      {
        kind: 'findings',
        findings: comparison.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
        empty: "None: the request carries the old certificate's subject and SANs.",
      },
    ],
  });
  return {
    title: `${path.basename(requestPath)} against ${path.basename(old.path)}`,
    headline: reportHeadline(
      {
        failed: comparison.findings.filter((f) => f.severity === 'error').length,
        warnings: comparison.findings.filter((f) => f.severity === 'warning').length,
      },
      COMPARISON_WORDS,
    ),
    intro: [
      {
        kind: 'facts',
        facts: [
          {
            label: 'The certificate being renewed',
            value: [
              { text: old.path, code: true },
              { text: ` (${comparison.how === 'linked' ? 'linked by you' : 'matched by CN/SANs'})` },
            ],
          },
          { label: 'Serial', value: { text: old.serialNumber, code: true } },
          { label: 'Expires', value: { text: expires.text, title: expires.iso } },
        ],
      },
    ],
    sections,
  };
}
