/** Width of the timeline's subject column, so the "what happened" column lines up for the usual names. */
const SUBJECT_WIDTH = 22;

/** The spaces between two columns of a timeline line. */
export const COLUMN_GAP = '  ';

/**
 * What follows a subject of each length up to the column's width: its padding and the gap, one string, so a line is
 * a few concatenations (`padEnd` would copy the subject, and each piece is one more to join when the text is written).
 */
const SUBJECT_ENDINGS = Array.from({ length: SUBJECT_WIDTH + 1 }, (_, length) => ' '.repeat(SUBJECT_WIDTH - length) + COLUMN_GAP);

/**
 * One event told for people, its timeline line after the clock: who it happened to (the subject, padded with spaces
 * to its column's width; a longer one is not cut), the gap, and what happened.
 */
export function told(subject: string, text: string): string {
  return subject + (SUBJECT_ENDINGS[subject.length] ?? COLUMN_GAP) + text;
}
