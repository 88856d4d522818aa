import { compileLiteralBuilder } from '../common/index.js';
import type { Command } from '../sim/index.js';

/*
 * The createVm command of each VM of the compute section, `{ type: 'createVm', ...vm }`. A spread copies key by key
 * through the runtime (~0.5 µs a VM, 200k of them in a large estate); an object literal of the VM's keys is a fraction
 * of that, and the VMs of a file are written with a handful of key layouts, so each layout's literal is compiled once.
 */

/** A VM of the compute section as validated, without endpoints (they become commands of their own). */
type VmFields = Omit<Extract<Command, { type: 'createVm' }>, 'type'>;

/** Key layouts compiled at most; past them (a file of very varied VMs) the rest are spread. */
const MAX_LAYOUTS = 64;

/** A key layout of VMs and the command literal of it. */
interface VmLayout {
  keys: readonly string[];
  build: (vm: VmFields) => Command;
}

/** Builds the createVm commands of one compute section. */
export class VmCommands {
  private readonly layouts = new Map<string, VmLayout>();
  private last: VmLayout | undefined;

  /** The command `{ type: 'createVm', ...vm }`, equal key for key and in the same order. */
  commandOf(vm: VmFields): Command {
    if (this.last === undefined || !hasKeys(vm, this.last.keys)) {
      const keys = Object.keys(vm);
      const id = JSON.stringify(keys);
      let layout = this.layouts.get(id);
      if (layout === undefined) {
        if (this.layouts.size === MAX_LAYOUTS || !keys.every(isPlainName)) return { type: 'createVm', ...vm };
        layout = { keys, build: compileCommand(keys) };
        this.layouts.set(id, layout);
      }
      this.last = layout;
    }
    return this.last.build(vm);
  }
}

/**
 * True when the object's keys are exactly `keys`, in that order. for…in lists inherited keys too, but a VM is plain
 * data (a mapping read from YAML, or zod's copy of one) whose prototype holds no enumerable key.
 */
function hasKeys(vm: object, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in vm) {
    if (keys[count] !== key) return false;
    count++;
  }
  return count === keys.length;
}

/** A key the literal may hold as written: a name (validated VMs have only the schema's), never `__proto__`. */
function isPlainName(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && key !== '__proto__';
}

/** One object literal of `type` then `keys` (generated code: the keys are known only at run time). */
function compileCommand(keys: readonly string[]): (vm: VmFields) => Command {
  const entries = keys.map((key) => ({ key, value: `vm[${JSON.stringify(key)}]` }));
  return compileLiteralBuilder(['vm'], [{ key: 'type', value: "'createVm'" }, ...entries]);
}
