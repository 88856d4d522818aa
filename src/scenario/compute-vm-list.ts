import { compileLiteralBuilder, type Diagnostic } from '../common/index.js';
import { acceptsAsIs, entryShapeOf, type EntryShape, type FlatList, type FlatListSink } from '../input/index.js';
import type { Command } from '../sim/index.js';
import { referencesOfCommand } from './object-reference.js';
import { areVmReferencesSatisfied, isSatisfied, undeclaredReference, type Declarations } from './reference-check.js';
import type { ScheduledCommand } from './scenario.js';
import { computeVmSchema } from './scenario-schema.js';

/*
 * The compute section's VMs taken straight from the text into their createVm commands, when the list is written flat
 * (src/input/plain-yaml-flat-list.ts): no mapping per VM, no validation of the whole entry, no path walked for its
 * position. Each value is checked by its field's own zod schema (list-validation.ts, verdicts remembered) and must be
 * one zod keeps as it is; the command is the one `{ type: 'createVm', ...vm }` of zod's output would be, keys in the
 * schema's order. Anything else (an endpoint list, an unknown key, a value zod refuses or changes) declines the list,
 * and the general path reads it, so its diagnostics come from one place.
 *
 * What the loader checks of a VM (the names it refers to, its image or disk, the era of its features) depends on its
 * keys, which every VM of the list shares, and on its service, image, disk, VNet and subnet, which a generated estate
 * repeats VM after VM: the commands at which one of those changes stand for all, and only they are checked.
 */

/** The fields whose values a VM's checks read besides its keys: the names it refers to. */
const CHECKED_FIELDS = ['service', 'image', 'disk', 'vnet', 'subnet'];

/** Builds a createVm command from an item's values. */
type CommandBuilder = (values: readonly string[]) => Command;

/** The builders compiled so far, by key layout (a file's VMs are written with one; a process loads a few files). */
const builders = new Map<string, CommandBuilder>();

/** Takes the flat list `compute.vms` of one file as createVm commands at 0s, in written order. */
export class ComputeVmList implements FlatListSink {
  /** The commands of the VMs, once the reader took the list (see YamlSource.takenLists). */
  readonly commands: ScheduledCommand[] = [];
  /** The commands whose checked values differ from the one before's: every other command's are some such command's. */
  readonly representatives: ScheduledCommand[] = [];
  /** The list the reader is asked to hand over. */
  readonly list: FlatList = { section: 'compute', key: 'vms', sink: this };
  private shape: EntryShape | undefined;
  /** Per written key, its field in the shape. */
  private fields: number[] = [];
  private build: CommandBuilder | undefined;
  /** The positions among the written keys of the checked fields, and their values in the item before. */
  private checked: number[] = [];
  private readonly lastChecked: string[] = [];

  constructor(private readonly file: string) {}

  begin(keys: readonly string[]): boolean {
    const shape = entryShapeOf(computeVmSchema) ?? undefined;
    if (shape === undefined) return false;
    const fields = keys.map((key) => (key === 'endpoints' ? -1 : shape.indexOfKey.get(key) ?? -1));
    const required = fields.filter((field) => field >= 0 && shape.required[field]).length;
    if (fields.includes(-1) || required !== shape.requiredCount) return false;
    this.shape = shape;
    this.fields = fields;
    this.build = builderOf(keys, fields);
    this.checked = CHECKED_FIELDS.map((field) => keys.indexOf(field)).filter((index) => index >= 0);
    return true;
  }

  item(values: readonly string[], line: number, column: number): boolean {
    const { shape, fields } = this;
    for (let i = 0; i < fields.length; i++) if (!acceptsAsIs(shape!, fields[i]!, values[i])) return false;
    const scheduled: ScheduledCommand = { atMs: 0, command: this.build!(values), at: { file: this.file, line, column }, origin: 'compute' };
    this.commands.push(scheduled);
    const { checked, lastChecked } = this;
    let changed = this.representatives.length === 0;
    for (let i = 0; i < checked.length; i++) {
      const value = values[checked[i]!]!;
      if (value !== lastChecked[i]) {
        lastChecked[i] = value;
        changed = true;
      }
    }
    if (changed) this.representatives.push(scheduled);
    return true;
  }

  /**
   * One diagnostic per reference of the representatives to an undeclared name, at its VM's entry: a scenario with any
   * problem is read again by the general path, which places each where it is written.
   */
  checkReferences(declarations: Declarations): Diagnostic[] {
    const problems: Diagnostic[] = [];
    for (const { command, at } of this.representatives) {
      if (command.type !== 'createVm' || areVmReferencesSatisfied(declarations, command)) continue;
      for (const reference of referencesOfCommand(command)) {
        if (!isSatisfied(declarations, reference)) problems.push(undeclaredReference(declarations, reference, at));
      }
    }
    return problems;
  }
}

/** The literal `{ type: 'createVm', … }` of the written keys, in the order of their fields in the schema. */
function builderOf(keys: readonly string[], fields: readonly number[]): CommandBuilder {
  const id = keys.join(' ');
  let build = builders.get(id);
  if (build === undefined) {
    const written = keys.map((key, index) => ({ key, index, field: fields[index]! })).sort((a, b) => a.field - b.field);
    build = compileLiteralBuilder<CommandBuilder>(['values'], [
      { key: 'type', value: "'createVm'" },
      ...written.map(({ key, index }) => ({ key, value: `values[${index}]` })),
    ]);
    builders.set(id, build);
  }
  return build;
}
