/*
 * Connect's end: "Windows Azure Connect will be retired on 7/3/2013" and "The Connect service will no longer be
 * operational after 7/3/2013" (MSDN gg432959, updated 25 April 2013 [V]); MSDN points to Virtual Network's
 * point-to-site and site-to-site connectivity instead (compute-lifecycle.md §1.5).
 */

/** The day Connect was retired (UTC). */
export const CONNECT_RETIREMENT_DATE = '2013-07-03';

/** What replaced it, as a refusal names it. */
export const CONNECT_REPLACEMENTS =
  'use a point-to-site VPN for single machines (from 2013-08) or a Virtual Network with a site-to-site gateway for whole networks';

const MS_PER_DAY = 86_400_000;

/**
 * Simulated ms from a scenario's start to the retirement. A scenario's clock starts at 00:00 UTC on the first day
 * of its era month (`2012` → 2012-06-01); negative when the era is already past it.
 */
export function connectRetiresAtMs(startMonth: string): number {
  const [year, month] = startMonth.split('-').map(Number);
  const start = Date.UTC(year ?? 0, (month ?? 1) - 1, 1);
  const [rYear, rMonth, rDay] = CONNECT_RETIREMENT_DATE.split('-').map(Number);
  return Date.UTC(rYear ?? 0, (rMonth ?? 1) - 1, rDay ?? 1) - start;
}

/** `2013-07-03`: the calendar day a simulated time falls on, for messages. */
export function calendarDayAt(startMonth: string, timeMs: number): string {
  const [year, month] = startMonth.split('-').map(Number);
  const day = Math.floor(timeMs / MS_PER_DAY) * MS_PER_DAY;
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, 1) + day).toISOString().slice(0, 10);
}

/** The refusal text for a Connect command on or after the retirement. */
export function describeRetirement(command: string, day: string): string {
  return `${command} on ${day}: Windows Azure Connect was retired on ${CONNECT_RETIREMENT_DATE} (MSDN gg432959); ${CONNECT_REPLACEMENTS}.`;
}
