import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, parseDuration } from '../../src/input/duration.js';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s', 93_784_000],
    [' 20m ', 1_200_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '1.5h', '-5m', '30m1h', '1h1h', '15 m', '2w', '1ms', 'PT15M'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  propertyTest.prop([fc.nat(400), fc.nat(23), fc.nat(59), fc.nat(59)])(
    'agrees with the unit arithmetic for any d/h/m/s combination',
    (d, h, m, s) => {
      expect(parseDuration(`${d}d${h}h${m}m${s}s`)).toBe(((d * 24 + h) * 60 + m) * 60_000 + s * 1000);
    },
  );

  propertyTest.prop([fc.nat(10 * 86_400)])('round-trips through formatDuration for whole seconds', (seconds) => {
    expect(parseDuration(formatDuration(seconds * 1000))).toBe(seconds * 1000);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [86_400_000 + 7_200_000, '1d2h'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '00:00:00'],
    [900_000, '00:15:00'],
    [5_430_000, '01:30:30'],
    [86_400_000 + 7_200_000, '1d 02:00:00'],
    [999, '00:00:00'],
  ])('shows %d ms as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});
