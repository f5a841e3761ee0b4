import * as assert from 'assert';
import { environmentPicks } from '../../../src/core/testCall/environmentPicks';

describe('environmentPicks', () => {
  const environments = [
    { name: 'sandbox', baseUrl: 'https://sandbox.example/', testPath: '/v1/ping' },
    { name: 'production', baseUrl: 'https://api.example', testPath: '/v1/ping' },
  ];

  it('says which environments have a key, preferred first, with the URL as detail', () => {
    const picks = environmentPicks(environments, new Set(['production']), 'production');
    assert.deepStrictEqual(
      picks.map((p) => [p.label, p.description, p.detail]),
      [
        ['production', 'API key stored', 'https://api.example/v1/ping'],
        ['sandbox', 'no API key', 'https://sandbox.example/v1/ping'],
      ],
    );
    assert.strictEqual(picks[0].environment, environments[1]);
  });

  it('keeps the configured order without a preference', () => {
    assert.deepStrictEqual(
      environmentPicks(environments, new Set()).map((p) => [p.label, p.description]),
      [
        ['sandbox', 'no API key'],
        ['production', 'no API key'],
      ],
    );
  });
});
