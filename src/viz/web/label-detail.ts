/**
 * Level of detail of captions by zoom scale, the same for the SVG and the canvas renderer: a caption is drawn once it
 * would be readable on screen, so names appear as you zoom in, whatever the number of VMs.
 */

/** A caption is drawn only when it would be at least this tall on screen: specks of text are unreadable and slow. */
export const MIN_LABEL_SCREEN_PX = 7;
/** Caption size in layout units. */
export const LABEL_UNITS = 10;
/** Names of the compact VM grid's dots (above LABELLED_VM_LIMIT VMs), in layout units: they show when zoomed in. */
export const COMPACT_VM_LABEL_UNITS = 4;

/** Which captions a zoom scale shows (regions, affinity groups and VNets always show theirs). */
export interface LabelDetail {
  /** Captions of subnets, gateways, sites, services and named VMs. */
  labels: boolean;
  /** The small names under the dots of the compact VM grid. */
  dotNames: boolean;
}

/** The captions readable at zoom scale `k` (screen px per layout unit). */
export function labelDetailAt(k: number): LabelDetail {
  return { labels: LABEL_UNITS * k >= MIN_LABEL_SCREEN_PX, dotNames: COMPACT_VM_LABEL_UNITS * k >= MIN_LABEL_SCREEN_PX };
}
