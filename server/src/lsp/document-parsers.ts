/**
 * The parsers of the documents being edited, so that a keystroke re-parses one function
 * body instead of the file. Each keeps its document's tree; only the most recently
 * analysed few are kept (an editor session edits a handful of files at a time), so
 * memory stays bounded however many documents are opened.
 */
import { DocumentParser } from '../engine/incremental-parse';

const MAX_DOCUMENTS = 4;

export class DocumentParsers {
  private readonly parsers = new Map<string, DocumentParser>();

  constructor(private readonly capacity = MAX_DOCUMENTS) {}

  for(filePath: string): DocumentParser {
    let parser = this.parsers.get(filePath);
    if (parser) {
      this.parsers.delete(filePath);
    } else {
      parser = new DocumentParser(filePath);
      if (this.parsers.size >= this.capacity) this.parsers.delete(this.parsers.keys().next().value!);
    }
    this.parsers.set(filePath, parser);
    return parser;
  }

  /** A closed document's tree is not kept until newer documents push it out. */
  forget(filePath: string): void {
    this.parsers.delete(filePath);
  }
}
