import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('node_modules/azure-cli/bin/azure');
const SHORT_SLEEP = resolve('test/e2e/support/short-lro-sleep.cjs');

/** How the real azure CLI 0.10.20 reaches the emulator: its endpoint, subscription, certificate and trusted CA. */
export interface CliTarget {
  url: string;
  subscriptionId: string;
  certPem: string;
  keyPem: string;
  /** PEM of the CA to trust over https (NODE_EXTRA_CA_CERTS). */
  caPem?: string | undefined;
}

/** What one CLI command printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs CLI commands against one profile. */
export interface AzureCli {
  run(...args: string[]): Promise<CliResult>;
  /** Runs a command with --json and parses what it printed. */
  json<T = unknown>(...args: string[]): Promise<T>;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * An isolated CLI profile (AZURE_CONFIG_DIR) in asm mode with telemetry off, holding an environment whose management
 * endpoint is the emulator and a subscription with the management certificate — the documented alternative to
 * `azure account import` (asm-api.md §1.2). Commands run with PRECOMPILE_STREAMLINE_FILES=1 (the CLI's own compiler
 * fails on Node 20) and the test-only preload that shortens the 30 s sleep before each poll.
 */
export function createAzureCli(target: CliTarget): AzureCli {
  const dir = mkdtempSync(join(tmpdir(), 'vnetsim-azure-'));
  writeFileSync(join(dir, 'telemetry.json'), JSON.stringify({ telemetry: false }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ mode: 'asm' }));
  const environment = { name: 'vnetsim', managementEndpointUrl: target.url, activeDirectoryEndpointUrl: target.url, activeDirectoryResourceId: `${target.url}/` };
  const subscription = {
    id: target.subscriptionId, name: 'vnetsim', isDefault: true, state: 'Enabled', registeredProviders: [], environmentName: 'vnetsim',
    managementEndpointUrl: target.url, managementCertificate: { key: target.keyPem, cert: target.certPem },
  };
  writeFileSync(join(dir, 'azureProfile.json'), JSON.stringify({ environments: [environment], subscriptions: [subscription] }));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'], HOME: dir, AZURE_CONFIG_DIR: dir, AZURE_NON_INTERACTIVE_MODE: '1', PRECOMPILE_STREAMLINE_FILES: '1',
    NODE_OPTIONS: `--require ${SHORT_SLEEP} --no-warnings`, VNETSIM_LRO_SLEEP_MS: '10',
  };
  if (target.caPem !== undefined) {
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, target.caPem);
    env['NODE_EXTRA_CA_CERTS'] = caFile;
  }
  const run = (...args: string[]): Promise<CliResult> => new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout: stdout.replace(ANSI, ''), stderr: stderr.replace(ANSI, '') });
    });
  });
  return {
    run,
    json: async <T>(...args: string[]): Promise<T> => {
      const result = await run(...args, '--json');
      if (result.code !== 0) throw new Error(`azure ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
  };
}
