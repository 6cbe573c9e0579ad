import { describe, it, expect } from 'vitest';
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { defaultSecret } from '../defaults/defaultCore.ts';
import { messages } from './testObjects.ts';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './validateConfigData.ts';

const KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const meta = { name: 'cfg', namespace: 'default' };

describe('validateConfigMap', () => {
  it('should accept valid keys', () => {
    expect(validateConfigMap({ metadata: meta, data: { 'app.properties': 'a=b', KEY_1: 'x' }, binaryData: { 'logo.png': 'iVBORw0=' } })).toEqual([]);
  });

  it.each<[string, ConfigMap, string[]]>([
    ['a key with a slash', { metadata: meta, data: { 'a/b': 'x' } }, [`data[a/b]: Invalid value: "a/b": ${KEY}`]],
    ['a key of two dots', { metadata: meta, data: { '..': 'x' } }, ["data[..]: Invalid value: \"..\": must not be '..'"]],
    ['a key in both maps', { metadata: meta, data: { a: 'x' }, binaryData: { a: 'eA==' } }, ['data[a]: Invalid value: "a": duplicate of key present in binaryData', 'binaryData[a]: Invalid value: "a": duplicate of key present in data']],
    ['more than 1 MiB', { metadata: meta, data: { a: 'x'.repeat(1024 * 1024 + 1) } }, [': Too long: may not be more than 1048576 bytes']],
  ])('should report %s', (_what, cm, want) => {
    expect(messages(validateConfigMap(cm))).toEqual(want);
  });

  it('should keep the data of an immutable ConfigMap', () => {
    const old: ConfigMap = { metadata: { ...meta, resourceVersion: '1' }, immutable: true, data: { a: '1' } };
    expect(messages(validateConfigMapUpdate({ ...old, data: { a: '2' } }, old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(messages(validateConfigMapUpdate({ ...old, immutable: false }, old))).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
    expect(validateConfigMapUpdate({ ...old, metadata: { ...old.metadata, labels: { a: 'b' } } }, old)).toEqual([]);
  });
});

describe('validateSecret', () => {
  it('should accept a defaulted Opaque secret made from stringData', () => {
    expect(validateSecret(defaultSecret({ metadata: meta, stringData: { password: 'hunter2' } }))).toEqual([]);
  });

  it.each<[string, Secret, string[]]>([
    ['a value that is not base64', { metadata: meta, type: 'Opaque', data: { a: 'not base64!' } }, ['data[a]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3']],
    ['a bad key', { metadata: meta, type: 'Opaque', data: { 'a b': 'eA==' } }, [`data[a b]: Invalid value: "a b": ${KEY}`]],
    ['a TLS secret without its keys', { metadata: meta, type: 'kubernetes.io/tls', data: {} }, ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    ['basic auth without username or password', { metadata: meta, type: 'kubernetes.io/basic-auth' }, ['data[username]: Required value', 'data[password]: Required value']],
    [
      'a service account token without its annotation',
      { metadata: meta, type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    ['a docker config that is not JSON', { metadata: meta, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{').toString('base64') } }, [expect.stringMatching(/^data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>": /)]],
  ])('should report %s', (_what, secret, want) => {
    expect(messages(validateSecret(secret))).toEqual(want);
  });

  it('should keep the type immutable', () => {
    const old: Secret = { metadata: { ...meta, resourceVersion: '1' }, type: 'Opaque', data: {} };
    expect(messages(validateSecretUpdate({ ...old, type: 'kubernetes.io/basic-auth', data: { username: 'dQ==' } }, old))).toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });
});
