import { scaleLinear, select } from 'd3';
import { planAddressBlocks, type AddressBlock, type BlockKind } from '../address-plan.js';
import type { View } from '../view-model.js';

/** Cell colours: reserved addresses dark, DIPs green (static ones purple), free space white, unused space hatched grey. */
const BLOCK_COLORS: Record<BlockKind, string> = {
  space: '#d5d9e2', subnet: '#6fa0f0', unassigned: '#eceef2', reserved: '#5b6270', allocated: '#27ae60', free: '#ffffff',
};
const STATIC_COLOR = '#8e44ad';
const BAR_HEIGHT_PX = 18;
const ROW_GAP_PX = 16;
const WIDTH_PX = 390;

/** What each container shows now, as a key of its blocks. */
const drawnPlans = new WeakMap<HTMLElement, string>();

/**
 * The address-plan icicle of one VNet: the top bar is the whole address space with its subnets and unassigned gaps to
 * scale (fragmentation shows as scattered slivers); below it each subnet is expanded to full width with its reserved
 * addresses, allocated DIPs and free runs.
 */
export function drawAddressPlan(container: HTMLElement, view: View, vnetName: string): void {
  const plan = planAddressBlocks(view, vnetName);
  // Most events (VM power states) leave the plan as it was: skip the DOM then, it was a sixth of a busy frame.
  const key = `${vnetName}|${view.vnets[vnetName]?.addressSpace.join(',')}|${plan.blocks.map((b) => `${b.kind}:${b.offset}:${b.size}:${b.label}`).join(',')}`;
  if (drawnPlans.get(container) === key) return;
  drawnPlans.set(container, key);
  const subnets = plan.blocks.filter((b) => b.kind === 'subnet');
  const height = (subnets.length + 1) * (BAR_HEIGHT_PX + ROW_GAP_PX) + ROW_GAP_PX;
  const svg = select(container).selectAll<SVGSVGElement, string>('svg').data([vnetName]).join('svg')
    .attr('width', WIDTH_PX).attr('height', height).attr('data-vnet', vnetName);
  const whole = scaleLinear().domain([0, Math.max(plan.totalSize, 1)]).range([0, WIDTH_PX]);

  const top = plan.blocks.filter((b) => b.depth === 1);
  const rows: { key: string; title: string; blocks: AddressBlock[]; scale: (offset: number) => number }[] = [
    { key: 'space', title: `${vnetName}: ${view.vnets[vnetName]?.addressSpace.join(', ') ?? ''}`, blocks: top, scale: whole },
    ...subnets.map((subnet) => {
      const cells = plan.blocks.filter((b) => b.depth === 2 && b.offset >= subnet.offset && b.offset < subnet.offset + subnet.size);
      const used = cells.filter((c) => c.kind === 'allocated').length;
      const usable = cells.filter((c) => c.kind !== 'reserved').reduce((n, c) => n + c.size, 0);
      const scale = scaleLinear().domain([subnet.offset, subnet.offset + subnet.size]).range([0, WIDTH_PX]);
      return { key: subnet.label, title: `${subnet.label} — ${used} of ${usable} usable in use`, blocks: cells, scale };
    }),
  ];

  const row = svg.selectAll<SVGGElement, (typeof rows)[number]>('g.plan-row').data(rows, (r) => r.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'plan-row');
      g.append('text').attr('y', -4);
      return g;
    })
    .attr('transform', (_r, i) => `translate(0,${ROW_GAP_PX + i * (BAR_HEIGHT_PX + ROW_GAP_PX)})`);
  row.select('text').text((r) => r.title);
  row.selectAll<SVGRectElement, AddressBlock>('rect')
    .data((r) => r.blocks.map((b) => ({ ...b, x0: r.scale(b.offset), x1: r.scale(b.offset + b.size) })), (b) => `${b.kind}:${b.offset}`)
    .join('rect')
    .attr('class', (b) => `block ${b.kind}`)
    .attr('x', (b) => b.x0)
    // A single DIP in a /16 is far below a pixel: give every used cell at least one so it stays visible.
    .attr('width', (b) => Math.max(b.kind === 'free' || b.kind === 'unassigned' ? 0 : 1, b.x1 - b.x0))
    .attr('height', BAR_HEIGHT_PX)
    .attr('fill', (b) => (b.kind === 'allocated' && b.label.endsWith('(static)') ? STATIC_COLOR : BLOCK_COLORS[b.kind]))
    .attr('stroke', '#c4c9d4')
    .attr('stroke-width', 0.5)
    .selectAll('title').data((b) => [b]).join('title').text((b) => `${b.first} (${b.size}): ${b.label}`);
}
