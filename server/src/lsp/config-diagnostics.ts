/**
 * A broken `.durabilityrc.json` must show up where the user can fix it: on the
 * offending key of the config file, not as a mystery in every source file.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode, type Segment } from 'jsonc-parser';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { ConfigProblemInfo } from './worker-protocol';

/** `rules.no-floating-write[1].reportLogOnly` → ['rules', 'no-floating-write', 1, 'reportLogOnly']. */
export function parseProblemPath(problemPath: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of problemPath.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function locate(root: JsonNode | undefined, segments: Segment[], preferKey: boolean): JsonNode | undefined {
  if (!root) return undefined;
  // Keys may contain dots the path cannot tell apart; fall back to the nearest ancestor that exists.
  for (let length = segments.length; length > 0; length--) {
    const node = findNodeAtLocation(root, segments.slice(0, length));
    if (!node) continue;
    if (preferKey && length === segments.length && node.parent?.type === 'property') return node.parent.children?.[0] ?? node;
    return node;
  }
  return root;
}

export function configProblemDiagnostics(text: string, problems: readonly ConfigProblemInfo[]): Diagnostic[] {
  const document = TextDocument.create('file:///config.json', 'json', 0, text);
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return problems.map((problem) => {
    let range: Range;
    if (problem.line !== undefined) {
      const start = { line: problem.line - 1, character: Math.max(0, (problem.column ?? 1) - 1) };
      range = { start, end: { line: start.line, character: start.character + 1 } };
    } else {
      const node = locate(root, parseProblemPath(problem.path), /^unknown\b/.test(problem.message));
      // The whole file as one squiggle hides the text; mark its first character instead.
      const length = node && node !== root ? node.length : 1;
      const offset = node?.offset ?? 0;
      range = { start: document.positionAt(offset), end: document.positionAt(offset + length) };
    }
    return {
      range,
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      message: `${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
    };
  });
}
