/*
 * The plain YAML reader's view of its text as lines (plain-yaml-reader.ts): the current line's start, content end
 * (before a comment) and indent, where every line read so far starts, and the comments found up front.
 */

import { grown } from './plain-yaml-builder.js';
import { COMMENT_TEXT, NEWLINE, SPACE } from './plain-yaml-chars.js';
import type { LineStarts } from './plain-yaml-flat-list.js';

/** Thrown inside the reader when the text leaves the subset; never escapes readPlainYaml. */
export class OutsideSubset extends Error {}

/** Room for the line starts of a small document; a large one doubles it a few times. */
const INITIAL_LINES = 4096;

/**
 * Where each comment starts, in order: at the first `#` of a line, which must begin the line or follow a space (a
 * `#` inside a scalar is text to YAML: rare enough in plans to leave to the library); a comment may hold only
 * printable characters.
 */
function findCommentStarts(text: string): number[] {
  const comments: number[] = [];
  for (let hash = text.indexOf('#'); hash >= 0; ) {
    if (hash > 0 && text.charCodeAt(hash - 1) !== SPACE && text.charCodeAt(hash - 1) !== NEWLINE) throw new OutsideSubset();
    const newline = text.indexOf('\n', hash);
    const lineEnd = newline < 0 ? text.length : newline;
    if (!COMMENT_TEXT.test(text.slice(hash, lineEnd))) throw new OutsideSubset();
    comments.push(hash);
    hash = newline < 0 ? -1 : text.indexOf('#', newline);
  }
  return comments;
}

/** A cursor over the text's lines, from its first; the reader reads each line's content from `lineStart` on. */
export class PlainLines implements LineStarts {
  /** Where each line read so far starts: lineStarts[0..lineCount). */
  protected lineStarts = new Uint32Array(INITIAL_LINES);
  protected lineCount = 0;
  /** The current line: where it starts, where its content ends (before a comment), its indent (-1 when blank). */
  protected lineStart = 0;
  protected contentEnd = 0;
  protected lineEnd = 0;
  protected indent = -1;
  /** The next comment, among those found up front, that a line entered may hold. */
  private nextComment = 0;
  private readonly commentStarts: readonly number[];

  constructor(protected readonly text: string) {
    this.commentStarts = findCommentStarts(text);
    this.enterLine(0);
  }

  /** Records where a line starts. */
  add(start: number): void {
    if (this.lineCount === this.lineStarts.length) this.lineStarts = grown(this.lineStarts, this.lineCount + 1);
    this.lineStarts[this.lineCount++] = start;
  }

  /** Makes the line starting at `start` current (a start past the text's end is the end). */
  protected enterLine(start: number): void {
    const { text } = this;
    this.lineStart = start;
    if (start > text.length) return;
    this.add(start);
    const newline = text.indexOf('\n', start);
    let end = newline < 0 ? text.length : newline;
    this.lineEnd = end;
    const comment = this.commentStarts[this.nextComment];
    if (comment !== undefined && comment < end) {
      end = comment;
      this.nextComment++;
    }
    this.contentEnd = end;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    this.indent = i < end ? i - start : -1;
  }

  protected nextLine(): void {
    this.enterLine(this.lineEnd + 1);
  }

  protected atEnd(): boolean {
    return this.lineStart > this.text.length;
  }

  protected skipBlankLines(): void {
    while (!this.atEnd() && this.indent < 0) this.nextLine();
  }

  /** The indent of the next non-blank line, or -1 at the end of the text. */
  protected nextIndent(): number {
    this.skipBlankLines();
    return this.atEnd() ? -1 : this.indent;
  }

  /** The character at `offset` of the current line's content, or -1 past its end. */
  protected charAt(offset: number): number {
    return offset < this.contentEnd ? this.text.charCodeAt(offset) : -1;
  }

  protected skipSpaces(offset: number): number {
    let i = offset;
    while (this.charAt(i) === SPACE) i++;
    return i;
  }
}
