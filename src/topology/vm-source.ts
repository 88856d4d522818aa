import type { TopoVm } from './model.js';

/**
 * Where an index reads its VMs when it is handed a source instead of a list: a world's own records, read on first
 * use. A matrix classes every VM through passing views and reads a model VM only for the few that stand for a class,
 * so a large world's one-shot commands never build 200k model VMs, nor file them by key.
 */
export interface VmSource {
  /** Every VM's key (`service/vm`, as keyOfVm composes it), in world order. */
  readonly keys: readonly string[];
  /** One VM as the model shows it, read afresh; undefined when the key names none. */
  read(key: string): TopoVm | undefined;
  /** The keys of the VMs of that name (a name may repeat across services), in key order. */
  keysNamed(name: string): string[];
  /** Every VM as the model shows it, read afresh, in key order. */
  readAll(): TopoVm[];
  /**
   * Visits every VM in world order through a view valid only during the call (the same object, with its endpoint
   * list, may come back for the next VM): the visit reads what it needs and keeps neither.
   */
  forEachView(visit: (view: TopoVm, key: string) => void): void;
}

/**
 * A source's VMs as an index reads them: one by one while it can (each record kept, so the same one joins the whole
 * list later and answers keep their identity), then whole, once something needs every VM.
 */
export class SourcedVms {
  private readonly known = new Map<string, TopoVm>();

  /** `onRead` sees each VM read one by one, before anyone else does. */
  constructor(readonly source: VmSource, private readonly onRead: (vm: TopoVm) => void) {}

  /** The VM under a `service/vm` key, read once. */
  read(key: string): TopoVm | undefined {
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const vm = this.source.read(key);
    if (vm !== undefined) {
      this.onRead(vm);
      this.known.set(key, vm);
    }
    return vm;
  }

  /** Every VM in key order, the ones already read among them. */
  readWhole(): TopoVm[] {
    if (this.known.size === 0) return this.source.readAll();
    return this.source.keys.map((key) => this.read(key)).filter((vm) => vm !== undefined);
  }
}
