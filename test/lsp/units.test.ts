/**
 * The server's pure parts, with shapes the real rules do not produce yet (an
 * automatic fix, several fixes of one rule) and editor input we do not control.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { SUPPORTED_EXTENSIONS as ENGINE_EXTENSIONS } from '../../server/src/engine/parse';
import type { LintMessage } from '../../server/src/engine/types';
import { disableFileEdit, disableLineEdit, minimalEdit, nonOverlappingEdits, quickFixActions, type Finding } from '../../server/src/lsp/code-actions';
import { configProblemDiagnostics, parseProblemPath } from '../../server/src/lsp/config-diagnostics';
import { messageRange, toDiagnostic } from '../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/protocol';
import { SUPPORTED_EXTENSIONS as SERVER_EXTENSIONS } from '../../server/src/lsp/server';
import { customSeverityFor, normalizeSettings } from '../../server/src/lsp/settings';

function doc(text: string): TextDocument {
  return TextDocument.create('file:///w/a.ts', 'typescript', 3, text);
}

function apply(document: TextDocument, edits: { range: any; newText: string }[]): string {
  return TextDocument.applyEdits(document, edits);
}

function message(partial: Partial<LintMessage> & { range: [number, number] }): LintMessage {
  return { ruleId: 'rule-a', severity: 2, message: 'm', line: 1, column: 1, ...partial };
}

describe('language server units', () => {
  describe('settings', () => {
    it('fills defaults for missing or mistyped fields', () => {
      assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
      assert.deepEqual(normalizeSettings({ enable: 'yes', run: 'sometimes', rules: 'all', codeAction: 3 }), DEFAULT_SETTINGS);
      assert.deepEqual(normalizeSettings({ run: 'onSave', codeAction: { disableRuleComment: { location: 'sameLine' } } }).codeAction, {
        disableRuleComment: { enable: true, location: 'sameLine' },
      });
    });

    it('accepts the object shorthand and "warning" for rule overrides, and drops junk', () => {
      assert.deepEqual(normalizeSettings({ rules: { 'no-floating-write': 'warning' } }).rules, [{ rule: 'no-floating-write', severity: 'warn' }]);
      assert.deepEqual(normalizeSettings({ rules: [{ rule: 'x', severity: 'loud' }, null, { severity: 'off' }] }).rules, []);
    });

    it('matches wildcards, negation and the durability/ prefix; the last match wins', () => {
      const rules = [
        { rule: '*', severity: 'warn' as const },
        { rule: 'durability/no-destroy-*', severity: 'error' as const },
        { rule: '!no-*', severity: 'off' as const },
        { rule: 'no-floating-write', severity: 'default' as const },
      ];
      assert.equal(customSeverityFor('no-destroy-on-error', rules), 'error');
      assert.equal(customSeverityFor('no-swallowed-write-error', rules), 'warn');
      assert.equal(customSeverityFor('other-rule', rules), 'off');
      assert.equal(customSeverityFor('no-floating-write', rules), undefined);
      assert.equal(customSeverityFor('a.b', [{ rule: 'a.*', severity: 'info' }]), 'info');
      assert.equal(customSeverityFor('axb', [{ rule: 'a.b', severity: 'info' }]), undefined);
    });
  });

  describe('diagnostics', () => {
    it('uses offsets when present and shifts them past a BOM kept in the buffer', () => {
      const text = 'const a = 1;\nfoo();\n';
      assert.deepEqual(messageRange(doc(text), message({ range: [13, 18] })), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
      assert.deepEqual(messageRange(doc('\uFEFF' + text), message({ range: [13, 18] })), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    });

    it('widens a parse error without an end to the token at its position', () => {
      const parse = { ruleId: null, severity: 2, message: 'Parsing error: x', line: 2, column: 5, fatal: true } as LintMessage;
      assert.deepEqual(messageRange(doc('let a;\nlet value = ;\n'), parse), { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
      assert.deepEqual(messageRange(doc('let a;\nlet\n'), { ...parse, column: 4 }), { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } });
    });

    it('folds related locations into the message for clients that cannot show them', () => {
      const m = message({ range: [0, 3], related: [{ message: 'the upload', line: 1, column: 1, endLine: 1, endColumn: 3 }] });
      const withRelated = toDiagnostic(doc('abc'), m, [], true);
      assert.equal(withRelated.relatedInformation?.[0].message, 'the upload');
      assert.equal(withRelated.message, 'm');
      const folded = toDiagnostic(doc('abc'), m, [], false);
      assert.equal(folded.relatedInformation, undefined);
      assert.equal(folded.message, 'm (line 1: the upload)');
      assert.equal(toDiagnostic(doc('abc'), m, [{ rule: 'rule-a', severity: 'info' }], true).severity, DiagnosticSeverity.Information);
    });
  });

  describe('code actions', () => {
    const text = 'a();\n  b();\nc();\n';
    const document = doc(text);
    const findings = (messages: LintMessage[]): Finding[] =>
      messages.map((m) => ({ message: m, diagnostic: toDiagnostic(document, m, [], true) }));
    const cursorOnB = { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } };
    const settings = { enable: true, location: 'separateLine' as const };

    it('puts the fix first and preferred, then suggestions, fix-all of the rule, disables, docs and fix-all', () => {
      const fixB = message({ range: [7, 10], fix: { range: [7, 8], text: 'B' }, suggestions: [{ desc: 'Use d', fix: { range: [7, 8], text: 'd' } }] });
      const fixC = message({ range: [12, 15], fix: { range: [12, 13], text: 'C' } });
      const actions = quickFixActions({ document, findings: findings([fixB, fixC]), range: cursorOnB, disableRuleComment: settings, versionedEdits: true });
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred ?? false]),
        [
          ['Fix this rule-a problem', true],
          ['Use d', false],
          ['Fix all rule-a problems', false],
          ['Disable rule-a for this line', false],
          ['Disable rule-a for this file', false],
          ['Show documentation for rule-a', false],
          ['Fix all auto-fixable problems', false],
        ],
      );
      const fixAllRule = actions[2].edit!.documentChanges![0] as { textDocument: { version: number }; edits: any[] };
      assert.equal(fixAllRule.textDocument.version, 3);
      assert.equal(apply(document, fixAllRule.edits), 'a();\n  B();\nC();\n');
      assert.deepEqual(actions[6].command?.arguments, [{ uri: document.uri, version: 3 }]);
    });

    it('offers nothing for parse errors or findings away from the cursor, and honours the disable setting', () => {
      const parse = { ruleId: null, severity: 2, message: 'Parsing error', line: 2, column: 3, range: [7, 8] } as LintMessage;
      const away = message({ range: [12, 15] });
      assert.deepEqual(quickFixActions({ document, findings: findings([parse, away]), range: cursorOnB, disableRuleComment: settings, versionedEdits: false }), []);
      const titles = quickFixActions({
        document,
        findings: findings([message({ range: [7, 10] })]),
        range: cursorOnB,
        disableRuleComment: { enable: false, location: 'separateLine' },
        versionedEdits: false,
      }).map((a) => a.title);
      assert.deepEqual(titles, ['Show documentation for rule-a']);
    });

    it('adds a rule to an existing disable-next-line directive, before its reason', () => {
      const withDirective = doc('if (x) {\n  // durability-lint-disable-next-line rule-a -- migrating\n  wipe();\n}\n');
      const edit = disableLineEdit(withDirective, 2, 'rule-b', 'separateLine');
      assert.equal(apply(withDirective, [edit]).split('\n')[1], '  // durability-lint-disable-next-line rule-a, rule-b -- migrating');
      const plain = doc('if (x) {\n\twipe();\n}\n');
      assert.equal(apply(plain, [disableLineEdit(plain, 1, 'rule-b', 'separateLine')]).split('\n')[1], '\t// durability-lint-disable-next-line rule-b');
    });

    it('writes same-line directives at the end of the line, merging into an existing one', () => {
      const plain = doc('wipe(); // later\n');
      assert.equal(apply(plain, [disableLineEdit(plain, 0, 'rule-a', 'sameLine')]), 'wipe(); // later // durability-lint-disable-line rule-a\n');
      const existing = doc('wipe(); // durability-lint-disable-line rule-a\n');
      assert.equal(apply(existing, [disableLineEdit(existing, 0, 'rule-b', 'sameLine')]), 'wipe(); // durability-lint-disable-line rule-a, rule-b\n');
    });

    it('puts the file directive after a shebang and merges into an existing one', () => {
      const shebang = doc('#!/usr/bin/env node\nwipe();\n');
      assert.equal(apply(shebang, [disableFileEdit(shebang, 'rule-a')]), '#!/usr/bin/env node\n/* durability-lint-disable rule-a */\nwipe();\n');
      const existing = doc('/* durability-lint-disable rule-a */\nwipe();\n');
      assert.equal(apply(existing, [disableFileEdit(existing, 'rule-b')]).split('\n')[0], '/* durability-lint-disable rule-a, rule-b */');
    });

    it('skips overlapping fixes and turns a fixed text into one minimal edit', () => {
      const d = doc('abcdef');
      const edits = nonOverlappingEdits(d, [
        { range: [2, 4], text: 'X' },
        { range: [0, 1], text: 'Y' },
        { range: [3, 5], text: 'Z' },
      ]);
      assert.equal(apply(d, edits), 'YbXef');
      assert.deepEqual(minimalEdit(d, 'abXYef'), { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, newText: 'XY' });
      assert.equal(minimalEdit(d, 'abcdef'), null);
    });
  });

  describe('config diagnostics', () => {
    it('parses problem paths into JSON segments', () => {
      assert.deepEqual(parseProblemPath('rules.no-floating-write[1].reportLogOnly'), ['rules', 'no-floating-write', 1, 'reportLogOnly']);
      assert.deepEqual(parseProblemPath('overrides[0].files[2]'), ['overrides', 0, 'files', 2]);
    });

    it('marks the unknown key, the bad value, a parse error position, and falls back to the nearest ancestor', () => {
      const text = '{\n  // c\n  "rules": { "nope": "error", "ok": ["warn", { "x": 1 }] },\n  "root": "yes"\n}\n';
      const [unknownRule, badRoot, badOption, parseError] = configProblemDiagnostics(text, [
        { path: 'rules.nope', message: 'unknown rule' },
        { path: 'root', message: 'expected a boolean, got string "yes"' },
        { path: 'rules.ok[1].x.y.z', message: 'unknown option' },
        { path: '', line: 4, column: 3, message: 'invalid JSON: value expected' },
      ]);
      const at = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
        text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      assert.equal(at(unknownRule), '"nope"');
      assert.equal(at(badRoot), '"yes"');
      assert.equal(at(badOption), '1');
      assert.deepEqual(parseError.range.start, { line: 3, character: 2 });
      assert.equal(unknownRule.message, 'rules.nope: unknown rule');
    });
  });

  it('knows the same file extensions as the engine', () => {
    assert.deepEqual([...SERVER_EXTENSIONS], [...ENGINE_EXTENSIONS]);
  });
});
