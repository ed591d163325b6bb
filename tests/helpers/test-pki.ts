/**
 * A throw-away PKI for tests and the bench, made at run time with the `openssl` binary in a temp
 * folder (no private key is ever committed): a CA standing in for PKIoverheid and certificates it
 * issues for the relay, the test provider and impostors. Node's crypto cannot sign certificates, so
 * without openssl the callers skip, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IssuedCertificate {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

export interface TestCa {
  name: string;
  cert: string;
  certPath: string;
  /** A certificate for these DNS names (and IP addresses), usable by a server and a client. */
  issue(file: string, names: { dns: string[]; ip?: string[] }): IssuedCertificate;
}

export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function makeTestCa(dir: string, name: string): TestCa {
  const certPath = join(dir, `${name}.ca.crt`);
  const caKey = join(dir, `${name}.ca.key`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', certPath, '-days', '2', '-subj', `/CN=${name} (TEST)`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return {
    name,
    certPath,
    cert: readFileSync(certPath, 'utf8'),
    issue(file, names) {
      const keyPath = join(dir, `${file}.key`);
      const csr = join(dir, `${file}.csr`);
      const ext = join(dir, `${file}.ext`);
      const leafPath = join(dir, `${file}.crt`);
      const alt = [...names.dns.map((d) => `DNS:${d}`), ...(names.ip ?? []).map((i) => `IP:${i}`)].join(',');
      writeFileSync(ext, `subjectAltName=${alt}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n`);
      openssl(['req', '-new', ...ec, '-keyout', keyPath, '-out', csr, '-subj', `/CN=${names.dns[0] ?? names.ip?.[0] ?? file}`]);
      openssl(['x509', '-req', '-in', csr, '-CA', certPath, '-CAkey', caKey, '-set_serial', `0x${randomBytes(8).toString('hex')}`,
        '-days', '2', '-out', leafPath, '-extfile', ext]);
      return { cert: readFileSync(leafPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath: leafPath, keyPath };
    },
  };
}
