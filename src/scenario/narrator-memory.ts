import type { SimEvent } from '../sim/index.js';
import { told } from './timeline-columns.js';

/** What a timeline line says of a VM: its service and name. */
export interface VmNamed {
  service: string;
  vm: string;
}

/**
 * What a narrator remembers of the events before the one it tells: each VM's DIP as allocated and released, so a
 * state change can say which address the VM holds, and the last VM's subject column, since a VM's events come in
 * runs (created, its DIP, its endpoints, its first state change) whose lines can share one string.
 */
export class NarratorMemory {
  private readonly dipsByService = new Map<string, Map<string, string>>();
  // The DIP allocated last, kept apart: the VM's first state change follows a few events later, with no look-up.
  private lastDipService = '';
  private lastDipVm = '';
  private lastDip: string | undefined;
  private lastService = '';
  private lastVm = '';
  private lastColumn = '';

  /** Takes note of what `event` changes about a VM's DIP; called for every event, in log order, before it is told. */
  follow(event: SimEvent): void {
    if (event.type === 'dip.allocated') {
      this.dipsOf(event.service).set(event.vm, event.ip);
      this.lastDipService = event.service;
      this.lastDipVm = event.vm;
      this.lastDip = event.ip;
    } else if (event.type === 'dip.released' || event.type === 'vm.deleted') {
      this.dipsByService.get(event.service)?.delete(event.vm);
      if (event.vm === this.lastDipVm && event.service === this.lastDipService) this.lastDip = undefined;
    }
  }

  /** The VM's DIP as of the event being told, if it holds one. */
  dipOf(named: VmNamed): string | undefined {
    if (named.vm === this.lastDipVm && named.service === this.lastDipService) return this.lastDip;
    return this.dipsByService.get(named.service)?.get(named.vm);
  }

  /** The line of a VM after its clock: its subject column, then `text`. */
  toldOfVm(named: VmNamed, text: string): string {
    const { service, vm } = named;
    if (vm !== this.lastVm || service !== this.lastService) {
      this.lastService = service;
      this.lastVm = vm;
      this.lastColumn = told(`vm ${service}/${vm}`, '');
    }
    return this.lastColumn + text;
  }

  /** The DIPs held in one cloud service, made on first use. */
  private dipsOf(service: string): Map<string, string> {
    let held = this.dipsByService.get(service);
    if (held === undefined) this.dipsByService.set(service, (held = new Map()));
    return held;
  }
}
