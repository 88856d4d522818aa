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
