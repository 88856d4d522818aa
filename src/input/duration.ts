import { MAX_SIM_TIME_MS } from '../common/index.js';

/** Milliseconds in each unit a scenario duration may use, largest first (the order units must be written in). */
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** A duration such as `90s`, `15m`, `2h`, `1d` or `1h30m`: integer amounts, units d/h/m/s in that order, each once. */
export const DURATION_PATTERN = /^(?=\d)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Parses a scenario duration into milliseconds; `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * UNIT_MS.d +
    Number(hours ?? 0) * UNIT_MS.h +
    Number(minutes ?? 0) * UNIT_MS.m +
    Number(seconds ?? 0) * UNIT_MS.s
  );
}

/** The longest duration a scenario or flag may give, as written: `400d`. */
export const MAX_DURATION_TEXT = `${MAX_SIM_TIME_MS / UNIT_MS.d}d`;

/** Whether a duration's text, if it is one, stays within the simulated-time limit (enough digits parse to Infinity). */
export function isWithinTimeLimit(text: string): boolean {
  return (parseDuration(text) ?? 0) <= MAX_SIM_TIME_MS;
}

/** Writes milliseconds back as the shortest scenario duration (`0s`, `90s` → `1m30s`, `1d2h`). */
export function formatDuration(ms: number): string {
  let rest = Math.floor(ms / UNIT_MS.s) * UNIT_MS.s;
  if (rest === 0) return '0s';
  let text = '';
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const amount = Math.floor(rest / size);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * size;
  }
  return text;
}

/** Formats simulated time as a clock column: `00:15:00`, or `1d 02:00:00` past the first day. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(ms / UNIT_MS.s);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}
