import type { Position } from './ast.js';

/**
 * A script PowerShell would refuse to parse (`kind: 'parse'`, with PowerShell's own message where it has one), or a
 * construct this runner does not implement (`kind: 'unsupported'`, naming it). Either is exit 2 with the position.
 */
export class PsSyntaxError extends Error {
  readonly pos: Position;
  readonly kind: 'parse' | 'unsupported';

  constructor(pos: Position, message: string, kind: 'parse' | 'unsupported' = 'parse') {
    super(message);
    this.name = 'PsSyntaxError';
    this.pos = pos;
    this.kind = kind;
  }
}
