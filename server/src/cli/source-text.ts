/**
 * The text a result's positions refer to, and conversions formats need that the
 * engine's 1-based UTF-16 columns do not give directly (offsets of fixes as
 * lines/columns, UTF-8 byte columns for reviewdog, a line's text for fingerprints).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../engine/line-index';
import type { FileResult } from '../engine/types';

/**
 * Positions describe the fixed text when fixes were applied (`output`), the linted
 * text otherwise. `source` is kept only for results with problems, so fall back to
 * the file itself. Without its BOM: engine offsets do not count it.
 */
export function resultText(result: FileResult): string | undefined {
  let text = result.output ?? result.source;
  if (text === undefined && path.isAbsolute(result.filePath)) {
    try {
      text = fs.readFileSync(result.filePath, 'utf8');
    } catch {
      return undefined;
    }
  }
  if (text === undefined) return undefined;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface Position {
  line: number;
  column: number;
}

export class TextLines {
  private readonly index: LineIndex;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  /** 1-based line and UTF-16 column of an offset. */
  position(offset: number): Position {
    return this.index.position(Math.max(0, Math.min(offset, this.text.length)));
  }

  /** The line's text without its line break; empty past the end. */
  lineText(line: number): string {
    if (line < 1 || line > this.index.lineCount) return '';
    const start = this.index.lineStart(line);
    const end = line < this.index.lineCount ? this.index.lineStart(line + 1) : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  /** A 1-based UTF-16 column as a 1-based UTF-8 byte column on the same line. */
  utf8Column(line: number, column: number): number {
    if (line < 1 || line > this.index.lineCount) return column;
    const start = this.index.lineStart(line);
    return Buffer.byteLength(this.text.slice(start, start + column - 1), 'utf8') + 1;
  }
}
