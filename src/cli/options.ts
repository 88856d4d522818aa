import { InvalidArgumentError } from 'commander';
import { MAX_DURATION_TEXT, isWithinTimeLimit, parseDuration } from '../input/index.js';

/** Parses a simulated-time flag (`--at`, `--until`, `--from`, `--to`) such as `90s`, `30m`, `2h` or `1h30m`, in ms. */
export function parseTimeOption(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new InvalidArgumentError('not a duration: write e.g. 90s, 15m, 2h, 1d or 1h30m');
  if (!isWithinTimeLimit(text)) throw new InvalidArgumentError(`too long: simulated time ends at ${MAX_DURATION_TEXT}; give ${MAX_DURATION_TEXT} or less`);
  return ms;
}

/** Makes a flag parser that accepts exactly one of `choices` (e.g. output formats) and names them when refused. */
export function choiceOption<const T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    const choice = choices.find((c) => c === text);
    if (choice === undefined) throw new InvalidArgumentError(`use one of: ${choices.join(', ')}`);
    return choice;
  };
}
