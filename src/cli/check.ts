import type { Command } from 'commander';
import { InputError, type Diagnostic } from '../common/index.js';
import { RULE_CATALOGUE, checkPlan, sortDiagnostics, type PlanEra } from '../ipam/index.js';
import { loadNetworkPlan } from '../scenario/index.js';
import { choiceOption } from './options.js';
import { CHECK_FORMATS, formatCheckJson, formatCheckSarif, formatCheckText, type CheckFormat } from './check-format.js';

/** Exit code when a plan has at least one error-severity diagnostic (bad input exits 2 through main.ts). */
export const EXIT_PLAN_ERRORS = 1;

/** The eras `--era` accepts. */
const ERAS: readonly PlanEra[] = ['2012', '2014'];

/** The version written into SARIF output. */
const TOOL_VERSION = '0.1.0';

/** Options of a check run. */
export interface CheckRunOptions {
  format: CheckFormat;
  /** Overrides every file's own `era:`; files without one default to 2014. */
  era?: PlanEra | undefined;
}

/** What a check run prints on stdout and the exit code it asks for. */
export interface CheckRunResult {
  output: string;
  exitCode: number;
  diagnostics: Diagnostic[];
}

/**
 * Loads and checks every file. Input problems in any file (unreadable, malformed, unknown keys) are thrown together
 * as one InputError, so nothing is printed on stdout for a run that cannot be trusted.
 */
export async function runCheck(files: readonly string[], options: CheckRunOptions): Promise<CheckRunResult> {
  const inputProblems: Diagnostic[] = [];
  const found: Diagnostic[] = [];
  for (const file of files) {
    try {
      const { plan, era } = await loadNetworkPlan(file);
      found.push(...checkPlan(plan, { era: options.era ?? era }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      inputProblems.push(...error.diagnostics);
    }
  }
  if (inputProblems.length > 0) throw new InputError(inputProblems);
  const diagnostics = sortDiagnostics(found);
  const exitCode = diagnostics.some((d) => d.severity === 'error') ? EXIT_PLAN_ERRORS : 0;
  return { output: formatCheckOutput(diagnostics, files.length, options.format), exitCode, diagnostics };
}

/** Renders diagnostics in the requested format. */
export function formatCheckOutput(diagnostics: readonly Diagnostic[], fileCount: number, format: CheckFormat): string {
  switch (format) {
    case 'json':
      return formatCheckJson(diagnostics);
    case 'sarif':
      return formatCheckSarif(diagnostics, RULE_CATALOGUE, TOOL_VERSION);
    case 'text':
      return formatCheckText(diagnostics, fileCount);
  }
}

/** The arguments, flags and action of `vnetsim check FILE...`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<files...>', 'scenario YAML or NetworkConfig.xml files')
    .option('--format <format>', `output format: ${CHECK_FORMATS.join(', ')}`, choiceOption(CHECK_FORMATS), 'text')
    .option('--era <era>', `platform era to judge by: ${ERAS.join(' or ')} (2012: RFC 1918 VNet space only)`, choiceOption(ERAS))
    .action(async (files: string[], flags: { format: CheckFormat; era?: PlanEra | undefined }) => {
      const result = await runCheck(files, { format: flags.format, era: flags.era });
      process.stdout.write(result.output);
      process.exitCode = result.exitCode;
    });
}
