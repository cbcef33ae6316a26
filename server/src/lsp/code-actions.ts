/**
 * Code actions, in the shapes users know from vscode-eslint: per finding the fix
 * (preferred), each suggestion, "fix all of this rule", "disable for this line",
 * "disable for this file", "show documentation"; then "fix all" for the file.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine/rule-api';
import type { LintMessage, TextEdit as EngineEdit } from '../engine/types';
import { ServerCommands, type DisableRuleCommentSettings } from './protocol';
import { bomShift } from './diagnostics';

export interface Finding {
  message: LintMessage;
  diagnostic: Diagnostic;
}

export interface CodeActionInput {
  document: TextDocument;
  findings: readonly Finding[];
  range: Range;
  disableRuleComment: DisableRuleCommentSettings;
  /** The client accepts versioned `documentChanges`: an edit for an outdated document is refused instead of corrupting it. */
  versionedEdits: boolean;
}

export function quickFixActions(input: CodeActionInput): CodeAction[] {
  const { document, findings } = input;
  const atCursor = findings.filter((f) => f.message.ruleId !== null && overlaps(f.diagnostic.range, input.range));
  const actions: CodeAction[] = [];
  const fixesOnly: CodeAction[] = [];
  const perRule: CodeAction[] = [];
  const seenRules = new Set<string>();
  const shift = bomShift(document);
  for (const { message, diagnostic } of atCursor) {
    const ruleId = message.ruleId!;
    if (message.fix) {
      fixesOnly.push({
        title: `Fix this ${ruleId} problem`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: workspaceEdit(document, [toTextEdit(document, message.fix, shift)], input.versionedEdits),
      });
    }
    for (const suggestion of message.suggestions ?? []) {
      fixesOnly.push({
        title: suggestion.desc,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(document, [toTextEdit(document, suggestion.fix, shift)], input.versionedEdits),
      });
    }
    if (seenRules.has(ruleId)) continue;
    seenRules.add(ruleId);
    const sameRule = findings.filter((f) => f.message.ruleId === ruleId);
    const fixable = sameRule.filter((f) => f.message.fix);
    if (fixable.length > 1) {
      perRule.push({
        title: `Fix all ${ruleId} problems`,
        kind: CodeActionKind.QuickFix,
        diagnostics: fixable.map((f) => f.diagnostic),
        edit: workspaceEdit(document, nonOverlappingEdits(document, fixable.map((f) => f.message.fix!)), input.versionedEdits),
      });
    }
    if (input.disableRuleComment.enable) {
      perRule.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(document, [disableLineEdit(document, diagnostic.range.start.line, ruleId, input.disableRuleComment.location)], input.versionedEdits),
      });
      perRule.push({
        title: `Disable ${ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: sameRule.map((f) => f.diagnostic),
        edit: workspaceEdit(document, [disableFileEdit(document, ruleId)], input.versionedEdits),
      });
    }
    perRule.push({
      title: `Show documentation for ${ruleId}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${ruleId}`, command: ServerCommands.showDocumentation, arguments: [ruleId, docsUrl(ruleId)] },
    });
  }
  actions.push(...fixesOnly, ...perRule);
  if (atCursor.length > 0 && findings.filter((f) => f.message.fix).length > 1) {
    // Lazy: the full fix runs the engine until stable, which is only worth it when chosen.
    actions.push({
      title: 'Fix all auto-fixable problems',
      kind: CodeActionKind.QuickFix,
      command: {
        title: 'Fix all auto-fixable problems',
        command: ServerCommands.applyAllFixes,
        arguments: [{ uri: document.uri, version: document.version }],
      },
    });
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function toTextEdit(document: TextDocument, edit: EngineEdit, shift = bomShift(document)): TextEdit {
  return {
    range: { start: document.positionAt(edit.range[0] + shift), end: document.positionAt(edit.range[1] + shift) },
    newText: edit.text,
  };
}

/** Fixes of one rule applied together; like ESLint, a fix that overlaps an earlier one waits for the next pass. */
export function nonOverlappingEdits(document: TextDocument, fixes: readonly EngineEdit[]): TextEdit[] {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const shift = bomShift(document);
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (const fix of sorted) {
    if (fix.range[0] < lastEnd || (fix.range[0] === lastEnd && fix.range[0] === fix.range[1])) continue;
    edits.push(toTextEdit(document, fix, shift));
    lastEnd = fix.range[1];
  }
  return edits;
}

export function workspaceEdit(document: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  return { changes: { [document.uri]: edits } };
}

function eol(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

/** Where a directive's rule list ends (before a ` -- reason` and a closing `*\/`), so a rule can be appended. */
function ruleListEnd(text: string, listStart: number): number {
  let end = text.length;
  const close = text.indexOf('*/', listStart);
  if (close >= 0) end = close;
  const reason = text.slice(listStart, end).search(/\s--(\s|$)/);
  if (reason >= 0) end = listStart + reason;
  while (end > listStart && /\s/.test(text[end - 1])) end--;
  return end;
}

export function disableLineEdit(document: TextDocument, line: number, ruleId: string, location: DisableRuleCommentSettings['location']): TextEdit {
  const text = lineText(document, line);
  if (location === 'sameLine') {
    const existing = /\/\/\s*durability-lint-disable-line\b/.exec(text);
    if (existing) {
      const at = ruleListEnd(text, existing.index + existing[0].length);
      return insert({ line, character: at }, `, ${ruleId}`);
    }
    return insert({ line, character: text.length }, ` // durability-lint-disable-line ${ruleId}`);
  }
  if (line > 0) {
    const previous = lineText(document, line - 1);
    const existing = /^\s*\/\/\s*durability-lint-disable-next-line\b/.exec(previous);
    if (existing) {
      const at = ruleListEnd(previous, existing[0].length);
      // A bare directive already disables every rule; do not narrow it.
      if (previous.slice(existing[0].length, at).trim().length > 0) return insert({ line: line - 1, character: at }, `, ${ruleId}`);
    }
  }
  const indent = /^\s*/.exec(text)![0];
  return insert({ line, character: 0 }, `${indent}// durability-lint-disable-next-line ${ruleId}${eol(document)}`);
}

export function disableFileEdit(document: TextDocument, ruleId: string): TextEdit {
  // A shebang must stay the first line.
  const line = lineText(document, 0).startsWith('#!') ? 1 : 0;
  const first = lineText(document, line);
  const existing = /^\/\*\s*durability-lint-disable\b(?=[^*]*\S[^*]*\*\/\s*$)/.exec(first);
  if (existing) return insert({ line, character: ruleListEnd(first, existing[0].length) }, `, ${ruleId}`);
  return insert({ line, character: 0 }, `/* durability-lint-disable ${ruleId} */${eol(document)}`);
}

function insert(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/**
 * One edit that turns `document` into `fixed`: the changed middle only, so the
 * editor keeps the cursor and folding outside it.
 */
export function minimalEdit(document: TextDocument, fixed: string): TextEdit | null {
  const original = document.getText();
  if (original === fixed) return null;
  let start = 0;
  const maxStart = Math.min(original.length, fixed.length);
  while (start < maxStart && original.charCodeAt(start) === fixed.charCodeAt(start)) start++;
  let endOriginal = original.length;
  let endFixed = fixed.length;
  while (endOriginal > start && endFixed > start && original.charCodeAt(endOriginal - 1) === fixed.charCodeAt(endFixed - 1)) {
    endOriginal--;
    endFixed--;
  }
  return {
    range: { start: document.positionAt(start), end: document.positionAt(endOriginal) },
    newText: fixed.slice(start, endFixed),
  };
}
