import { compileLiteralBuilder } from '../common/index.js';
import { acceptsAsIs, entryShapeOf, type EntryShape, type FlatList, type FlatListSink } from '../input/index.js';
import type { Command } from '../sim/index.js';
import type { ScheduledCommand } from './scenario.js';
import { computeVmSchema } from './scenario-schema.js';

/*
 * The compute section's VMs taken straight from the text into their createVm commands, when the list is written flat
 * (src/input/plain-yaml-flat-list.ts): no mapping per VM, no validation of the whole entry, no path walked for its
 * position. Each value is checked by its field's own zod schema (list-validation.ts, verdicts remembered) and must be
 * one zod keeps as it is; the command is the one `{ type: 'createVm', ...vm }` of zod's output would be, keys in the
 * schema's order. Anything else (an endpoint list, an unknown key, a value zod refuses or changes) declines the list,
 * and the general path reads it, so its diagnostics come from one place.
 */

/** Builds a createVm command from an item's values. */
type CommandBuilder = (values: readonly string[]) => Command;

/** The builders compiled so far, by key layout (a file's VMs are written with one; a process loads a few files). */
const builders = new Map<string, CommandBuilder>();

/** Takes the flat list `compute.vms` of one file as createVm commands at 0s, in written order. */
export class ComputeVmList implements FlatListSink {
  /** The commands of the VMs, once the reader took the list (see YamlSource.takenLists). */
  readonly commands: ScheduledCommand[] = [];
  /** The list the reader is asked to hand over. */
  readonly list: FlatList = { section: 'compute', key: 'vms', sink: this };
  private shape: EntryShape | undefined;
  /** Per written key, its field in the shape. */
  private fields: number[] = [];
  private build: CommandBuilder | undefined;

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
    return true;
  }

  item(values: readonly string[], line: number, column: number): boolean {
    const { shape, fields } = this;
    for (let i = 0; i < fields.length; i++) if (!acceptsAsIs(shape!, fields[i]!, values[i])) return false;
    this.commands.push({ atMs: 0, command: this.build!(values), at: { file: this.file, line, column }, origin: 'compute' });
    return true;
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
