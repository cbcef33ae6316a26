/** Engine findings → LSP diagnostics. */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine/rule-api';
import type { LintMessage, RelatedLocation } from '../engine/types';
import { DIAGNOSTIC_SOURCE, type RuleCustomization } from './protocol';
import { customSeverityFor } from './settings';

/**
 * Engine offsets are relative to the text without a byte-order mark; most editors
 * strip it, but a client that keeps it in the buffer must not get every range
 * shifted by one.
 */
export function bomShift(document: TextDocument): number {
  return document.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0;
}

export function messageRange(document: TextDocument, message: LintMessage, shift = bomShift(document)): Range {
  if (message.range) {
    return { start: document.positionAt(message.range[0] + shift), end: document.positionAt(message.range[1] + shift) };
  }
  const start = { line: Math.max(0, message.line - 1), character: Math.max(0, message.column - 1 + (message.line === 1 ? shift : 0)) };
  if (message.endLine !== undefined && message.endColumn !== undefined) {
    return { start, end: { line: message.endLine - 1, character: message.endColumn - 1 + (message.endLine === 1 ? shift : 0) } };
  }
  return { start, end: endOfToken(document, start) };
}

/** A parse error has only a position; a zero-width squiggle is hard to see and to hover. */
function endOfToken(document: TextDocument, start: Range['start']): Range['start'] {
  const lineText = document.getText({ start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  if (start.character >= lineText.length) return start;
  const rest = lineText.slice(start.character);
  const word = /^[\w$]+/.exec(rest);
  return { line: start.line, character: start.character + (word ? word[0].length : 1) };
}

function severityOf(message: LintMessage, customizations: readonly RuleCustomization[]): DiagnosticSeverity {
  if (message.ruleId && customSeverityFor(message.ruleId, customizations) === 'info') return DiagnosticSeverity.Information;
  return message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

function relatedInformation(document: TextDocument, related: readonly RelatedLocation[]): DiagnosticRelatedInformation[] {
  return related.map((location) => ({
    message: location.message,
    location: {
      uri: location.filePath ? pathToFileURL(location.filePath).href : document.uri,
      range: {
        start: { line: location.line - 1, character: location.column - 1 },
        end: { line: location.endLine - 1, character: location.endColumn - 1 },
      },
    },
  }));
}

export function toDiagnostic(
  document: TextDocument,
  message: LintMessage,
  customizations: readonly RuleCustomization[],
  relatedSupported: boolean,
  shift = bomShift(document),
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: messageRange(document, message, shift),
    severity: severityOf(message, customizations),
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
  };
  if (message.ruleId) {
    diagnostic.code = message.ruleId;
    diagnostic.codeDescription = { href: docsUrl(message.ruleId) };
  }
  if (message.related && message.related.length > 0) {
    if (relatedSupported) diagnostic.relatedInformation = relatedInformation(document, message.related);
    // Without related locations the user cannot see which upload the finding is about.
    else diagnostic.message += ` (${message.related.map((r) => `line ${r.line}: ${r.message}`).join('; ')})`;
  }
  return diagnostic;
}
