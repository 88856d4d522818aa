import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * The emulator's certificates, made with node-forge (no hand-rolled ASN.1): a management certificate the clients
 * present (PKCS#12 the CLI can read: a 3DES pkcs8ShroudedKeyBag under a zero-length password, asm-api.md §1.2), and
 * for `--https` a CA and a server certificate for 127.0.0.1 and localhost. RSA keys come from node:crypto (native,
 * fast); forge builds and signs the X.509 and PKCS#12 structures.
 */

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  certPem: string;
  keyPem: string;
}

/** The management certificate: the pair, its SHA-1 thumbprint (upper-case hex) and the base64 PFX for publishsettings. */
export interface ManagementCertificate extends CertificatePair {
  thumbprint: string;
  pfxBase64: string;
}

/** The TLS material of `--https`: the CA clients trust (NODE_EXTRA_CA_CERTS) and the server's certificate. */
export interface ServerCertificates {
  ca: CertificatePair;
  server: CertificatePair;
}

const KEY_BITS = 2048;
const VALID_YEARS = 10;

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: KEY_BITS, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), keyPem: privateKey };
}

function newCertificate(subjectCn: string, publicKey: forge.pki.rsa.PublicKey, serial: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + VALID_YEARS * 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subjectCn }]);
  return cert;
}

/** 16 random bytes as a positive, minimally encoded DER INTEGER: the first byte is 0x40–0x7f. */
export function randomSerial(): string {
  const bytes = forge.random.getBytesSync(16);
  // forge writes the hex as the INTEGER's bytes unchanged. A leading 0x00 before a byte below 0x80 is "illegal padding"
  // to OpenSSL (Node refuses the certificate; the CLI's https session failed about once in 32 certificates), and a
  // first byte ≥ 0x80 would make the serial negative; forcing 01xxxxxx avoids both.
  const first = (bytes.charCodeAt(0) & 0x3f) | 0x40;
  return forge.util.bytesToHex(String.fromCharCode(first) + bytes.slice(1));
}

/** SHA-1 of the DER certificate, upper-case hex: the thumbprint Azure listed for management certificates. */
export function thumbprintOf(cert: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return forge.md.sha1.create().update(der).digest().toHex().toUpperCase();
}

/** Generates a self-signed management certificate and its CLI-readable PFX. */
export function generateManagementCertificate(subjectCn = 'vnetsim-management'): ManagementCertificate {
  const keys = newKeyPair();
  const cert = newCertificate(subjectCn, keys.publicKey, randomSerial());
  cert.setIssuer(cert.subject.attributes);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  // The CLI's pfx2pem derives the key from a truly zero-length password. forge encodes '' as the two bytes 00 00 (as
  // OpenSSL does: "bad decrypt"), and null leaves the key bag unencrypted; `undefined` still takes the encrypting path
  // (a 3DES pkcs8ShroudedKeyBag) with an empty password buffer (asm-api.md §1.2, checked against pfx2pem in a test).
  const zeroLengthPassword = undefined as unknown as string;
  const pfx = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], zeroLengthPassword, { algorithm: '3des', friendlyName: subjectCn });
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem: keys.keyPem,
    thumbprint: thumbprintOf(cert),
    pfxBase64: forge.util.encode64(forge.asn1.toDer(pfx).getBytes()),
  };
}

/** Generates a CA and a server certificate for 127.0.0.1 and localhost signed by it. */
export function generateServerCertificates(): ServerCertificates {
  const caKeys = newKeyPair();
  const ca = newCertificate('vnetsim emulator CA', caKeys.publicKey, randomSerial());
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const serverKeys = newKeyPair();
  const server = newCertificate('127.0.0.1', serverKeys.publicKey, randomSerial());
  server.setIssuer(ca.subject.attributes);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    ca: { certPem: forge.pki.certificateToPem(ca), keyPem: caKeys.keyPem },
    server: { certPem: forge.pki.certificateToPem(server), keyPem: serverKeys.keyPem },
  };
}
