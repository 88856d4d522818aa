export {
  type SourceRef,
  type Severity,
  type Diagnostic,
  type RelatedLocation,
  diagnosticAt,
  formatDiagnostic,
  capMessage,
  MAX_MESSAGE_CHARS,
  InputError,
} from './diagnostic.js';
export { capDiagnosticsPerFile, formatOmittedLine, MAX_DIAGNOSTICS_PER_FILE, type CappedDiagnostics } from './diagnostic-cap.js';
export { MAX_SIM_TIME_MS, MAX_LOGGED_EVENTS, MAX_INPUT_FILE_BYTES, MAX_NESTING_DEPTH, MAX_YAML_ENTRIES, MAX_LIBRARY_YAML_ENTRIES } from './limits.js';
export { findNearNames, findNearestNames, measureEditDistance, MAX_SUGGESTIONS } from './near-names.js';
export { type DurationRange, drawDurationMs, fixedDurationRange, isDurationRange } from './duration-range.js';
export { compileLiteralBuilder, type LiteralEntry } from './literal-builder.js';
