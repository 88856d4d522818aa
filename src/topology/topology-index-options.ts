import type { VmSource } from './vm-source.js';

/** How an index treats the model it is built from. */
export interface TopologyIndexOptions {
  /** The caller hands the model over (it was made for this index alone), so applied changes may edit it in place. */
  ownsModel?: boolean | undefined;
  /**
   * Each model VM's key (`service/vm`, as keyOfVm composes it), in model order, when the caller holds them already
   * (a world files its VMs under the same keys): a large world's index then composes and hashes no key string.
   */
  vmKeys?: readonly string[] | undefined;
  /** Where to read the VMs on first use instead of the model's list (empty then): a world no one changes afterwards. */
  vmSource?: VmSource | undefined;
}
