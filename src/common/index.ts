export { type SourceRef, type Severity, type Diagnostic, diagnosticAt, formatDiagnostic, InputError } from './diagnostic.js';
