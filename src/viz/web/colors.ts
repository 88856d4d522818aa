import type { GraphLink, GraphNode, NodeKind } from '../graph-model.js';
import type { TunnelCondition } from '../graph-status.js';

/** Fill of structural nodes, by kind; a VM with no state yet wears the "state unknown" grey, never a state's colour. */
const KIND_COLORS: Record<NodeKind, string> = {
  region: '#5b6b8c', affinityGroup: '#7a8bb0', vnet: '#2f6fde', subnet: '#6fa0f0', gateway: '#8e44ad',
  site: '#8d6e63', service: '#16a085', vm: '#7f8c8d', relay: '#00838f', endpointGroup: '#c9a227', endpoint: '#7f8c8d',
};

// Classic VM instance states (compute-lifecycle.md): ReadyRole is running; Stopped* and deallocated are idle;
// the rest are transitions or failures.
const STATE_COLORS: [RegExp, string][] = [
  [/^(ReadyRole|Running|Started|Provisioned|Connected)$/, '#27ae60'],
  [/^(Provisioning|Creating.*|Starting.*|Stopping.*|Restarting.*|Busy.*|Connecting|Deprovisioning|RoleStateUnknown)$/, '#f39c12'],
  [/^(Stopped.*|Deallocated|NotConnected|NotProvisioned)$/, '#95a5a6'],
  [/Fail|Timeout|Error|Unresponsive/i, '#c0392b'],
];

/** Colour of a state no rule above knows, and of a node that has no state yet. */
const UNKNOWN_STATE_COLOR = '#7f8c8d';

/** Every colour a state can be drawn in: service tints and the reach highlight must stay clear of these. */
export const STATE_PALETTE: readonly string[] = [...STATE_COLORS.map(([, color]) => color), UNKNOWN_STATE_COLOR];

/** Colour of a lifecycle or connectivity state; unknown states get a neutral grey. */
export function colorOfState(state: string | null): string {
  if (state === null) return '#95a5a6';
  for (const [pattern, color] of STATE_COLORS) if (pattern.test(state)) return color;
  return UNKNOWN_STATE_COLOR;
}

/**
 * Cloud-service tints: muted blues and cyans only (hues 185–235°), a band no state colour (green, orange, red,
 * grey) comes near, so a healthy world of many services never looks in transition or failed.
 */
export const SERVICE_PALETTE: readonly string[] = [
  '#4e79a7', '#5b9bb5', '#3d6f99', '#7aa6d6', '#4a8fa8', '#6a7fc4', '#2f7fa8', '#8fb3d9', '#5a86b8', '#3f93b0',
];

/** Traced reach path: magenta, which no state, kind or service uses (gateways are purple). */
export const REACH_PATH_COLOR = '#d6127e';

/** A reach blocker: it is a failure, so it wears the failure red. */
export const BLOCKER_COLOR = '#c0392b';

/** Ends of flows a diff shows gained: lime, far from the running green and every other colour drawn. */
export const FLOW_GAINED_COLOR = '#7cb518';

/** Ends of flows a diff shows lost: a dark ring (dashed in the SVG), a loss rather than a failure of state. */
export const FLOW_LOST_COLOR = '#3b3b3b';

/** Fill of a node: state colour for VMs and gateways, kind colour for structure. */
export function colorOfNode(node: GraphNode): string {
  return node.state === null ? KIND_COLORS[node.kind] : colorOfState(node.state);
}

/** Radius of a node's circle, larger for containers. */
export function radiusOfNode(node: GraphNode): number {
  return node.kind === 'vm' ? 5 : node.kind === 'subnet' || node.kind === 'service' ? 6 : 8;
}

/** Background of each kind of box, lighter outside so nested boxes stand apart. */
export const BOX_FILLS: Partial<Record<NodeKind, string>> = {
  region: '#f1f3f7', affinityGroup: '#f7f8fb', vnet: '#eef4fe', subnet: '#ffffff', service: '#f2fbf8', endpointGroup: '#fdf8e8',
};

/** Outline of every box. */
export const BOX_STROKE = '#c3cad8';

/** Opacity of a cloud service's tint behind its VMs, light enough that state colours stay readable on top. */
export const TINT_OPACITY = 0.22;

/** Legend entries: what each colour on the graph means (the service tints are keyed by TINT_LEGEND). */
export const LEGEND: [string, string][] = [
  ['running / connected', '#27ae60'], ['in transition', '#f39c12'], ['stopped / not connected', '#95a5a6'], ['failed', '#c0392b'],
  ['state unknown', UNKNOWN_STATE_COLOR], ['region', KIND_COLORS.region], ['affinity group', KIND_COLORS.affinityGroup],
  ['VNet', KIND_COLORS.vnet], ['subnet', KIND_COLORS.subnet], ['gateway', KIND_COLORS.gateway], ['site', KIND_COLORS.site],
  ['service', KIND_COLORS.service], ['Connect relay', KIND_COLORS.relay], ['Connect endpoint group', KIND_COLORS.endpointGroup],
  ['reach path', REACH_PATH_COLOR], ['reach blocker', BLOCKER_COLOR],
  ['flow gained (diff)', FLOW_GAINED_COLOR], ['flow lost (diff)', FLOW_LOST_COLOR],
];

/** What the tinted bands behind VMs mean, for the legend. */
export const TINT_LEGEND = 'tinted band: VMs of one cloud service';

/** How a tunnel is stroked, by condition: colour from the state palette, and a dash pattern that tells it without colour. */
export interface TunnelStyle {
  color: string;
  width: number;
  /** Dash and gap lengths in layout units; empty for a solid line. */
  dash: readonly number[];
}

/** Up is solid green, trying is dashed orange, failing is dash-dotted red, down or never tried is dotted grey. */
export const TUNNEL_STYLES: Record<TunnelCondition, TunnelStyle> = {
  connected: { color: '#27ae60', width: 3, dash: [] },
  connecting: { color: '#f39c12', width: 3, dash: [6, 3] },
  failing: { color: '#c0392b', width: 3.5, dash: [9, 3, 2, 3] },
  notConnected: { color: '#95a5a6', width: 2.5, dash: [6, 3] },
  notTried: { color: '#95a5a6', width: 1.5, dash: [1, 4] },
};

/** Legend entries for the tunnel strokes. */
export const TUNNEL_LEGEND: [string, TunnelCondition][] = [
  ['tunnel up', 'connected'], ['connecting', 'connecting'], ['failing (reason beside it)', 'failing'], ['not connected', 'notConnected'],
  ['not tried', 'notTried'],
];

/**
 * Connect's links, stroked apart from tunnels: thin solid teal to the relay, dashed amber for the policy (the amber of
 * the endpoint groups, a hue no state or tunnel uses).
 */
export const CONNECT_LINK_STYLES: Record<'relay' | 'policy', TunnelStyle> = {
  relay: { color: '#00838f', width: 1.5, dash: [] },
  policy: { color: '#c9a227', width: 2.5, dash: [8, 4] },
};

/** Legend entries for Connect's links. */
export const CONNECT_LINK_LEGEND: [string, 'relay' | 'policy'][] = [['Connect endpoint ↔ relay', 'relay'], ['Connect policy link', 'policy']];

/** How a drawn link is stroked: a tunnel by its condition, a Connect link by its kind; undefined for containment. */
export function strokeOfLink(link: GraphLink): TunnelStyle | undefined {
  if (link.kind === 'relay' || link.kind === 'policy') return CONNECT_LINK_STYLES[link.kind];
  return link.condition === null ? undefined : TUNNEL_STYLES[link.condition];
}

/** The mark on an object a refused command named, and its colour (the failure red). */
export const REFUSAL_MARK = '⊘';
export const REFUSAL_COLOR = BLOCKER_COLOR;
