import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The era's real CLI, as installed (azure-cli 0.10.20). */
const AZURE_BIN = resolve('node_modules/.bin/azure');
// The shared test-only preload that turns the CLI's 30 s poll sleep into VNETSIM_LRO_SLEEP_MS.
const SHORT_LRO_SLEEP = resolve('test/e2e/support/short-lro-sleep.cjs');

/** What a CLI command printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `azure …` in an isolated profile directory; rejects only if the process could not run at all. */
export type AzureCli = (...args: string[]) => Promise<CliResult>;

/**
 * An azure CLI with its own AZURE_CONFIG_DIR, telemetry off, streamline precompiled (the CLI cannot start on Node 20
 * otherwise), the 30 s poll sleep shortened, and no proxy: the recipe of asm-api.md §2. Unlike test/e2e/support's
 * pre-written profile, this one is set up the user's way, by `azure account import` of a publishsettings file.
 */
export async function createAzureCli(extraEnv: Record<string, string> = {}): Promise<{ azure: AzureCli; configDir: string }> {
  const configDir = await mkdtemp(join(tmpdir(), 'vnetsim-azure-'));
  await writeFile(join(configDir, 'telemetry.json'), '{"telemetry": false}');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'], HOME: configDir, AZURE_CONFIG_DIR: configDir, AZURE_NON_INTERACTIVE_MODE: '1',
    PRECOMPILE_STREAMLINE_FILES: '1', NODE_OPTIONS: `--require ${SHORT_LRO_SLEEP} --no-warnings`, VNETSIM_LRO_SLEEP_MS: '50', FORCE_COLOR: '0', ...extraEnv,
  };
  const azure: AzureCli = (...args) => new Promise((resolvePromise) => {
    execFile(AZURE_BIN, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      // eslint-disable-next-line no-control-regex -- the CLI colours its output even when asked not to
      const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');
      resolvePromise({ code, stdout: plain(stdout), stderr: plain(stderr) });
    });
  });
  return { azure, configDir };
}

/** Points the CLI at an emulator: asm mode, an environment for its URL, the publishsettings imported (asm-api.md §2). */
export async function connectAzureCli(azure: AzureCli, apiUrl: string, publishSettingsPath: string): Promise<void> {
  for (const args of [
    ['config', 'mode', 'asm'],
    ['account', 'env', 'add', 'vnetsim', '--management-endpoint-url', apiUrl, '--active-directory-endpoint-url', apiUrl, '--active-directory-resource-id', `${apiUrl}/`],
    ['account', 'import', publishSettingsPath],
  ]) {
    const result = await azure(...args);
    if (result.code !== 0) throw new Error(`azure ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  }
}
