import { parseDocument, YAMLSeq, Document } from 'yaml';
import { formatDuration, writeNetworkConfigXml } from '../scenario/index.js';
import type { Command } from '../sim/index.js';
import type { AcceptedCommand } from './live-engine.js';

/** What a recorded session starts from: the seed and name of an empty start, or the starting scenario's text. */
export interface RecordingBase {
  name: string;
  seed: number;
  era: '2012' | '2014';
  /** The starting scenario's YAML; its own timeline stays and the session's commands follow it. */
  scenarioText?: string | undefined;
}

/**
 * Writes a session as a scenario (`--record`): every command the engine accepted, at its simulated time, and `until:`
 * the moment recording stopped, so `vnetsim run` rebuilds the same world with the same event log.
 */
export function formatRecordedScenario(base: RecordingBase, accepted: readonly AcceptedCommand[], untilMs: number): string {
  const document = base.scenarioText === undefined
    ? new Document({ name: base.name, seed: base.seed, era: base.era })
    : parseDocument(base.scenarioText);
  let timeline = document.get('timeline');
  if (!(timeline instanceof YAMLSeq)) {
    timeline = document.createNode([]);
    document.set('timeline', timeline);
  }
  for (const { atMs, command } of accepted) (timeline as YAMLSeq).add(document.createNode({ at: formatDuration(atMs), ...describeCommand(command) }));
  document.set('until', formatDuration(untilMs));
  return document.toString({ lineWidth: 0 });
}

/** A timeline entry's command key and parameters; a network upload is written as its NetworkConfig.xml. */
function describeCommand(command: Command): Record<string, unknown> {
  // LF line ends let YAML keep the document as a readable block; the reader does not care which line end it gets.
  if (command.type === 'setNetworkConfig') return { setNetworkConfig: { xml: writeNetworkConfigXml(command.plan).replace(/\r\n/g, '\n') } };
  const { type, ...parameters } = command;
  return { [type]: dropUndefined(parameters) };
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
