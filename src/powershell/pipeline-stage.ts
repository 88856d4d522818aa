/**
 * A running pipeline (about_Pipelines): every command is a stage that begins, takes the objects of the stage before
 * it one at a time as they are written, and ends; so `Get-AzureVM | Select-Object -First 1` stops Get-AzureVM after
 * its first object. A command that needs all its input (Sort-Object, a function without a process block) buffers it
 * and runs when the stage ends.
 */

/** One command of a running pipeline. */
export interface PipelineStage {
  /** Before any object flows (a function's begin block). */
  begin(): void;
  /** One object from the stage before. */
  process(item: unknown): void;
  /** After the stage before has ended (or at once for the first stage). */
  end(): void;
}

/** Thrown by a stage that needs no more input; the pipeline that owns `token` ends the stages from `stage` on. */
export class StopUpstreamSignal {
  constructor(readonly token: object, readonly stage: number) {}
}

/** Runs stages in order: every begin, the first stage's end (it has no input), then each later stage's end. */
export function runStages(stages: readonly PipelineStage[], token: object): void {
  try {
    for (const stage of stages) stage.begin();
    for (const stage of stages) stage.end();
  } catch (signal) {
    if (!(signal instanceof StopUpstreamSignal) || signal.token !== token) throw signal;
    // The stopping stage and those after it end normally; the ones before it never finish (StopUpstreamCommandsException).
    for (const stage of stages.slice(signal.stage)) stage.end();
  }
}

/** A stage that takes its whole input and runs once when it ends (`& { }`, a .ps1 file, a first command). */
export function bufferingStage(run: () => void): PipelineStage {
  return { begin: () => undefined, process: () => undefined, end: run };
}
