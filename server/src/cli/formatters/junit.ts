/**
 * JUnit XML, as ESLint's `junit` format writes it: a test suite per file, a failing
 * test case per finding, and one passing case for a clean file, so CI systems that
 * only read test reports (GitLab's merge request widget, Jenkins, Azure Pipelines)
 * list the findings and count clean files as passed.
 */
import * as path from 'node:path';
import type { LintMessage } from '../../engine/types';
import { displayPath, toPosix } from '../paths';
import type { Formatter } from './types';

export const junit: Formatter = (results, context) => {
  let output = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const result of results) {
    const file = path.isAbsolute(result.filePath) ? toPosix(displayPath(context.cwd, result.filePath)) : result.filePath;
    const classname = file.replace(/\.[^./]+$/, '');
    const tests = Math.max(result.messages.length, 1);
    output += `<testsuite package="durability-lint" time="0" tests="${tests}" errors="${result.messages.length}" name="${xml(file)}">\n`;
    if (result.messages.length === 0) {
      output += `<testcase time="0" name="${xml(file)}" classname="${xml(classname)}" />\n`;
    }
    for (const message of result.messages) {
      const type = message.fatal || message.severity === 2 ? 'Error' : 'Warning';
      const name = `durability-lint.${message.ruleId ?? 'unknown'}`;
      output += `<testcase time="0" name="${xml(name)}" classname="${xml(classname)}">`;
      output += `<failure message="${xml(message.message)}" type="${type}">${cdata(details(message, type))}</failure>`;
      output += '</testcase>\n';
    }
    output += '</testsuite>\n';
  }
  return `${output}</testsuites>\n`;
};

function details(message: LintMessage, type: string): string {
  return `line ${message.line || 0}, col ${message.column || 0}, ${type} - ${message.message}${message.ruleId ? ` (${message.ruleId})` : ''}`;
}

/** Characters XML 1.0 cannot carry at all are dropped; they only come from binary-ish input. */
function clean(text: string): string {
  return text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

function xml(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function cdata(text: string): string {
  // `]]>` would end the section early: split it across two sections.
  return `<![CDATA[${clean(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
