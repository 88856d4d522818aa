import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphNode, NodeKind } from '../../src/viz/index.js';
import {
  BLOCKER_COLOR, colorOfNode, colorOfState, FLOW_GAINED_COLOR, FLOW_LOST_COLOR, LEGEND, REACH_PATH_COLOR, SERVICE_PALETTE, STATE_PALETTE,
} from '../../src/viz/web/colors.js';

/** Hue in degrees and saturation (HSL) of a `#rrggbb` colour. */
function hueAndSaturation(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  const lightness = (max + min) / 2;
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1));
  if (delta === 0) return { hue: 0, saturation };
  const sector = max === r ? ((g - b) / delta + 6) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return { hue: sector * 60, saturation };
}

function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

const KINDS: NodeKind[] = ['region', 'affinityGroup', 'vnet', 'subnet', 'gateway', 'site', 'service', 'vm'];
const STATES = ['ReadyRole', 'Provisioning', 'StoppedVM', 'FailedStartingVM', 'Connected', 'NotConnected', 'SomethingNew', null];
const chromaticStates = STATE_PALETTE.filter((c) => hueAndSaturation(c).saturation > 0.2);

describe('graph colours', () => {
  it('keeps the service palette and the state colours disjoint', () => {
    expect(SERVICE_PALETTE.filter((c) => STATE_PALETTE.includes(c))).toEqual([]);
  });

  it.each(SERVICE_PALETTE.map((c) => [c]))('service tint %s is a saturated blue/cyan, far in hue from every state colour', (color) => {
    const { hue, saturation } = hueAndSaturation(color);
    expect(saturation).toBeGreaterThan(0.2); // not a grey, which reads as "stopped"
    for (const state of chromaticStates) expect(hueDistance(hue, hueAndSaturation(state).hue)).toBeGreaterThan(40);
  });

  it('draws the reach path in a colour no state, kind or service uses', () => {
    const used = [...STATE_PALETTE, ...SERVICE_PALETTE, ...KINDS.map((kind) => colorOfNode(nodeOf(kind, null)))];
    expect(used).not.toContain(REACH_PATH_COLOR);
  });

  it('lists every colour the graph draws in the legend', () => {
    const legend = new Set(LEGEND.map(([, color]) => color));
    const drawn = [
      ...KINDS.flatMap((kind) => STATES.map((state) => colorOfNode(nodeOf(kind, state)))),
      ...STATES.map(colorOfState), REACH_PATH_COLOR, BLOCKER_COLOR, FLOW_GAINED_COLOR, FLOW_LOST_COLOR,
    ];
    expect(drawn.filter((c) => !legend.has(c))).toEqual([]);
  });

  it('gives the stylesheet the same reach and blocker colours as the canvas', () => {
    const css = readFileSync(new URL('../../src/viz/web/app.css', import.meta.url), 'utf8');
    expect(css).toContain(`.link.on-path { stroke: ${REACH_PATH_COLOR};`);
    expect(css).toContain(`.node.blocker circle { stroke: ${BLOCKER_COLOR};`);
    expect(css).toContain(`.node.diff-gained circle { stroke: ${FLOW_GAINED_COLOR};`);
    expect(css).toContain(`.node.diff-lost circle { stroke: ${FLOW_LOST_COLOR};`);
  });
});

function nodeOf(kind: NodeKind, state: string | null): GraphNode {
  return { id: `${kind}:x`, kind, label: 'x', parent: null, state, group: null, facts: '', detail: '', refusal: null };
}
