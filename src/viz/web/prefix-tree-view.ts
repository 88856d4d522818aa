import { buildPrefixTree, listSubnetAddresses, type AddressRow, type PrefixRow } from '../prefix-tree.js';
import type { View } from '../view-model.js';

/** Least time between two rebuilds of the tree while the world changes (a 2,000-VM plan takes milliseconds). */
const MIN_REDRAW_INTERVAL_MS = 250;

/**
 * The address plan as a prefix tree (like NetBox's prefix list): one table row per address space, subnet, free block
 * and on-premises prefix, sorted by address, with size and utilisation; a click on a subnet lists its addresses and
 * who holds each under it. Every prefix gets a row of its own, so a /24 in a /16 is as readable as the /16.
 */
export class PrefixTreeView {
  /** Subnets whose addresses are listed, as `vnet/subnet`. */
  private readonly expanded = new Set<string>();
  private drawnKey = '';
  private view: View | undefined;
  private drawnView: View | undefined;
  private lastDrawMs = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Draws into `container` while `isOpen()`: a closed panel costs nothing. */
  constructor(private readonly container: HTMLElement, private readonly isOpen: () => boolean) {
    container.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-kind="subnet"]');
      const key = row?.dataset['subnetKey'];
      if (key === undefined) return;
      if (!this.expanded.delete(key)) this.expanded.add(key);
      this.draw();
    });
  }

  /**
   * Follows the view on screen (the moment on the scrubber). While a large world plays, its plan is rebuilt at most
   * every MIN_REDRAW_INTERVAL_MS and the last view is always drawn in the end, so the graph keeps its frame rate.
   */
  update(view: View): void {
    this.view = view;
    if (!this.isOpen() || view === this.drawnView || this.timer !== undefined) return;
    const wait = this.lastDrawMs + MIN_REDRAW_INTERVAL_MS - performance.now();
    if (wait <= 0) this.draw();
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, wait);
  }

  /** Draws the latest view; skips the DOM when nothing it shows changed. */
  private draw(): void {
    const view = this.view;
    if (view === undefined) return;
    this.drawnView = view;
    this.lastDrawMs = performance.now();
    const rows = buildPrefixTree(view);
    const details = [...this.expanded].map((key) => {
      const [vnet = '', subnet = ''] = key.split('/');
      return { key, addresses: listSubnetAddresses(view, vnet, subnet) };
    });
    const key = JSON.stringify([rows, details]);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const table = document.createElement('table');
    table.className = 'prefix-tree';
    const head = table.createTHead().insertRow();
    for (const title of ['prefix', 'what', 'size', 'used']) head.append(Object.assign(document.createElement('th'), { textContent: title }));
    const body = table.createTBody();
    for (const row of rows) {
      body.append(prefixRow(row, this.expanded));
      const shown = details.find((d) => d.key === `${row.owner}/${row.subnet}`);
      if (row.kind === 'subnet' && shown !== undefined) body.append(addressRows(shown.addresses));
    }
    if (rows.length === 0) this.container.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'no address space yet' }));
    else this.container.replaceChildren(table);
  }
}

function prefixRow(row: PrefixRow, expanded: ReadonlySet<string>): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = `prefix ${row.kind}`;
  tr.dataset['kind'] = row.kind;
  tr.dataset['prefix'] = row.prefix;
  const prefix = cell(tr, row.prefix, 'prefix-cidr');
  prefix.style.paddingLeft = `${4 + row.depth * 14}px`;
  if (row.kind === 'subnet') {
    const key = `${row.owner}/${row.subnet}`;
    tr.dataset['subnetKey'] = key;
    tr.title = 'click to list its addresses and who holds each';
    prefix.textContent = `${expanded.has(key) ? '▾' : '▸'} ${row.prefix}`;
  }
  cell(tr, row.kind === 'free' ? 'free' : row.detail, 'prefix-what');
  cell(tr, formatSize(row.size), 'prefix-size');
  const used = cell(tr, '', 'prefix-used');
  if (row.utilisation !== null) {
    const bar = document.createElement('span');
    bar.className = 'use-bar';
    const fill = document.createElement('i');
    // A used share above zero always shows: one DIP in a /16 is still in use.
    fill.style.width = `${row.utilisation === 0 ? 0 : Math.max(2, Math.round(row.utilisation * 100))}%`;
    bar.append(fill);
    used.append(bar, ` ${formatPercent(row.utilisation)}`);
  }
  return tr;
}

function addressRows(addresses: readonly AddressRow[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const address of addresses) {
    const tr = document.createElement('tr');
    tr.className = `address ${address.kind}`;
    tr.dataset['kind'] = `address-${address.kind}`;
    const range = address.count === 1 ? address.first : `${address.first} – ${address.last}`;
    cell(tr, range, 'prefix-cidr').style.paddingLeft = '36px';
    cell(tr, address.kind === 'free' ? 'free' : address.holder, 'prefix-what');
    cell(tr, formatSize(address.count), 'prefix-size');
    cell(tr, '', 'prefix-used');
    fragment.append(tr);
  }
  return fragment;
}

function cell(tr: HTMLTableRowElement, text: string, className: string): HTMLTableCellElement {
  const td = tr.insertCell();
  td.className = className;
  td.textContent = text;
  return td;
}

/** 65536 → "64 Ki"; sizes of blocks are powers of two, so the binary prefixes read exactly. */
function formatSize(size: number): string {
  if (size >= 2 ** 20 && size % 2 ** 20 === 0) return `${size / 2 ** 20} Mi`;
  if (size >= 2 ** 10 && size % 2 ** 10 === 0) return `${size / 2 ** 10} Ki`;
  return String(size);
}

/** One decimal under 10 % (a /24 of a /16 is 0.4 %, not 0 %), whole percent above. */
function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return percent > 0 && percent < 10 ? `${percent.toFixed(1)} %` : `${Math.round(percent)} %`;
}
