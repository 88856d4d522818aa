import { capMessage, type Diagnostic, type Severity } from './diagnostic.js';

/** Most diagnostics printed per file; the rest are counted (one damaged 100 KB file once gave 80,125 lines). */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/** Diagnostics after the per-file cap: those shown, how many each file had left out, and the full counts. */
export interface CappedDiagnostics {
  shown: Diagnostic[];
  omitted: Map<string, number>;
  counts: Record<Severity, number>;
}

/** Keeps the first MAX_DIAGNOSTICS_PER_FILE diagnostics of each file (in the given order, messages capped) and counts the rest. */
export function capDiagnosticsPerFile(diagnostics: readonly Diagnostic[]): CappedDiagnostics {
  const perFile = new Map<string, number>();
  const omitted = new Map<string, number>();
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    counts[d.severity]++;
    const seen = (perFile.get(d.file) ?? 0) + 1;
    perFile.set(d.file, seen);
    if (seen <= MAX_DIAGNOSTICS_PER_FILE) shown.push({ ...d, message: capMessage(d.message) });
    else omitted.set(d.file, (omitted.get(d.file) ?? 0) + 1);
  }
  return { shown, omitted, counts };
}

/** The line that stands for a file's diagnostics left out by the cap. */
export function formatOmittedLine(file: string, count: number): string {
  return `${file}: … and ${count} more (only the first ${MAX_DIAGNOSTICS_PER_FILE} of a file are printed)`;
}
