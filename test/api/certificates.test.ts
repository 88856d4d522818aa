import { createRequire } from 'node:module';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPublishSettings, generateManagementCertificate, generateServerCertificates } from '../../src/api/index.js';
import { randomSerial } from '../../src/api/certificates.js';

const require = createRequire(import.meta.url);

describe('the management certificate', () => {
  const management = generateManagementCertificate();

  it('is a PFX the azure CLI reads: its own pfx2pem decrypts the 3DES key bag under a zero-length password', () => {
    const pkcs = require('azure-cli/lib/util/certificates/pkcs.js') as { pfx2pem: (pfx: Buffer) => Buffer | string };
    const pem = String(pkcs.pfx2pem(Buffer.from(management.pfxBase64, 'base64')));
    expect(pem).toContain('-----BEGIN CERTIFICATE-----');
    expect(pem).toMatch(/-----BEGIN (RSA )?PRIVATE KEY-----/);
  });

  it('has the SHA-1 thumbprint Node reports for the certificate', () => {
    expect(management.thumbprint).toBe(new X509Certificate(management.certPem).fingerprint.replace(/:/g, ''));
  });

  it('goes into a publishsettings file with SchemaVersion 2.0 and the endpoint', () => {
    const text = formatPublishSettings({ subscriptionId: 'sub', subscriptionName: 'vnetsim', serviceManagementUrl: 'http://127.0.0.1:1', pfxBase64: management.pfxBase64 });
    expect(text).toContain('<PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">');
    expect(text).toContain(`ServiceManagementUrl="http://127.0.0.1:1" Id="sub"`);
    expect(text).toContain(`ManagementCertificate="${management.pfxBase64}"`);
  });
});

describe('the server certificates of --https', () => {
  it('name 127.0.0.1 and localhost and are signed by the generated CA', () => {
    const { ca, server } = generateServerCertificates();
    const serverCert = new X509Certificate(server.certPem);
    expect(serverCert.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(serverCert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(new X509Certificate(ca.certPem).ca).toBe(true);
  });
});

describe('certificate serial numbers', () => {
  it('are positive, minimally encoded DER integers in every draw (a leading 00 before a byte below 80 is "illegal padding" to OpenSSL)', () => {
    for (let draw = 0; draw < 5_000; draw += 1) {
      const bytes = Buffer.from(randomSerial(), 'hex');
      expect(bytes.length).toBe(16);
      expect(bytes[0]! & 0xc0).toBe(0x40);
    }
  });

  it('give certificates Node reads, draw after draw', () => {
    for (let draw = 0; draw < 8; draw += 1) {
      const { certPem, thumbprint } = generateManagementCertificate();
      expect(new X509Certificate(certPem).fingerprint.replace(/:/g, '')).toBe(thumbprint);
    }
  });
});
