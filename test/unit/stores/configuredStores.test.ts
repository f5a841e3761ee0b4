import * as assert from 'assert';
import { readConfiguredStores } from '../../../src/core/stores/configuredStores';

describe('mtlsRotation.stores', () => {
  it('maps each kind and layout to the spec the adapters open', () => {
    const { stores, problems } = readConfiguredStores([
      {
        name: 'api',
        kind: 'aws-secrets-manager',
        secretName: 'prod/api-client',
        layout: 'staged',
        region: 'eu-west-1',
      },
      {
        name: 'gens',
        kind: 'aws-secrets-manager',
        prefix: 'prod/api',
        layout: 'generation',
        preset: 'kubernetes',
        profile: 'ops',
      },
      {
        name: 'vm',
        kind: 'directory',
        directory: '/srv/certs',
        storeName: 'api',
        reloadCommand: ['systemctl', 'reload', 'nginx'],
      },
    ]);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(stores, [
      {
        name: 'api',
        spec: {
          kind: 'aws-secrets-manager',
          name: 'prod/api-client',
          layout: 'staged',
          preset: 'default',
          region: 'eu-west-1',
        },
      },
      {
        name: 'gens',
        spec: {
          kind: 'aws-secrets-manager',
          name: 'prod/api',
          layout: 'generation',
          preset: 'kubernetes',
          profile: 'ops',
        },
      },
      {
        name: 'vm',
        spec: {
          kind: 'directory',
          directory: '/srv/certs',
          name: 'api',
          reloadCommand: ['systemctl', 'reload', 'nginx'],
        },
      },
    ]);
  });

  it('leaves a bad entry out with a problem naming it, and keeps the others', () => {
    const { stores, problems } = readConfiguredStores([
      { name: 'typo', kind: 'aws-secrets-manager', secretName: 'x', layout: 'stagd' },
      { name: 'ok', kind: 'directory', directory: '/srv/certs', storeName: 'api' },
      { kind: 'directory', directory: '/srv/certs', storeName: 'api' },
      { name: 'ok', kind: 'directory', directory: '/srv/other', storeName: 'api' },
      { name: 'relative', kind: 'directory', directory: 'certs', storeName: 'api' },
      { name: 'mixed', kind: 'aws-secrets-manager', secretName: 'x', prefix: 'y', layout: 'staged' },
      { name: 'badname', kind: 'aws-secrets-manager', secretName: 'has space', layout: 'staged' },
      { name: 'creds', kind: 'aws-secrets-manager', secretName: 'x', layout: 'staged', accessKeyId: 'AKIA' },
      { name: 'reload', kind: 'directory', directory: '/srv', storeName: 'api', reloadCommand: 'systemctl reload' },
      'not an object',
    ]);
    assert.deepStrictEqual(
      stores.map((s) => s.name),
      ['ok'],
    );
    assert.deepStrictEqual(problems, [
      'mtlsRotation.stores "typo" (entry 1) is left out: "layout" must be "staged" or "generation"',
      'mtlsRotation.stores entry 3 is left out: it needs a "name"',
      'mtlsRotation.stores "ok" (entry 4) is left out: another store has the same name',
      'mtlsRotation.stores "relative" (entry 5) is left out: "directory" must be an absolute path',
      'mtlsRotation.stores "mixed" (entry 6) is left out: the staged layout takes "secretName", not "prefix"',
      'mtlsRotation.stores "badname" (entry 7) is left out: secretName "has space" is not a valid AWS secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -)',
      'mtlsRotation.stores "creds" (entry 8) is left out: unknown property "accessKeyId"',
      'mtlsRotation.stores "reload" (entry 9) is left out: "reloadCommand" must be a list of non-empty strings: the program, then its arguments',
      'mtlsRotation.stores entry 10 is left out: it must be an object',
    ]);
    assert.deepStrictEqual(readConfiguredStores({ name: 'x' }).problems, [
      'mtlsRotation.stores must be a list of stores',
    ]);
    assert.deepStrictEqual(readConfiguredStores(undefined), { stores: [], problems: [] });
  });
});
