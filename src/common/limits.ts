/*
 * Every size and time bound vnetsim puts on its input, in one place so the README's "Limits" section, the loaders and
 * the server agree. Each is far above what the classic platform itself allowed (LIMITS-2015, azure-classic.md §2.6),
 * so no faithful scenario meets one; they exist so a hostile or mangled file is refused in milliseconds with a
 * position instead of running out of memory, stack or time.
 */

const DAY_MS = 86_400_000;

/**
 * Latest simulated time anything may name (`at:`, `until:`, `--until`, profile durations, a page's `seek`): 400 days.
 * The longest platform timers are hours (IKE SA lifetime 8 h, DEVICES-2016) and the slowest operations minutes, so a
 * year of operations plus a month's margin covers any scenario; at the default hourly rekeys that is 9,600 rekeys per
 * tunnel — seconds of CPU, not hours — and 400 × 86,400,000 ms stays far inside a safe integer.
 */
export const MAX_SIM_TIME_MS = 400 * DAY_MS;

/**
 * Most events one simulation may log: 2,000,000 (~600 MB in memory, ~400 MB as JSON lines). A year of hourly rekeys
 * on 30 tunnels logs ~1,000,000; a profile that rekeys every second for 400 days would log billions, so the engine
 * stops at this many and `run` refuses the scenario instead (issue #14, item 3: bound what time drives).
 */
export const MAX_LOGGED_EVENTS = 2_000_000;

/**
 * Largest scenario, NetworkConfig or event-log file read: 64 MiB. A 100,000-subnet generated plan (bench/) is ~9 MiB
 * and the recorded log of a 400-day scenario a few MiB; a bigger file is refused before it is read into memory.
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Deepest nesting of YAML collections or XML elements: 64. A scenario nests at most ~8 deep and NetworkConfig.xml ~9;
 * parsers recurse per level, so a `[[[[…` file thousands deep would overflow the stack (issue #14, item 5).
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Most collection entries (list items, mapping keys and flow separators, counted before parsing) in one YAML file:
 * 2,500,000. The largest subscription the platform allowed (100 VNets × 2,048 VMs, LIMITS-2015; bench/scale-world.ts)
 * written one VM per 8 entries has ~1,700,000, and a 100,000-subnet generated plan ~300,000; a 1e6-entry flow-style
 * timeline counts far more and is refused in milliseconds instead of taking gigabytes (issue #14, item 10).
 */
export const MAX_YAML_ENTRIES = 2_500_000;

/**
 * Most entries in a YAML file outside the plain subset, which the `yaml` library reads: 400,000. The library keeps
 * ~1.5 KB and spends ~25 µs per counted entry (200,000 flow-style timeline entries count 1,000,000: 1.5 GB, 24 s),
 * so this keeps such a file near 600 MB;
 * generated plans in the plain subset go through the lean plain reader and only meet {@link MAX_YAML_ENTRIES}.
 */
export const MAX_LIBRARY_YAML_ENTRIES = 400_000;
