import * as assert from 'assert';
import { reportMarkdown } from '../../../src/core/report/reportMarkdown';
import { testCallReport } from '../../../src/vscode/testCall/testCallReport';

const certificate = {
  path: '/w/new.crt',
  subject: [{ type: 'CN', value: 'a.example.com' }],
  fingerprintSha256: 'AB:CD',
};
const now = new Date('2027-02-12T10:00:00Z');

function result(outcome: string, status?: number) {
  return {
    outcome,
    status,
    url: 'https://api.example.com/v2/x',
    durationMs: 12.4,
    phase: 'done',
    hint: 'Carry on.',
    tls: {
      protocol: 'TLSv1.3',
      serverCertificate: { subject: 'CN = api', issuer: 'CN = CA', notAfter: '2027-03-03T12:00:00.000Z' },
    },
  } as never;
}

describe('test call report', () => {
  it('heads an ok call as succeeded and a refused one as failed', () => {
    assert.deepStrictEqual(testCallReport(result('ok', 200), 'sandbox', certificate as never, 'curl x', now).headline, {
      text: 'The call succeeded (200)',
      severity: 'ok',
    });
    assert.deepStrictEqual(
      testCallReport(result('tls-handshake'), 'sandbox', certificate as never, 'curl x', now).headline,
      {
        text: 'The call failed: tls-handshake',
        severity: 'error',
      },
    );
  });

  it("shows the server certificate's expiry for people and the curl command as a block to copy", () => {
    const report = testCallReport(result('ok', 200), 'sandbox', certificate as never, 'curl --cert a\n', now);
    const tls = report.sections.find((s) => s.title === 'TLS');
    assert.ok(tls?.blocks[0].kind === 'facts');
    const server = tls.blocks[0].facts.find((f) => f.label === 'Server certificate');
    assert.ok(Array.isArray(server?.value));
    assert.deepStrictEqual(server.value[1].title, '2027-03-03T12:00:00.000Z');
    assert.match(server.value[1].text, /^[23] Mar 2027 \(in 19 days\)$/);
    const curl = report.sections.find((s) => s.title === 'The same with curl');
    assert.deepStrictEqual(curl?.blocks[1], {
      kind: 'code',
      language: 'sh',
      code: 'curl --cert a',
      label: 'curl command',
    });
    assert.ok(reportMarkdown(report).includes('```sh\ncurl --cert a\n```'));
  });
});
