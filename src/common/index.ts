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
export { MAX_SIM_TIME_MS, MAX_LOGGED_EVENTS } from './limits.js';
