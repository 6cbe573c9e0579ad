import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './selfSignedCertificate.ts';

describe('selfSignedCertificate', () => {
  it('should issue a certificate that verifies against itself for the given IPs and names', () => {
    const { key, cert } = selfSignedCertificate(['127.0.0.1', '::1', 'localhost'], new Date('2030-06-01T00:00:00Z'));
    const x = new X509Certificate(cert);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkIssued(x)).toBe(true);
    expect(x.ca).toBe(true);
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.checkIP('::1')).toBe('::1');
    expect(x.checkHost('localhost')).toBe('localhost');
    expect(x.checkIP('10.0.0.1')).toBeUndefined();
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(new Date(x.validFrom).toISOString()).toBe('2030-05-31T23:00:00.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2031-06-01T00:00:00.000Z');
  });
});
