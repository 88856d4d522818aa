import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DEFAULT_EMULATOR_SEED, DEFAULT_SUBSCRIPTION_ID, EMULATOR_SCENARIO_NAME, formatPublishSettings, formatRecordedScenario, generateManagementCertificate, generateServerCertificates, startEmulator,
  type Emulator, type EmulatorStart, type RecordingBase,
} from '../api/index.js';
import { InputError, diagnosticAt } from '../common/index.js';
import { SUBSCRIPTION_NAME } from '../asm/index.js';
import { loadNetworkPlan, loadScenarioFile } from '../scenario/index.js';
import { DEFAULT_HOST, DEFAULT_SPEED } from '../viz/index.js';
import { describeListenFailure, isLoopback, parsePort, parseSpeed } from './listen-options.js';
import { createWorldAnswerers } from './serve-answers.js';

interface EmulateFlags {
  host: string;
  port: number;
  speed: number;
  https?: boolean | undefined;
  publishsettings?: string | undefined;
  record?: string | undefined;
  subscription: string;
  paused?: boolean | undefined;
}

/** Rule of a flag combination the emulator refuses (plain http off loopback, --https without publishsettings). */
export const EMULATE_FLAGS_RULE = 'emulate-flags';

/** Name of the CA file written beside the publishsettings for NODE_EXTRA_CA_CERTS. */
export const CA_FILE_NAME = 'vnetsim-ca.crt';

const EXIT_BAD_INPUT = 2;

/** The arguments, flags and action of `vnetsim emulate [FILE]`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('[file]', 'the starting world: a scenario YAML or a NetworkConfig.xml (default: an empty subscription)')
    .option('--host <address>', 'address to listen on; plain http is allowed on loopback only', DEFAULT_HOST)
    .option('--port <n>', 'TCP port; 0 picks a free one', parsePort, 0)
    .option('--speed <x>', 'simulated ms per real ms (60: a 15-minute gateway provisions in 15 s; 1: the platform\'s own pace)', parseSpeed, DEFAULT_SPEED)
    .option('--https', 'serve TLS with a generated CA; clients must present the management certificate')
    .option('--publishsettings <path>', 'write a .publishsettings file `azure account import` accepts (and, with --https, the CA beside it)')
    .option('--record <path>', 'on Ctrl-C, write the session as a scenario: `vnetsim run PATH` rebuilds the same world')
    .option('--subscription <id>', 'the subscription id clients use', DEFAULT_SUBSCRIPTION_ID)
    .option('--paused', 'start with the simulated clock paused (press play in the page)')
    .action(async (file: string | undefined, flags: EmulateFlags, command: Command) => {
      checkFlags(flags);
      const { start, base } = await loadStart(file);
      const management = flags.https === true || flags.publishsettings !== undefined ? generateManagementCertificate() : undefined;
      const server = flags.https === true ? generateServerCertificates() : undefined;
      let emulator: Emulator;
      try {
        emulator = await startEmulator({
          start, host: flags.host, port: flags.port, speed: flags.speed, subscriptionId: flags.subscription, paused: flags.paused,
          tls: server === undefined || management === undefined ? undefined
            : { keyPem: server.server.keyPem, certPem: server.server.certPem, clientThumbprint: management.thumbprint },
          onInternalError: (error) => process.stderr.write(`vnetsim emulate: internal error: ${error instanceof Error ? error.message : String(error)}\n`),
        });
      } catch (error) {
        command.error(`error: ${describeListenFailure(error, flags)}`, { exitCode: EXIT_BAD_INPUT, code: 'vnetsim.emulate.listen' });
      }
      Object.assign(emulator.engine, createWorldAnswerers(() => emulator.engine.events, { scenario: 'emulator', file: emulator.apiUrl }));
      const lines = [`Service Management API: ${emulator.apiUrl}`, `live view: ${emulator.pageUrl}`, `subscription: ${emulator.subscriptionId}`];
      if (flags.publishsettings !== undefined && management !== undefined) {
        const path = resolve(flags.publishsettings);
        await writeFile(path, formatPublishSettings({
          subscriptionId: emulator.subscriptionId, subscriptionName: SUBSCRIPTION_NAME, serviceManagementUrl: emulator.apiUrl, pfxBase64: management.pfxBase64,
        }));
        lines.push(`publishsettings: ${path}`);
        if (server !== undefined) {
          const caPath = join(dirname(path), CA_FILE_NAME);
          await writeFile(caPath, server.ca.certPem);
          lines.push(`CA certificate: ${caPath}`, `  export NODE_EXTRA_CA_CERTS=${caPath}`);
        }
        lines.push(...describeCliSetup(emulator.apiUrl, path));
      }
      process.stdout.write(`${lines.join('\n')}\nCtrl-C stops${flags.record === undefined ? '' : ` and writes ${flags.record}`}\n`);
      await new Promise<void>((resolvePromise) => {
        const stop = (): void => {
          const recording = flags.record === undefined ? Promise.resolve()
            : writeFile(flags.record, formatRecordedScenario(base, emulator.engine.accepted, emulator.engine.sim.clock.now()));
          void recording.then(() => emulator.close()).then(resolvePromise);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** The shell lines that point the azure CLI (0.10.x, asm mode) at the emulator (asm-api.md §2). */
export function describeCliSetup(apiUrl: string, publishSettingsPath: string): string[] {
  return [
    'point the azure CLI at it:',
    '  azure config mode asm',
    `  azure account env add vnetsim --management-endpoint-url ${apiUrl} --active-directory-endpoint-url ${apiUrl} --active-directory-resource-id ${apiUrl}/`,
    `  azure account import ${publishSettingsPath}`,
  ];
}

function checkFlags(flags: EmulateFlags): void {
  const at = { file: 'vnetsim emulate', line: 1, column: 1 };
  if (flags.https !== true && !isLoopback(flags.host)) {
    // Over http no client certificate is presented, so nobody could be authenticated (asm-api.md §1.3).
    throw new InputError([diagnosticAt(at, EMULATE_FLAGS_RULE, 'error', `plain http is allowed on loopback only, not on ${flags.host}; add --https (and --publishsettings) or listen on 127.0.0.1`)]);
  }
  if (flags.https === true && flags.publishsettings === undefined) {
    throw new InputError([diagnosticAt(at, EMULATE_FLAGS_RULE, 'error', '--https needs --publishsettings PATH: clients get the management certificate from it, and the CA is written beside it')]);
  }
}

async function loadStart(file: string | undefined): Promise<{ start: EmulatorStart; base: RecordingBase }> {
  if (file === undefined) return { start: { kind: 'empty' }, base: { name: EMULATOR_SCENARIO_NAME, seed: DEFAULT_EMULATOR_SEED, era: '2014' } };
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text !== undefined && text.replace(/^\uFEFF/, '').trimStart().startsWith('<')) {
    return { start: { kind: 'network', plan: (await loadNetworkPlan(file)).plan }, base: { name: EMULATOR_SCENARIO_NAME, seed: DEFAULT_EMULATOR_SEED, era: '2014' } };
  }
  const scenario = await loadScenarioFile(file);
  return { start: { kind: 'scenario', scenario }, base: { name: scenario.name, seed: scenario.seed, era: scenario.era, scenarioText: text } };
}
