/**
 * Binding: resolves an expression to the path of the storage API it denotes, through
 * the scope manager's references to imports, `require` (with destructuring,
 * `.promises`, `createRequire`), variables, `await`, `new`, class inheritance and type
 * annotations. Paths are what the vocabulary matches (see rules/vocabulary/README.md).
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from './ast';
import type { ScopeManager, Variable, Reference } from '@typescript-eslint/scope-manager';
import type { Path, Vocabulary } from './vocabulary';
import type { ExternalFunction, Project } from './project';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
const MAX_DEPTH = 24;

export class Binder {
  private readonly referenceOf = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, Reference>();
  private readonly pathCache = new Map<TSESTree.Node, Path | null>();
  private readonly declaredVariables = new Map<TSESTree.Identifier, Variable>();

  readonly project: Project | undefined;
  readonly filePath: string | undefined;

  constructor(
    private readonly scopeManager: ScopeManager,
    readonly vocabulary: Vocabulary,
    context: { project?: Project; filePath?: string } = {},
  ) {
    this.project = context.project;
    this.filePath = context.filePath;
    for (const scope of scopeManager.scopes) {
      for (const ref of scope.references) this.referenceOf.set(ref.identifier, ref);
      for (const variable of scope.variables) {
        for (const id of variable.identifiers) this.declaredVariables.set(id, variable);
      }
    }
  }

  /** The variable an identifier refers to or declares; null for globals. */
  variableOf(id: TSESTree.Identifier): Variable | null {
    return this.referenceOf.get(id)?.resolved ?? this.declaredVariables.get(id) ?? null;
  }

  isGlobalReference(id: TSESTree.Identifier): boolean {
    const variable = this.variableOf(id);
    return variable === null || variable.defs.length === 0;
  }

  /** The callee of a call as written (`this.api.push` → ['this','api','push']), for config patterns. */
  writtenPath(node: TSESTree.Node, depth = 0): string[] | null {
    if (depth > MAX_DEPTH) return null;
    switch (node.type) {
      case T.Identifier:
        return [node.name];
      case T.ThisExpression:
        return ['this'];
      case T.MemberExpression: {
        const object = this.writtenPath(node.object, depth + 1);
        const prop = propertyName(node);
        return object && prop ? [...object, prop] : null;
      }
      case T.CallExpression: {
        const callee = this.writtenPath(node.callee, depth + 1);
        return callee ? appendCall(callee) : null;
      }
      case T.ChainExpression:
      case T.TSNonNullExpression:
      case T.TSAsExpression:
      case T.TSSatisfiesExpression:
      case T.AwaitExpression:
        return this.writtenPath(unwrapOne(node), depth + 1);
      default:
        return null;
    }
  }

  /** The resolved path of an expression, or null when it denotes nothing we can name. */
  resolve(node: TSESTree.Node, depth = 0): Path | null {
    const cached = this.pathCache.get(node);
    if (cached !== undefined) return cached;
    if (depth > MAX_DEPTH) return null;
    // Cache a null first so cyclic definitions (`let a = b; let b = a`) terminate.
    this.pathCache.set(node, null);
    const raw = this.resolveUncached(node, depth);
    const result = raw ? this.vocabulary.canonicalize([...raw]) : null;
    this.pathCache.set(node, result);
    return result;
  }

  private resolveUncached(node: TSESTree.Node, depth: number): Path | null {
    switch (node.type) {
      case T.Identifier:
        return this.resolveIdentifier(node, depth);
      case T.ThisExpression:
        return ['this'];
      case T.MemberExpression: {
        const prop = propertyName(node) ?? '[]';
        if (node.object.type === T.ThisExpression) {
          const field = this.resolveThisField(node, prop, depth);
          if (field) return field;
        }
        const object = this.resolve(node.object, depth + 1);
        if (!object) return null;
        if (object.length === 1 && object[0] === '#global') return [prop];
        // `import * as sync from './sync'; sync.syncAll()` → that module's export.
        if (object.length === 1 && object[0].startsWith('@mod:') && object[0].endsWith('#*') && this.project) {
          return this.project.exportPath(object[0].slice(5, -2), prop);
        }
        if (object.length === 1 && object[0] === 'process' && prop === 'mainModule') return null;
        return [...object, prop];
      }
      case T.CallExpression: {
        const required = this.requiredModule(node, depth);
        if (required) return required;
        const callee = this.resolve(node.callee, depth + 1);
        return callee ? appendCall(callee) : null;
      }
      case T.NewExpression: {
        const callee = this.resolve(node.callee, depth + 1);
        return callee ? [...callee, 'new()'] : null;
      }
      case T.ImportExpression:
        return node.source.type === T.Literal && typeof node.source.value === 'string'
          ? this.modulePath(node.source.value)
          : null;
      case T.AwaitExpression:
      case T.ChainExpression:
      case T.TSNonNullExpression:
      case T.TSAsExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
        return this.resolve(unwrapOne(node), depth + 1);
      case T.LogicalExpression:
        return this.resolve(node.left, depth + 1) ?? this.resolve(node.right, depth + 1);
      case T.ConditionalExpression:
        return this.resolve(node.consequent, depth + 1) ?? this.resolve(node.alternate, depth + 1);
      case T.ClassExpression:
      case T.ClassDeclaration:
        return node.superClass ? this.resolve(node.superClass, depth + 1) : null;
      default:
        return null;
    }
  }

  private resolveIdentifier(id: TSESTree.Identifier, depth: number): Path | null {
    const variable = this.variableOf(id);
    if (!variable || variable.defs.length === 0) {
      if (id.name === 'undefined') return null;
      return GLOBAL_OBJECTS.has(id.name) ? ['#global'] : [id.name];
    }
    const def = variable.defs[0];
    switch (def.type) {
      case 'ImportBinding': {
        const node = def.node as TSESTree.Node;
        if (node.type === T.TSImportEqualsDeclaration) {
          // `import fs = require('fs')`
          const ref = node.moduleReference;
          if (ref.type === T.TSExternalModuleReference && ref.expression.type === T.Literal) return this.modulePath(String(ref.expression.value));
          return null;
        }
        return this.resolveImport(node, def.parent as TSESTree.Node | null);
      }
      case 'Variable': {
        const declarator = def.node as TSESTree.VariableDeclarator;
        const init = declarator.init ?? this.singleAssignedValue(variable);
        if (!init) return this.fromTypeAnnotation(def.name as TSESTree.Identifier, depth) ?? [`?${id.name}`];
        const base = this.resolve(init, depth + 1);
        if (!base) return this.fromTypeAnnotation(def.name as TSESTree.Identifier, depth) ?? [`?${id.name}`];
        const inPattern = patternPath(def.name as TSESTree.Identifier, declarator.id);
        return inPattern ? [...base, ...inPattern] : [`?${id.name}`];
      }
      case 'Parameter':
        return this.fromTypeAnnotation(def.name as TSESTree.Identifier, depth) ?? this.fromThenCallback(def.node as TSESTree.Node, def.name as TSESTree.Identifier, depth) ?? [`?${id.name}`];
      case 'ClassName': {
        const cls = def.node as TSESTree.ClassDeclaration;
        return (cls.superClass && this.resolve(cls.superClass, depth + 1)) ?? [`@cls:${this.filePath ?? ''}#${id.name}`];
      }
      case 'FunctionName':
        return [`@fn:${id.name}`];
      default:
        return [`?${id.name}`];
    }
  }

  /** `dbPromise.then((db) => db.put(...))`: the first parameter is what the promise resolves to. */
  private fromThenCallback(fn: TSESTree.Node, param: TSESTree.Identifier, depth: number): Path | null {
    if ((fn.type !== T.ArrowFunctionExpression && fn.type !== T.FunctionExpression) || fn.params[0] !== param) return null;
    const call = fn.parent;
    if (call?.type !== T.CallExpression || call.arguments[0] !== fn || call.callee.type !== T.MemberExpression) return null;
    if (propertyName(call.callee) !== 'then') return null;
    return this.resolve(call.callee.object, depth + 1);
  }

  /** `let db; ... db = await openDB()` — one assignment is as good as an initialiser. */
  private singleAssignedValue(variable: Variable): TSESTree.Expression | null {
    let value: TSESTree.Expression | null = null;
    for (const ref of variable.references) {
      if (!ref.isWrite() || !ref.writeExpr) continue;
      if (value) return null;
      value = ref.writeExpr as TSESTree.Expression;
    }
    return value;
  }

  /** `function f(store: Storage)` / `private db: IDBPDatabase<S>` → an instance of that type. */
  private fromTypeAnnotation(id: TSESTree.Identifier, depth: number): Path | null {
    const annotation = id.typeAnnotation?.typeAnnotation;
    if (!annotation || annotation.type !== T.TSTypeReference) return null;
    const name = annotation.typeName;
    let typePath: Path | null = null;
    if (name.type === T.Identifier) {
      const variable = this.variableOf(name);
      typePath = variable && variable.defs.length > 0 ? this.resolve(name, depth + 1) : [name.name];
    } else if (name.type === T.TSQualifiedName && name.left.type === T.Identifier) {
      const left = this.resolve(name.left, depth + 1);
      typePath = left ? [...left, name.right.name] : null;
    }
    if (!typePath || typePath[0].startsWith('?') || typePath[0].startsWith('@')) return null;
    return [...typePath, 'new()'];
  }

  private resolveThisField(node: TSESTree.MemberExpression, prop: string, depth: number): Path | null {
    const cls = enclosingClass(node);
    if (!cls) return null;
    for (const member of cls.body.body) {
      if (
        (member.type === T.PropertyDefinition || member.type === T.TSAbstractPropertyDefinition) &&
        !member.computed &&
        member.key.type === T.Identifier &&
        member.key.name === prop
      ) {
        if (member.value) return this.resolve(member.value, depth + 1);
        const annotated = member.typeAnnotation ? this.fromTypeAnnotation({ ...member.key, typeAnnotation: member.typeAnnotation } as TSESTree.Identifier, depth) : null;
        if (annotated) return annotated;
      }
      if (member.type === T.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type === T.TSParameterProperty && param.parameter.type === T.Identifier && param.parameter.name === prop) {
            return this.fromTypeAnnotation(param.parameter, depth);
          }
        }
        const assigned = findThisAssignment(member.value.body, prop);
        if (assigned) return this.resolve(assigned, depth + 1);
      }
    }
    return null;
  }

  private resolveImport(specifier: TSESTree.Node, declaration: TSESTree.Node | null): Path | null {
    if (!declaration || declaration.type !== T.ImportDeclaration) return null;
    const source = String(declaration.source.value);
    if (this.project && this.filePath && !this.vocabulary.moduleRoot(source)) {
      const name =
        specifier.type === T.ImportNamespaceSpecifier
          ? '*'
          : specifier.type === T.ImportDefaultSpecifier
            ? 'default'
            : specifier.type === T.ImportSpecifier
              ? specifier.imported.type === T.Identifier
                ? specifier.imported.name
                : String(specifier.imported.value)
              : null;
      const fromProject = name ? this.project.importPath(this.filePath, source, name) : null;
      if (fromProject) return fromProject;
    }
    const root = this.modulePath(source);
    switch (specifier.type) {
      case T.ImportNamespaceSpecifier:
      case T.ImportDefaultSpecifier:
        return root;
      case T.ImportSpecifier: {
        const imported = specifier.imported.type === T.Identifier ? specifier.imported.name : String(specifier.imported.value);
        return imported === 'default' ? root : [...root, imported];
      }
      default:
        return null;
    }
  }

  modulePath(specifier: string): string[] {
    const known = this.vocabulary.moduleRoot(specifier);
    if (known) return known;
    // An unknown module keeps its specifier as one segment, so it can never match a
    // vocabulary pattern by accident (`import:./db`).
    return [`import:${specifier}`];
  }

  /** `require('fs')`, `module.require('fs')`, and functions made by `createRequire(...)`. */
  private requiredModule(call: TSESTree.CallExpression, depth: number): Path | null {
    const arg = call.arguments[0];
    if (!arg || arg.type !== T.Literal || typeof arg.value !== 'string') return null;
    const callee = call.callee;
    if (callee.type === T.Identifier) {
      if (callee.name === 'require' && this.isGlobalReference(callee)) return this.modulePath(arg.value);
      const calleePath = this.resolve(callee, depth + 1);
      if (calleePath && calleePath.length === 1 && calleePath[0] === 'module.createRequire()') return this.modulePath(arg.value);
      if (calleePath && calleePath.join('.') === 'import:module.createRequire()') return this.modulePath(arg.value);
      if (calleePath && calleePath.join('.') === 'import:node:module.createRequire()') return this.modulePath(arg.value);
    }
    if (
      callee.type === T.MemberExpression &&
      callee.object.type === T.Identifier &&
      callee.object.name === 'module' &&
      propertyName(callee) === 'require'
    ) {
      return this.modulePath(arg.value);
    }
    return null;
  }

  /**
   * A function in another project file (an imported function, a method of an imported
   * class's instance) or a method of an instance of a class declared in this file.
   */
  externalFunction(callee: TSESTree.Node): ExternalFunction | { fn: FunctionNode; module: null; name: string } | null {
    const p = this.resolve(callee);
    if (!p) return null;
    const root = p[0];
    const own = `@cls:${this.filePath ?? ''}#`;
    if (root.startsWith(own) && p.length === 3 && p[1] === 'new()') {
      const method = this.classMethod(root.slice(own.length), p[2]);
      return method ? { fn: method, module: null, name: p[2] } : null;
    }
    return this.project ? this.project.functionFor(p) : null;
  }

  private classMethod(className: string, method: string): FunctionNode | null {
    for (const scope of this.scopeManager.scopes) {
      const variable = scope.set.get(className);
      const def = variable?.defs.find((d) => d.type === 'ClassName');
      if (!def) continue;
      const cls = def.node as TSESTree.ClassDeclaration;
      for (const member of cls.body.body) {
        if (member.type === T.MethodDefinition && member.kind === 'method' && !member.computed && member.key.type === T.Identifier && member.key.name === method && member.value.type === T.FunctionExpression && member.value.body) {
          return member.value;
        }
        if (member.type === T.PropertyDefinition && !member.computed && member.key.type === T.Identifier && member.key.name === method) return asFunction(member.value);
      }
    }
    return null;
  }

  /** The same-file function a callee denotes: declarations, `const f = () => {}`, `this.m()`, `obj.m()`. */
  localFunction(callee: TSESTree.Node): FunctionNode | null {
    if (callee.type === T.Identifier) {
      const variable = this.variableOf(callee);
      const def = variable?.defs[0];
      if (!def) return null;
      if (def.type === 'FunctionName') {
        // `declare function f()` and overload signatures have no body to summarise.
        const fn = def.node as TSESTree.Node;
        return fn.type === T.FunctionDeclaration && fn.body ? fn : null;
      }
      if (def.type === 'Variable') {
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== T.Identifier) return null;
        return asFunction(declarator.init);
      }
      return null;
    }
    if (callee.type === T.MemberExpression) {
      const prop = propertyName(callee);
      if (!prop) return null;
      if (callee.object.type === T.ThisExpression) {
        const cls = enclosingClass(callee);
        if (!cls) return null;
        for (const member of cls.body.body) {
          if (member.type === T.MethodDefinition && !member.computed && member.key.type === T.Identifier && member.key.name === prop && member.kind === 'method') {
            // Overload signatures come first and have no body; keep looking for the implementation.
            if (member.value.type === T.FunctionExpression && member.value.body) return member.value;
          }
          if (member.type === T.PropertyDefinition && !member.computed && member.key.type === T.Identifier && member.key.name === prop) {
            return asFunction(member.value);
          }
        }
        return null;
      }
      if (callee.object.type === T.Identifier) {
        const variable = this.variableOf(callee.object);
        const def = variable?.defs[0];
        if (def?.type === 'Variable') {
          const init = (def.node as TSESTree.VariableDeclarator).init;
          if (init?.type === T.ObjectExpression) {
            for (const p of init.properties) {
              if (p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === prop) return asFunction(p.value);
            }
          }
        }
      }
    }
    return null;
  }
}

export function propertyName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) return node.property.type === T.Identifier ? node.property.name : node.property.type === T.PrivateIdentifier ? `#${node.property.name}` : null;
  const p = node.property;
  if (p.type === T.Literal && (typeof p.value === 'string' || typeof p.value === 'number')) return String(p.value);
  if (p.type === T.TemplateLiteral && p.expressions.length === 0) return p.quasis[0].value.cooked ?? null;
  return null;
}

function appendCall(path: Path): string[] {
  const out = [...path];
  out[out.length - 1] = `${out[out.length - 1]}()`;
  return out;
}

function unwrapOne(node: TSESTree.Node): TSESTree.Node {
  switch (node.type) {
    case T.AwaitExpression:
      return node.argument;
    case T.ChainExpression:
      return node.expression;
    case T.TSNonNullExpression:
    case T.TSAsExpression:
    case T.TSSatisfiesExpression:
    case T.TSTypeAssertion:
      return node.expression;
    default:
      return node;
  }
}

/** Property path from a destructuring pattern's root to one of its identifiers. */
function patternPath(target: TSESTree.Identifier, pattern: TSESTree.Node): string[] | null {
  if (pattern === target) return [];
  switch (pattern.type) {
    case T.ObjectPattern:
      for (const prop of pattern.properties) {
        if (prop.type === T.RestElement) continue;
        const key = !prop.computed && prop.key.type === T.Identifier ? prop.key.name : prop.key.type === T.Literal ? String(prop.key.value) : null;
        const inner = patternPath(target, prop.value);
        if (inner) return key ? [key, ...inner] : null;
      }
      return null;
    case T.ArrayPattern:
      for (const element of pattern.elements) {
        if (!element) continue;
        const inner = patternPath(target, element);
        if (inner) return ['[]', ...inner];
      }
      return null;
    case T.AssignmentPattern:
      return patternPath(target, pattern.left);
    default:
      return null;
  }
}

function asFunction(node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  if (node.type === T.ArrowFunctionExpression || node.type === T.FunctionExpression) return node;
  return null;
}

export function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let current: TSESTree.Node | undefined = node.parent;
  let crossedPlainFunction = false;
  while (current) {
    if (current.type === T.ClassBody) return crossedPlainFunction ? null : (current.parent as TSESTree.ClassDeclaration);
    // `this` inside a non-arrow function nested in a method is not the instance.
    if ((current.type === T.FunctionExpression || current.type === T.FunctionDeclaration) && current.parent?.type !== T.MethodDefinition && current.parent?.type !== T.PropertyDefinition) {
      crossedPlainFunction = true;
    }
    current = current.parent;
  }
  return null;
}

function findThisAssignment(body: TSESTree.BlockStatement | null | undefined, prop: string): TSESTree.Expression | null {
  if (!body) return null;
  for (const stmt of body.body) {
    if (
      stmt.type === T.ExpressionStatement &&
      stmt.expression.type === T.AssignmentExpression &&
      stmt.expression.left.type === T.MemberExpression &&
      stmt.expression.left.object.type === T.ThisExpression &&
      propertyName(stmt.expression.left) === prop
    ) {
      return stmt.expression.right;
    }
  }
  return null;
}
