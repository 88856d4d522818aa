import type { ComputeRefusalCode } from './refusal-codes.js';

/** Why a command was refused: a stable kebab-case code, a message naming the objects and the fix, the objects. */
export interface Refusal {
  code: ComputeRefusalCode;
  message: string;
  /** Scenario objects involved, e.g. `service:web`, `vm:web/iis1`, `disk:os1`. */
  objects: string[];
}

/** Builds a refusal. */
export function refuse(code: ComputeRefusalCode, message: string, objects: string[] = []): Refusal {
  return { code, message, objects };
}
