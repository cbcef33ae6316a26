/**
 * What kind of code a file holds, from its path. Test code and developer tooling
 * (build and release scripts, code generators, bundler configs) never hold users'
 * data: rules about application data stay silent there, rules about infrastructure
 * and migrations do not.
 */
export type FileRole = 'application' | 'test' | 'tooling';

/** Only markers that mean "tests" in every ecosystem: a plain `test/` folder can hold fixtures that are app code. */
const TEST_PATH = /(^|\/)(__tests__|__mocks__|__fixtures__|e2e|cypress|playwright|test-utils?|testing-utils?)\/|\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$|(^|\/)test-utils?\.[cm]?[jt]sx?$/;
const TOOLING_DIR = /(^|\/)(scripts?|tools?|tooling|gulp|grunt|generators?|codemods?|\.github|\.husky|\.circleci)\//;
const TOOLING_FILE = /(^|\/)([\w.-]*\.config\.[cm]?[jt]s|(pre|post)install[\w.-]*\.[cm]?[jt]s|gulpfile[\w.-]*|gruntfile[\w.-]*|Jakefile[\w.-]*)$/i;

export function fileRole(filePath: string): FileRole {
  const normalized = filePath.replace(/\\/g, '/');
  if (TEST_PATH.test(normalized)) return 'test';
  if (TOOLING_DIR.test(normalized) || TOOLING_FILE.test(normalized)) return 'tooling';
  return 'application';
}
