/**
 * Cross-file knowledge: what an import from another project file denotes. A Dexie
 * instance exported by `db.ts` is storage in every file that imports it; `syncAll`
 * from `sync-service.ts` is judged by what its body really does (a summary computed
 * bottom-up, on demand, through re-exports, aliases and cycles).
 *
 * Files are read through the shell's host and analysed once per Project; the shell
 * decides a Project's lifetime (one CLI run, or the language server's workspace with
 * `invalidate` on change).
 */
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { T } from './ast';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { Binder, type FunctionNode } from './bind';
import { FlowAnalysis, type FunctionSummary } from './flow';
import { ModuleResolver, type ProjectHost } from './module-resolution';
import { isParseFailure, isSupportedFile, MAX_TREE_DEPTH, parseSource, type ParsedFile } from './parse';
import type { Path } from './vocabulary';
import { vocabularyFor } from './vocabulary';
import type { VocabularyExtension } from './types';

export type { ProjectHost } from './module-resolution';

export interface ModuleAnalysis {
  file: string;
  /** The text analysed (BOM removed), so a linter of the same text can reuse the parse. */
  text: string;
  ast: TSESTree.Program;
  scopeManager: ScopeManager;
  /** The tree's depth (within the limit: deeper files are not analysed). */
  depth: number;
  binder: Binder;
  flow: FlowAnalysis;
}

export interface ExternalFunction {
  fn: FunctionNode;
  module: ModuleAnalysis;
  name: string;
}

type ExportTarget = { node: TSESTree.Node; module: ModuleAnalysis } | null;

const MODULE_PREFIX = '@mod:';
const CLASS_PREFIX = '@cls:';
const MAX_REEXPORT_DEPTH = 16;

export class Project {
  readonly resolver: ModuleResolver;
  private readonly modules = new Map<string, ModuleAnalysis | null>();
  private readonly summariesInProgress = new Set<FunctionNode>();
  /** `file\0name` → what that export denotes; cleared whenever a module is forgotten or rebound. */
  private readonly exportTargets = new Map<string, ExportTarget>();
  /** Characters of source held by the module analyses in `modules`. */
  private heldChars = 0;

  /** Characters of source this project holds parsed (what `trim` bounds). */
  get sourceHeld(): number {
    return this.heldChars;
  }
  /** file → files that imported something from it (for refreshing dependents). */
  private readonly importers = new Map<string, Set<string>>();
  /** file → project files it imported from. */
  private readonly imports = new Map<string, Set<string>>();
  /**
   * Bumped whenever a summary is cut short by a cycle. A summary computed while the
   * epoch moved depends on where the cycle was entered, so it is not remembered: results
   * must not depend on the order files are linted in (workers, caches, the editor).
   */
  cycleEpoch = 0;

  constructor(
    private readonly host: ProjectHost,
    root: string,
    private readonly vocabularyExtension: VocabularyExtension = {},
  ) {
    this.resolver = new ModuleResolver(host, root);
  }

  /** Parses and binds a project file once; null when it cannot be read or parsed. */
  module(file: string): ModuleAnalysis | null {
    if (this.modules.has(file)) {
      const known = this.modules.get(file)!;
      // Most recently used last: `trim` forgets from the front.
      this.modules.delete(file);
      this.modules.set(file, known);
      return known;
    }
    this.modules.set(file, null); // cycles through imports see "unknown" while we work
    if (!isSupportedFile(file) || file.endsWith('.d.ts')) return null;
    const text = this.host.readFile(file);
    if (text === undefined) return null;
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const parsed = parseSource(source, file);
    // Too deep to analyse here as well as on its own: its exports stay unknown.
    if (isParseFailure(parsed)) return null;
    // `parseSource` measures the depth while it sets parents.
    const depth = parsed.depth!;
    if (depth > MAX_TREE_DEPTH) return null;
    const binder = new Binder(parsed.scopeManager, vocabularyFor(this.vocabularyExtension), { project: this, filePath: file });
    const analysis: ModuleAnalysis = { file, text: source, ast: parsed.ast, scopeManager: parsed.scopeManager, depth, binder, flow: new FlowAnalysis(binder, parsed.ast) };
    this.modules.set(file, analysis);
    this.heldChars += source.length;
    return analysis;
  }

  /**
   * The parse of `file` when the project holds (or can read) exactly `text`: a file that is
   * both linted and imported is parsed once. Null when the text differs (an unsaved buffer,
   * a later fix pass) — the caller parses its own.
   */
  parsedFor(file: string, text: string): ParsedFile | null {
    const module = this.module(file);
    return module && module.text === text ? { ast: module.ast, scopeManager: module.scopeManager, depth: module.depth } : null;
  }

  /**
   * Forget a file (it changed) and everything that was derived from it. The files that
   * import it keep their parse (their text is the same; parsing is most of the cost of
   * looking into a file) and lose their binding and summaries.
   */
  invalidate(file: string): string[] {
    const affected = new Set<string>();
    const stack = [file];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (affected.has(f)) continue;
      affected.add(f);
      if (f === file) this.forget(f);
      else this.rebind(f);
      this.imports.delete(f);
      for (const importer of this.importers.get(f) ?? []) stack.push(importer);
    }
    return [...affected].filter((f) => f !== file);
  }

  /**
   * Forgets the least recently used module analyses while they hold more than `maxChars` of
   * source (a module's trees and summaries take about a hundred times its size). A module
   * needed again is parsed again and gives the same summaries; what was recorded about
   * imports stays. Only between analyses: no summary may be in progress.
   */
  trim(maxChars: number): void {
    if (this.heldChars <= maxChars || this.summariesInProgress.size > 0) return;
    for (const [file, module] of this.modules) {
      if (this.heldChars <= maxChars * 0.75) break;
      if (module) this.forget(file);
    }
  }

  /** Files were created or deleted: imports may resolve differently, and lookups through them too. */
  clearResolutions(): void {
    this.resolver.clearCache();
    this.exportTargets.clear();
  }

  private forget(file: string): void {
    // A file never looked into is in no remembered export lookup: an open document that
    // nothing imports is forgotten after every analysis, and must not cost the barrels.
    if (!this.modules.has(file)) return;
    this.exportTargets.clear();
    const module = this.modules.get(file);
    if (module) this.heldChars -= module.text.length;
    this.modules.delete(file);
  }

  private rebind(file: string): void {
    this.exportTargets.clear();
    const module = this.modules.get(file);
    if (!module) return;
    module.binder = new Binder(module.scopeManager, vocabularyFor(this.vocabularyExtension), { project: this, filePath: file });
    module.flow = new FlowAnalysis(module.binder, module.ast);
  }

  /** Project files `file`'s analysis looked into, directly or through others (for cache keys). */
  dependenciesOf(file: string): string[] {
    const seen = new Set<string>();
    const stack = [...(this.imports.get(file) ?? [])];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f) || f === file) continue;
      seen.add(f);
      stack.push(...(this.imports.get(f) ?? []));
    }
    return [...seen].sort();
  }

  /** Files that import `file`, directly or through others. */
  dependentsOf(file: string): string[] {
    const seen = new Set<string>();
    const stack = [...(this.importers.get(file) ?? [])];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...(this.importers.get(f) ?? []));
    }
    return [...seen];
  }

  /**
   * What `import { name } from specifier` (or `default`, or `*`) in `fromFile` denotes:
   * the storage path of an exported value when it has one, else a reference to the
   * export that calls can be judged by. Null when the specifier is not a project file.
   */
  importPath(fromFile: string, specifier: string, name: string): Path | null {
    const file = this.resolver.resolve(fromFile, specifier);
    if (!file) return null;
    let set = this.importers.get(file);
    if (!set) this.importers.set(file, (set = new Set()));
    set.add(fromFile);
    let out = this.imports.get(fromFile);
    if (!out) this.imports.set(fromFile, (out = new Set()));
    out.add(file);
    return this.exportPath(file, name);
  }

  exportPath(file: string, name: string): Path {
    if (name === '*') return [`${MODULE_PREFIX}${file}#*`];
    const target = this.exportTarget(file, name, 0);
    if (target) {
      const node = target.node;
      // An exported storage value (`export const db = new AppDb()`) is that storage here too.
      if (node.type !== T.FunctionDeclaration && node.type !== T.FunctionExpression && node.type !== T.ArrowFunctionExpression && node.type !== T.ClassDeclaration && node.type !== T.ClassExpression) {
        const resolved = target.module.binder.resolve(node);
        if (resolved && !resolved[0].startsWith('?')) return resolved;
      }
      if (node.type === T.ClassDeclaration || node.type === T.ClassExpression) {
        const resolved = target.module.binder.resolve(node);
        if (resolved) return resolved;
      }
    }
    return [`${MODULE_PREFIX}${file}#${name}`];
  }

  /** The function a path denotes: an exported function, or a method of a project class instance. */
  functionFor(p: Path): ExternalFunction | null {
    const root = p[0];
    if (root.startsWith(MODULE_PREFIX) && p.length === 1) {
      const [file, name] = splitRef(root.slice(MODULE_PREFIX.length));
      const target = this.exportTarget(file, name, 0);
      if (!target) return null;
      const fn = asFunction(target.node);
      return fn ? { fn, module: target.module, name: name === 'default' ? path.basename(file).replace(/\.[^.]+$/, '') : name } : null;
    }
    if ((root.startsWith(MODULE_PREFIX) || root.startsWith(CLASS_PREFIX)) && p.length === 3 && p[1] === 'new()') {
      const [file, name] = splitRef(root.slice(root.startsWith(MODULE_PREFIX) ? MODULE_PREFIX.length : CLASS_PREFIX.length));
      const target = root.startsWith(MODULE_PREFIX) ? this.exportTarget(file, name, 0) : this.classTarget(file, name);
      const cls = target?.node;
      if (!cls || (cls.type !== T.ClassDeclaration && cls.type !== T.ClassExpression)) return null;
      const method = p[2];
      for (const member of cls.body.body) {
        if (member.type === T.MethodDefinition && member.kind === 'method' && !member.computed && member.key.type === T.Identifier && member.key.name === method && member.value.body) {
          return { fn: member.value as TSESTree.FunctionExpression, module: target!.module, name: method };
        }
        if (member.type === T.PropertyDefinition && !member.computed && member.key.type === T.Identifier && member.key.name === method) {
          const fn = asFunction(member.value);
          if (fn) return { fn, module: target!.module, name: method };
        }
      }
    }
    return null;
  }

  /** Cross-file summaries, with recursion through import cycles cut at the repeat. */
  summaryOf(external: ExternalFunction): FunctionSummary | null {
    if (this.summariesInProgress.has(external.fn)) {
      this.cycleEpoch++;
      return null;
    }
    this.summariesInProgress.add(external.fn);
    try {
      return external.module.flow.summaryOf(external.fn);
    } finally {
      this.summariesInProgress.delete(external.fn);
    }
  }

  private classTarget(file: string, name: string): ExportTarget {
    const module = this.module(file);
    if (!module) return null;
    for (const stmt of module.ast.body) {
      const decl = stmt.type === T.ExportNamedDeclaration || stmt.type === T.ExportDefaultDeclaration ? stmt.declaration : stmt;
      if (decl && decl.type === T.ClassDeclaration && decl.id?.name === name) return { node: decl, module };
    }
    return null;
  }

  /** Follows `export { a as b }`, `export * from`, `export { x } from` and default exports to the declaring node. */
  private exportTarget(file: string, name: string, depth: number): ExportTarget {
    // Barrels (`export * from …` over dozens of modules) are asked for the same names by
    // every importer. Only whole lookups are remembered: one cut short by the depth limit
    // part-way is not the answer from the top.
    if (depth === 0) {
      const key = `${file}\0${name}`;
      if (this.exportTargets.has(key)) return this.exportTargets.get(key)!;
      const target = this.exportTarget(file, name, 1);
      this.exportTargets.set(key, target);
      return target;
    }
    if (depth > MAX_REEXPORT_DEPTH) return null;
    const module = this.module(file);
    if (!module) return null;
    const stars: string[] = [];
    for (const stmt of module.ast.body) {
      if (stmt.type === T.ExportDefaultDeclaration && name === 'default') {
        const decl = stmt.declaration;
        if (decl.type === T.Identifier) return this.localDeclaration(module, decl.name);
        return { node: decl, module };
      }
      if (stmt.type === T.ExportNamedDeclaration) {
        if (stmt.declaration) {
          const found = declarationNamed(stmt.declaration, name);
          if (found) return { node: found, module };
        }
        for (const spec of stmt.specifiers) {
          const exported = spec.exported.type === T.Identifier ? spec.exported.name : String(spec.exported.value);
          if (exported !== name) continue;
          const local = spec.local.type === T.Identifier ? spec.local.name : String(spec.local.value);
          if (stmt.source) {
            const from = this.resolver.resolve(file, String(stmt.source.value));
            return from ? this.exportTarget(from, local, depth + 1) : null;
          }
          return this.localDeclaration(module, local);
        }
      }
      if (stmt.type === T.ExportAllDeclaration && !stmt.exported) {
        const from = this.resolver.resolve(file, String(stmt.source.value));
        if (from) stars.push(from);
      }
    }
    for (const from of stars) {
      const found = this.exportTarget(from, name, depth + 1);
      if (found) return found;
    }
    return null;
  }

  /** `function f() {}` / `const f = …` / `class C {}` / `import { f } from './x'` at the top level. */
  private localDeclaration(module: ModuleAnalysis, name: string): ExportTarget {
    for (const stmt of module.ast.body) {
      const decl = stmt.type === T.ExportNamedDeclaration ? stmt.declaration : stmt;
      if (!decl) continue;
      const found = declarationNamed(decl, name);
      if (found) return { node: found, module };
      if (decl.type === T.ImportDeclaration) {
        for (const spec of decl.specifiers) {
          if (spec.local.name !== name) continue;
          const from = this.resolver.resolve(module.file, String(decl.source.value));
          if (!from) return null;
          const imported = spec.type === T.ImportSpecifier ? (spec.imported.type === T.Identifier ? spec.imported.name : String(spec.imported.value)) : 'default';
          return spec.type === T.ImportNamespaceSpecifier ? null : this.exportTarget(from, imported, 1);
        }
      }
    }
    return null;
  }
}

function declarationNamed(decl: TSESTree.Node, name: string): TSESTree.Node | null {
  if ((decl.type === T.FunctionDeclaration || decl.type === T.ClassDeclaration) && decl.id?.name === name) return decl;
  if (decl.type === T.VariableDeclaration) {
    for (const d of decl.declarations) {
      if (d.id.type === T.Identifier && d.id.name === name && d.init) return d.init;
    }
  }
  return null;
}

function asFunction(node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  if (node.type === T.FunctionDeclaration) return node.body ? node : null;
  if (node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression) return node;
  return null;
}

function splitRef(ref: string): [string, string] {
  const hash = ref.lastIndexOf('#');
  return [ref.slice(0, hash), ref.slice(hash + 1)];
}
