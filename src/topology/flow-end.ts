import { formatIPv4 } from '../ipam/index.js';
import type { FlowProtocol, TopoLocalSite, TopoService, TopoVm } from './model.js';
import { keyOfVm } from './model.js';

/**
 * One end of a flow, already resolved against the world. A VM named by name is reached the way the platform
 * offers (private channel if one exists, else its public endpoint); a VM named by DIP insists on the private
 * address; a VIP:port insists on the public endpoint.
 */
export type FlowEnd =
  | { kind: 'vm'; vm: TopoVm; via: 'name' | 'dip' }
  | { kind: 'vip-port'; service: TopoService; vip: number; protocol: FlowProtocol; publicPort: number }
  /** An on-premises address; `site` is the declared local site holding it, if any. */
  | { kind: 'site'; site: TopoLocalSite | undefined; address: number }
  | { kind: 'internet'; address: number }
  | { kind: 'unknown'; address: number };

/** Ends that can start a flow: a VIP only receives (traffic leaving a service is sourced from its VIP). */
export type FlowSource = Exclude<FlowEnd, { kind: 'vip-port' }>;

/** A human label for a flow end, e.g. `Web/web1`, `10.1.0.4 (Db/sql1)`, `VIP 23.1.2.3:1433 (Db)`. */
export function describeFlowEnd(end: FlowEnd): string {
  switch (end.kind) {
    case 'vm':
      return end.via === 'dip' ? `${formatIPv4(end.vm.dip)} (${keyOfVm(end.vm)})` : keyOfVm(end.vm);
    case 'vip-port':
      return `VIP ${formatIPv4(end.vip)}:${end.publicPort} (${end.service.name})`;
    case 'site':
      return end.site === undefined
        ? `${formatIPv4(end.address)} (on-premises, in no declared local site)`
        : `${formatIPv4(end.address)} (on-premises site ${end.site.name})`;
    case 'internet':
      return `${formatIPv4(end.address)} (Internet)`;
    case 'unknown':
      return formatIPv4(end.address);
  }
}

/** The object id of a VM in hops and blockers. */
export function vmObject(vm: TopoVm): string {
  return `vm:${keyOfVm(vm)}`;
}
