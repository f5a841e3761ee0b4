import * as assert from 'assert';
import { CoreError } from '../../../src/core/errors';
import { checkAwsSecretName, describeStoreSpec, parseStoreSpec } from '../../../src/core/stores/storeSpec';

function refused(text: string, message: RegExp): void {
  assert.throws(
    () => parseStoreSpec(text),
    (error: unknown) =>
      error instanceof CoreError && error.code === 'store-spec-invalid' && message.test(error.message),
    text,
  );
}

describe('parseStoreSpec', () => {
  it('reads both AWS layouts with their defaults', () => {
    assert.deepStrictEqual(parseStoreSpec('aws-sm:prod/api-client?layout=staged'), {
      kind: 'aws-secrets-manager',
      name: 'prod/api-client',
      layout: 'staged',
      preset: 'default',
    });
    assert.deepStrictEqual(parseStoreSpec('aws-sm:certs/api?layout=generation'), {
      kind: 'aws-secrets-manager',
      name: 'certs/api',
      layout: 'generation',
      preset: 'default',
    });
  });

  it('takes the optional AWS parameters in any order', () => {
    assert.deepStrictEqual(
      parseStoreSpec(
        'aws-sm:a+b=c.d@e-f_g?profile=ops&layout=staged&preset=kubernetes&region=eu-west-1&endpoint=http://127.0.0.1:5000',
      ),
      {
        kind: 'aws-secrets-manager',
        name: 'a+b=c.d@e-f_g',
        layout: 'staged',
        preset: 'kubernetes',
        region: 'eu-west-1',
        profile: 'ops',
        endpoint: 'http://127.0.0.1:5000',
      },
    );
    assert.strictEqual(
      (parseStoreSpec('aws-sm:x?layout=generation&preset=vault-pki') as { preset: string }).preset,
      'vault-pki',
    );
  });

  it('reads a directory store, its path as given', () => {
    assert.deepStrictEqual(parseStoreSpec('dir:/srv/certs?name=api'), {
      kind: 'directory',
      directory: '/srv/certs',
      name: 'api',
    });
    assert.deepStrictEqual(parseStoreSpec('dir:certs/here?name=a.b_c-1'), {
      kind: 'directory',
      directory: 'certs/here',
      name: 'a.b_c-1',
    });
  });

  it('refuses a missing or unknown scheme', () => {
    refused('prod/api', /must start with aws-sm: or dir:/);
    refused('', /must start with aws-sm: or dir:/);
    refused('vault:kv/api', /must start with aws-sm: or dir: \(got "vault:"\)/);
    refused('AWS-SM:x?layout=staged', /got "AWS-SM:"/);
  });

  it('refuses an AWS spec without a layout, with an unknown one, or with a bad name', () => {
    refused('aws-sm:x', /needs \?layout=staged or \?layout=generation/);
    refused('aws-sm:x?layout=', /layout must be one of staged, generation \(got ""\)/);
    refused('aws-sm:x?layout=Staged', /layout must be one of staged, generation/);
    refused('aws-sm:?layout=staged', /secret name "" is not a valid AWS secret name/);
    refused('aws-sm:a b?layout=staged', /secret name "a b" is not a valid AWS secret name/);
    refused('aws-sm:a#b?layout=generation', /secret prefix "a#b" is not a valid AWS secret name/);
    refused(`aws-sm:${'a'.repeat(513)}?layout=staged`, /is not a valid AWS secret name/);
    refused('aws-sm:x?layout=staged&preset=pkcs12', /preset must be one of default, vault-pki, kubernetes/);
  });

  it('refuses unknown, repeated and empty parameters rather than picking a default', () => {
    refused('aws-sm:x?layout=staged&layuot=generation', /unknown store parameter "layuot" for aws-sm:/);
    refused('aws-sm:x?layout=staged&layout=generation', /store parameter "layout" is given twice/);
    refused('aws-sm:x?layout=staged&region=', /store parameter "region" is empty/);
    refused('dir:/srv?name=a&layout=staged', /unknown store parameter "layout" for dir:/);
    refused('dir:/srv?name=a&name=b', /"name" is given twice/);
  });

  it('refuses a directory store without a path or with a name that is not one folder', () => {
    refused('dir:?name=api', /dir: needs a directory path/);
    refused('dir:/srv', /dir: needs \?name=NAME/);
    for (const name of ['', '.', '..', 'a/b', '../x', 'a b', 'x'.repeat(101)])
      refused(`dir:/srv?name=${encodeURIComponent(name)}`, /directory store name .* must be 1-100 of/);
  });

  it('checkAwsSecretName takes AWS names and names what it checked', () => {
    checkAwsSecretName('a/b_c+d=e.f@g-h');
    checkAwsSecretName('x'.repeat(512));
    assert.throws(
      () => checkAwsSecretName('x y', 'secret prefix'),
      (e: unknown) => e instanceof CoreError && /^secret prefix "x y"/.test(e.message),
    );
  });

  it('describeStoreSpec gives back a spec that parses to the same store', () => {
    for (const text of [
      'aws-sm:prod/api?layout=staged',
      'aws-sm:certs/api?layout=generation&preset=kubernetes',
      'dir:/srv/certs?name=api',
    ]) {
      const spec = parseStoreSpec(text);
      assert.strictEqual(describeStoreSpec(spec), text);
      assert.deepStrictEqual(parseStoreSpec(describeStoreSpec(spec)), spec);
    }
  });
});
