import type { Command } from 'commander';
import { computeMatrix } from '../topology/index.js';
import { computeConnectMatrix, connectCsvRows, formatConnectMatrixText } from './matrix-connect.js';
import { BufferedOutput, streamSink } from './buffered-output.js';
import { formatMatrixJson, formatMatrixText, matrixCsvLines, matrixTextPieces, type MatrixReport } from './matrix-format.js';
import { choiceOption, parseTimeOption } from './options.js';
import { loadWorldAt } from './scenario-topology.js';

/** Output formats of `vnetsim matrix`. */
export const MATRIX_FORMATS = ['text', 'json', 'csv'] as const;
type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** Runs a scenario to the asked time (its end by default) and renders who-can-reach-whom, class to class. */
export async function runMatrix(file: string, options: { atMs?: number | undefined; format: MatrixFormat }): Promise<string> {
  const pieces: string[] = [];
  for (const piece of await renderMatrix(file, options)) pieces.push(piece);
  return pieces.join('');
}

/**
 * The matrix's output as pieces to write in order: one for JSON, one per class's row for text, a line per flow for CSV,
 * whose rows repeat both classes' members and at full size add up to more than one string may hold.
 */
async function renderMatrix(file: string, options: { atMs?: number | undefined; format: MatrixFormat }): Promise<Iterable<string>> {
  // The matrix prints classes and ports, never a hop: its model needs no scenario positions.
  const world = await loadWorldAt(file, options.atMs, { withSources: false });
  const report: MatrixReport = {
    scenario: world.scenario.name, file: world.scenario.file, atMs: world.atMs, matrix: computeMatrix(world.index),
  };
  // Connect is a policy overlay, not a network: its pairs are listed beside the matrix, never folded into its classes.
  const connect = computeConnectMatrix(world.world);
  switch (options.format) {
    case 'json':
      return [connect === undefined ? formatMatrixJson(report) : `${JSON.stringify({ ...JSON.parse(formatMatrixJson(report)) as object, connect }, null, 2)}\n`];
    case 'csv':
      return matrixCsvLines(report, connect === undefined ? [] : connectCsvRows(connect));
    case 'text':
      return connect === undefined ? matrixTextPieces(report) : [`${formatMatrixText(report).trimEnd()}\n${formatConnectMatrixText(connect).join('\n')}\n`];
  }
}

/** The arguments, flags and action of `vnetsim matrix FILE`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file')
    .option('--at <duration>', "simulated time to look at (e.g. 30m, 2h); default: the scenario's end", parseTimeOption)
    .option('--format <format>', `output format: ${MATRIX_FORMATS.join(', ')}`, choiceOption(MATRIX_FORMATS), 'text')
    .action(async (file: string, flags: { at?: number; format: MatrixFormat }) => {
      const stdout = new BufferedOutput(streamSink(process.stdout));
      for (const piece of await renderMatrix(file, { atMs: flags.at, format: flags.format })) await stdout.write(piece);
      await stdout.flush();
    });
}
