import { formatDateLong, toStr, typeNameOf } from './convert.js';
import { PsDate, PsHashtable, PsObject } from './values.js';
import { XmlNode } from './xml-dom.js';
import { getXmlMember } from './xml-members.js';

/** The console's width on a 2014 Windows machine (the default PowerShell console buffer is 120 columns). */
export const CONSOLE_WIDTH = 120;

/** A default view for a type, as the modules' .format.ps1xml files declared: table or list, and which properties. */
export interface FormatView {
  kind: 'table' | 'list';
  properties: readonly string[];
}

interface Row {
  typeName: string;
  cells: { name: string; value: unknown }[];
}

/**
 * Out-Default: formats output objects as PowerShell 3–4 printed them. Objects of one type in a row share one table
 * (header once); a type without a view is a table when it has at most four properties and a list otherwise; columns
 * share the console width evenly and long values end in "...".
 */
export class ConsoleFormatter {
  private group: { typeName: string; kind: 'table' | 'list'; widths: number[] } | undefined;

  constructor(private readonly print: (line: string) => void, private readonly views: ReadonlyMap<string, FormatView> = new Map()) {}

  write(value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) this.write(item);
      return;
    }
    if (value instanceof PsHashtable) return this.writeHashtable(value);
    if (value instanceof PsObject && value.collectionItems !== undefined) {
      for (const item of value.collectionItems()) this.write(item);
      return;
    }
    const row = this.toRow(value);
    if (row === undefined) {
      this.flush();
      if (value instanceof PsDate) {
        this.print('');
        this.print(formatDateLong(value));
        this.print('');
      } else for (const line of toStr(value).split(/\r?\n/)) this.print(line);
      return;
    }
    const kind = this.views.get(row.typeName)?.kind ?? forcedKind(row.typeName) ?? (row.cells.length <= 4 ? 'table' : 'list');
    if (kind === 'list') return this.writeList(row);
    if (this.group?.typeName !== row.typeName || this.group.kind !== 'table') this.startTable(row);
    this.print(this.formatCells(row.cells.map((c) => c.value), this.group?.widths ?? []));
  }

  /** Ends the current table or list with the blank line the console printed. */
  flush(): void {
    if (this.group !== undefined) this.print('');
    this.group = undefined;
  }

  private toRow(value: unknown): Row | undefined {
    if (value instanceof PsObject) {
      if (value.typeName === 'System.Management.Automation.ErrorRecord' || value.properties.size === 0) return undefined;
      const view = this.views.get(value.typeName);
      const names = view?.properties ?? value.names();
      return { typeName: value.typeName, cells: names.map((name) => ({ name, value: value.get(name) })) };
    }
    if (value instanceof XmlNode && value.nodeType !== 'text') {
      const names = [...value.attributes.map((a) => a.name), ...new Set(value.elements().map((e) => e.localName))];
      if (value.nodeType === 'document') names.unshift(...value.children.filter((c) => c.nodeType === 'declaration').map(() => 'xml'));
      return { typeName: `${typeNameOf(value)}#${names.join(',')}`, cells: names.map((name) => ({ name, value: name === 'xml' ? 'version="1.0" encoding="utf-8"' : getXmlMember(value, name) })) };
    }
    return undefined;
  }

  private startTable(row: Row): void {
    this.flush();
    const n = row.cells.length;
    const width = Math.floor((CONSOLE_WIDTH - (n - 1)) / n);
    const widths = row.cells.map(() => width);
    this.group = { typeName: row.typeName, kind: 'table', widths };
    this.print('');
    this.print(this.formatCells(row.cells.map((c) => c.name), widths));
    this.print(this.formatCells(row.cells.map((c) => '-'.repeat(c.name.length)), widths));
  }

  private formatCells(values: unknown[], widths: number[]): string {
    return values.map((value, i) => {
      const width = widths[i] ?? 10;
      const text = fit(cellText(value), width);
      const last = i === values.length - 1;
      if (typeof value === 'number') return text.padStart(width);
      return last ? text : text.padEnd(width);
    }).join(' ').trimEnd();
  }

  private writeList(row: Row): void {
    if (this.group?.kind !== 'list') {
      this.flush();
      this.print('');
    } else this.print('');
    this.group = { typeName: row.typeName, kind: 'list', widths: [] };
    const nameWidth = Math.max(...row.cells.map((c) => c.name.length));
    for (const cell of row.cells) this.print(`${cell.name.padEnd(nameWidth)} : ${cellText(cell.value)}`.trimEnd());
  }

  /** Writes a hashtable as the console did: Name / Value columns, one row per entry. */
  writeHashtable(table: PsHashtable): void {
    this.flush();
    const widths = [30, CONSOLE_WIDTH - 31];
    this.print('');
    this.print(this.formatCells(['Name', 'Value'], widths));
    this.print(this.formatCells(['----', '-----'], widths));
    for (const { key, value } of table.list()) this.print(this.formatCells([toStr(key), value], widths));
    this.print('');
  }
}

function cellText(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => toStr(v)).join(', ')}}`;
  return toStr(value);
}

function fit(text: string, width: number): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  return oneLine.length > width ? `${oneLine.slice(0, Math.max(0, width - 3))}...` : oneLine;
}

// Format-Table / Format-List mark their objects so the console keeps the shape the script asked for.
function forcedKind(typeName: string): 'table' | 'list' | undefined {
  if (typeName.endsWith('#table')) return 'table';
  if (typeName.endsWith('#list')) return 'list';
  return undefined;
}
