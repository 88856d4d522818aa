import type { FunctionNode } from './ast.js';

/** One variable and function scope (spec §3.5): lookups walk outward, assignments land in the scope itself. */
export class Scope {
  private readonly variables = new Map<string, { name: string; value: unknown }>();
  private readonly functions = new Map<string, FunctionNode>();

  constructor(readonly parent: Scope | undefined, readonly kind: 'global' | 'script' | 'function' | 'block') {}

  lookup(name: string): { value: unknown } | undefined {
    const key = name.toLowerCase();
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const found = scope.variables.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Sets in this scope, or in the named one (`$script:x`, `$global:x`). */
  assign(name: string, value: unknown, qualifier?: string): void {
    this.target(qualifier).variables.set(name.toLowerCase(), { name, value });
  }

  /** Removes a variable from this scope (Remove-Variable). */
  remove(name: string): void {
    this.variables.delete(name.toLowerCase());
  }

  defineFunction(node: FunctionNode, qualifier?: string): void {
    this.target(qualifier).functions.set(node.name.toLowerCase(), node);
  }

  findFunction(name: string): FunctionNode | undefined {
    const key = name.toLowerCase();
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const found = scope.functions.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private target(qualifier: string | undefined): Scope {
    const q = qualifier?.toLowerCase();
    if (q === 'global') {
      let scope: Scope = this;
      while (scope.parent !== undefined) scope = scope.parent;
      return scope;
    }
    if (q === 'script') {
      for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) if (scope.kind === 'script') return scope;
    }
    return this;
  }
}
