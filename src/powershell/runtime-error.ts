/**
 * A runtime error as PowerShell raises it: the message, its category (CategoryInfo), the FullyQualifiedErrorId and
 * the exception type name, so `catch [Type]`, `$_.Exception.Message` and the console's error block can show them.
 * `unsupported` marks what vnetsim ps does not implement: the run stops with exit 2 naming it.
 */
export class RuntimeFailure extends Error {
  constructor(
    message: string,
    readonly category: string,
    readonly errorId: string,
    readonly exceptionType: string,
    readonly kind: 'error' | 'unsupported' = 'error',
  ) {
    super(message);
    this.name = 'RuntimeFailure';
  }
}
