import { SIMULATED_EPOCH_MS } from '../../src/api/index.js';
import { loadPsWorld } from '../../src/cli/ps-world.js';
import { AZURE_VIEWS, AnswersHost, DEFAULT_ANSWERS, createAzureCmdlets, createAzureSession, runScriptText, summarizeWorld, type Answers, type WorldSummary } from '../../src/powershell/index.js';
import type { World } from '../../src/sim/index.js';

/** A script run against a fresh simulated subscription: console text, exit code, the world and its summary. */
export interface AzureRun {
  text: string;
  exitCode: number;
  world: World;
  summary: WorldSummary;
}

/** Runs a script text with the Azure module over an empty subscription (files given in memory). */
export async function runAgainstAzure(script: string, answers: Partial<Answers> = {}, files: Record<string, string> = {}): Promise<AzureRun> {
  const world = await loadPsWorld(undefined);
  const session = createAzureSession(world.engine, SIMULATED_EPOCH_MS);
  const host = new AnswersHost('C:\\scripts\\test.ps1', { ...DEFAULT_ANSWERS, ...answers }, { read: (path) => files[path], resolve: (path) => path }, {
    nowMs: () => SIMULATED_EPOCH_MS + session.nowMs(), sleep: (ms) => session.sleep(ms),
  });
  const result = runScriptText(script, host, { cmdlets: createAzureCmdlets(session), views: AZURE_VIEWS });
  return { text: host.lines.join('\n'), exitCode: result.exitCode, world: world.engine.sim.world, summary: summarizeWorld(world.engine.sim.world, world.engine.state.compute) };
}

/** One Windows VM in a new service in West US, with whatever the pipeline adds before New-AzureVM. */
export function oneVm(service: string, name: string, between = ''): string {
  return `New-AzureVMConfig -Name ${name} -InstanceSize Small -ImageName "a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201410.01-en.us-127GB.vhd" | Add-AzureProvisioningConfig -Windows -AdminUsername admin1 -Password "Pa55w.rd" ${between} | New-AzureVM -ServiceName ${service} -Location "West US"`;
}
