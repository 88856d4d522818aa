import type { TopoConnection, TopoLocalSite, TopoVnet } from './model.js';

/** One gateway leg: from a VNet, over one connection, to a local site (which may stand for another VNet). */
export interface RouteLeg {
  readonly vnet: TopoVnet;
  readonly connection: TopoConnection;
  readonly site: TopoLocalSite;
  readonly nextVnet: TopoVnet | undefined;
}

/** A gateway's legs and, per prefix length its sites use, which legs hold each network of that length. */
interface RouteTable {
  /** The connection list the table was read from; a gateway given a new list gets a new table. */
  readonly connections: readonly TopoConnection[];
  /** One leg per connection whose site exists, in connection order. */
  readonly legs: readonly RouteLeg[];
  /** [netmask, legs by masked network (ascending leg ordinals)] for each distinct prefix length. */
  readonly byLength: readonly (readonly [mask: number, legsByNetwork: ReadonlyMap<number, readonly number[]>])[];
}

/**
 * The legs out of each VNet's gateway, read once per VNet instead of on every walk: a walk step looks the address up
 * once per prefix length its sites use (usually one) rather than resolving every connection's site by name and
 * testing each of its prefixes. The legs are shared records; a connection's state is read live from the connection.
 * Sites and connections never change within an index's life (no TopologyChange adds, removes or re-addresses one).
 */
export class GatewayRoutes {
  private readonly tables = new WeakMap<TopoVnet, RouteTable>();

  /** Reads sites and VNet-to-VNet sites from the index's own tables. */
  constructor(
    private readonly sitesByName: ReadonlyMap<string, TopoLocalSite>,
    private readonly vnetsBySiteName: ReadonlyMap<string, TopoVnet>,
  ) {}

  /** The first connection of `vnet`'s gateway, in connection order, whose site holds `address`; undefined when none does. */
  findLeg(vnet: TopoVnet, address: number): RouteLeg | undefined {
    const table = this.tableOf(vnet);
    let first = Number.POSITIVE_INFINITY;
    for (const [mask, legsByNetwork] of table.byLength) {
      const holders = legsByNetwork.get((address & mask) >>> 0);
      if (holders !== undefined && holders[0]! < first) first = holders[0]!;
    }
    return table.legs[first];
  }

  private tableOf(vnet: TopoVnet): RouteTable {
    const connections = vnet.gateway?.connections ?? [];
    const known = this.tables.get(vnet);
    if (known !== undefined && known.connections === connections) return known;
    const table = this.readTable(vnet, connections);
    this.tables.set(vnet, table);
    return table;
  }

  private readTable(vnet: TopoVnet, connections: readonly TopoConnection[]): RouteTable {
    const legs: RouteLeg[] = [];
    const byMask = new Map<number, Map<number, number[]>>();
    for (const connection of connections) {
      const site = this.sitesByName.get(connection.site);
      if (site === undefined) continue;
      const ordinal = legs.push({ vnet, connection, site, nextVnet: this.vnetsBySiteName.get(site.name) }) - 1;
      for (const prefix of site.addressPrefixes) {
        const mask = maskOf(prefix.length);
        let legsByNetwork = byMask.get(mask);
        if (legsByNetwork === undefined) byMask.set(mask, (legsByNetwork = new Map()));
        const network = (prefix.network & mask) >>> 0;
        const holders = legsByNetwork.get(network);
        if (holders === undefined) legsByNetwork.set(network, [ordinal]);
        else if (holders[holders.length - 1] !== ordinal) holders.push(ordinal);
      }
    }
    return { connections, legs, byLength: [...byMask] };
  }
}

/** The int32 netmask containsAddress4 applies for a prefix length: none (every address matches) outside 1–32. */
function maskOf(length: number): number {
  return Number.isInteger(length) && length >= 1 && length <= 32 ? -1 << (32 - length) : 0;
}
