import { InvalidArgumentError, type Command } from 'commander';
import { InputError, capDiagnosticsPerFile, type Diagnostic } from '../common/index.js';
import { RULE_CATALOGUE, checkPlan, parseEra, sortDiagnostics, type PlanEra } from '../ipam/index.js';
import { loadNetworkPlan } from '../input/index.js';
import { choiceOption } from './options.js';
import {
  CHECK_FORMATS,
  formatCheckJson,
  formatCheckSarif,
  formatCheckText,
  type CheckFormat,
  type FileOutcome,
} from './check-format.js';

/** Exit code when a plan has at least one error-severity diagnostic. */
export const EXIT_PLAN_ERRORS = 1;
/** Exit code when at least one file was refused as input (unreadable, malformed, not a plan): the worst outcome. */
export const EXIT_FILE_REFUSED = 2;


/** The version written into SARIF output. */
const TOOL_VERSION = '0.1.0';

/** Options of a check run. */
export interface CheckRunOptions {
  format: CheckFormat;
  /** `2012`, `2014` or `YYYY-MM`; overrides every file's own `era:` (files without one are judged as of 2014-12). */
  era?: PlanEra | undefined;
}

/** What a check run prints on stdout and the exit code it asks for. */
export interface CheckRunResult {
  output: string;
  exitCode: number;
  /** Every finding and refusal, sorted, before the per-file cap of the printed output. */
  diagnostics: Diagnostic[];
  files: FileOutcome[];
}

/**
 * Loads and checks each file on its own: a file refused as input (unreadable, malformed, unknown keys) is reported
 * with its refusal diagnostics among the others' findings, and the exit code is the worst of all files
 * (2 refused, 1 plan errors, 0 clean).
 */
export async function runCheck(files: readonly string[], options: CheckRunOptions): Promise<CheckRunResult> {
  const outcomes: FileOutcome[] = [];
  let found: Diagnostic[] = [];
  for (const file of files) {
    let diagnostics: readonly Diagnostic[];
    let isRefused = false;
    try {
      const { plan, era } = await loadNetworkPlan(file);
      diagnostics = checkPlan(plan, { era: options.era ?? era });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics = error.diagnostics;
      isRefused = true;
    }
    outcomes.push({ file, isRefused, refusals: isRefused ? diagnostics.length : 0 });
    // concat, not push(...spread): a plan with 100k findings would overflow the argument stack
    found = found.concat(diagnostics);
  }
  const diagnostics = sortDiagnostics(found);
  const exitCode = outcomes.some((o) => o.isRefused)
    ? EXIT_FILE_REFUSED
    : diagnostics.some((d) => d.severity === 'error')
      ? EXIT_PLAN_ERRORS
      : 0;
  return { output: formatCheckOutput(diagnostics, outcomes, options.format), exitCode, diagnostics, files: outcomes };
}

/** Renders diagnostics in the requested format, at most the first 100 per file (the rest counted). */
export function formatCheckOutput(diagnostics: readonly Diagnostic[], files: readonly FileOutcome[], format: CheckFormat): string {
  const capped = capDiagnosticsPerFile(diagnostics);
  switch (format) {
    case 'json':
      return formatCheckJson(capped, files);
    case 'sarif':
      return formatCheckSarif(capped, files, RULE_CATALOGUE, TOOL_VERSION);
    case 'text':
      return formatCheckText(capped, files);
  }
}

/** The arguments, flags and action of `vnetsim check FILE...`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<files...>', 'scenario YAML or NetworkConfig.xml files')
    .option('--format <format>', `output format: ${CHECK_FORMATS.join(', ')}`, choiceOption(CHECK_FORMATS), 'text')
    .option('--era <era>', 'platform era to judge by: 2012, 2014 or a month such as 2014-03 (features used before they existed are errors)', parseEraOption)
    .action(async (files: string[], flags: { format: CheckFormat; era?: PlanEra | undefined }) => {
      const result = await runCheck(files, { format: flags.format, era: flags.era });
      process.stdout.write(result.output);
      process.exitCode = result.exitCode;
    });
}

/** Reads `--era`: a named year or a month, refused with the accepted forms otherwise. */
function parseEraOption(text: string): PlanEra {
  if (parseEra(text) === undefined) throw new InvalidArgumentError('write 2012, 2014 or a month such as 2014-05');
  return text;
}
