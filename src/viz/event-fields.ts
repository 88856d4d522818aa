/**
 * The view reads the engine's events through this narrow shape so it keeps working while the engine's payloads grow:
 * every event carries `seq`, `time` (simulated ms) and `type`; the payload fields sit beside them as plain JSON.
 */
export interface VizEvent {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
}

/** Reads a string payload field, or `null` when it is absent or not a string. */
export function readString(event: VizEvent, key: string): string | null {
  const value = (event as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/** Reads a boolean payload field, `false` when absent. */
export function readFlag(event: VizEvent, key: string): boolean {
  return (event as unknown as Record<string, unknown>)[key] === true;
}

/** Reads an array-of-strings payload field, `[]` when absent; non-string items are dropped. */
export function readStrings(event: VizEvent, key: string): string[] {
  const value = (event as unknown as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Reads an array-of-objects payload field, `[]` when absent. */
export function readRecords(event: VizEvent, key: string): Record<string, unknown>[] {
  const value = (event as unknown as Record<string, unknown>)[key];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}
