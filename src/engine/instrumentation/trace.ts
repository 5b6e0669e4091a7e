import {
  Node,
  type BindingElement,
  type ElementAccessExpression,
  type ParameterDeclaration,
  type PropertyAccessExpression,
  type Symbol as TsSymbol,
  type Type,
  type TypeNode,
  type ts,
} from 'ts-morph';
import type { CatalogEntry, EntryTable } from './catalogEntries.js';
import { declaredIn, isLibraryModule, resolvedSymbol } from './symbols.js';

/** What an expression holding an instrument was traced to. */
export interface Trace {
  /** The catalog entries whose instrument the expression may hold. */
  readonly entries: ReadonlySet<CatalogEntry>;
  /** False when some path could not be followed (an untyped parameter, a computed key): `entries` may miss some. */
  readonly complete: boolean;
}

const NONE: Trace = { entries: new Set(), complete: true };
const UNKNOWN: Trace = { entries: new Set(), complete: false };

function merge(traces: readonly Trace[]): Trace {
  return { entries: new Set(traces.flatMap((t) => [...t.entries])), complete: traces.every((t) => t.complete) };
}

const isPromClientModule = (file: string) => isLibraryModule(file, 'catalog/promClient');

/** An instrument type: one whose methods the library's instrument types declare. */
function holdsInstrument(type: Type): boolean {
  return type.getProperties().some((p) => declaredIn(p, isPromClientModule));
}

const isInstrumentsAlias = (alias: TsSymbol) => alias.getName() === 'Instruments' && declaredIn(alias, isPromClientModule);

/**
 * `typeof gateway` when `type` is `Instruments<typeof gateway>`, also under an alias of it
 * (`type GatewayInstruments = Instruments<typeof gateway>`), which the checker reports as the
 * alias without type arguments.
 */
function instrumentedCatalog(type: Type): Type | undefined {
  const alias = type.getAliasSymbol();
  if (!alias) return undefined;
  if (isInstrumentsAlias(alias)) return type.getAliasTypeArguments()[0];
  const seen = new Set<TsSymbol>();
  const viaDeclaration = (symbol: TsSymbol): Type | undefined => {
    if (seen.has(symbol)) return undefined;
    seen.add(symbol);
    for (const d of symbol.getDeclarations()) {
      const node = Node.isTypeAliasDeclaration(d) ? d.getTypeNode() : undefined;
      if (!Node.isTypeReference(node)) continue;
      const name = node.getTypeName();
      const target = resolvedSymbol(Node.isQualifiedName(name) ? name.getRight() : name);
      if (!target) continue;
      if (isInstrumentsAlias(target)) return node.getTypeArguments()[0]?.getType();
      const deeper = viaDeclaration(target);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return viaDeclaration(alias);
}

/** `'requests'` or `'requests' | 'tokens'`; undefined for a key the checker cannot narrow to literals. */
function literalKeys(type: Type): string[] | undefined {
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const keys = parts.map((t) => (t.isStringLiteral() ? String(t.getLiteralValue()) : undefined));
  return keys.every((k) => k !== undefined) ? keys : undefined;
}

/** Strips what does not change the value: parentheses, `!`, `as`, `satisfies`. */
function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isNonNullExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isTypeAssertion(n)) {
    n = n.getExpression();
  }
  return n;
}

/** The name a function is called by: its own, or the variable or property holding it. */
function calledName(fn: Node): Node | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getNameNode();
  if (Node.isConstructorDeclaration(fn)) return fn.getParent().getNameNode();
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const holder = fn.getParent();
    if (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder) || Node.isPropertyDeclaration(holder)) return holder.getNameNode();
  }
  return undefined;
}

/** A reference that only names the function without using its value: an import, an export, a type. */
function isDeclarationOnly(ref: Node): boolean {
  const parent = ref.getParent();
  return (
    Node.isImportSpecifier(parent) ||
    Node.isExportSpecifier(parent) ||
    Node.isImportClause(parent) ||
    Node.isTypeQuery(parent) ||
    Node.isTypeReference(parent) ||
    Node.isExpressionWithTypeArguments(parent)
  );
}

/**
 * Follows the value of an expression back to the catalog entry whose instrument it holds,
 * with the type checker: through property accesses on `Instruments<typeof catalog>` (whose
 * properties are declared by the catalog's entries, the mapped type being homomorphic),
 * variables, destructuring, class fields, `for (const c of [m.a, m.b])`, type aliases such as
 * `GatewayInstruments['tokens']`, and the arguments of a helper's call sites.
 */
export class InstrumentTracer {
  private readonly cache = new Map<ts.Node, Trace>();
  /** Declarations being traced: reaching one again adds nothing. */
  private readonly active = new Set<ts.Node>();

  constructor(private readonly table: EntryTable) {}

  expression(expr: Node): Trace {
    const node = unwrap(expr);
    if (Node.isConditionalExpression(node)) return merge([this.expression(node.getWhenTrue()), this.expression(node.getWhenFalse())]);
    if (Node.isBinaryExpression(node) && ['??', '||'].includes(node.getOperatorToken().getText())) {
      return merge([this.expression(node.getLeft()), this.expression(node.getRight())]);
    }
    if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) return this.member(node);
    if (Node.isIdentifier(node)) return this.symbol(node.getSymbol());
    return UNKNOWN;
  }

  private member(node: PropertyAccessExpression | ElementAccessExpression): Trace {
    const objectType = node.getExpression().getType();
    if (Node.isPropertyAccessExpression(node)) {
      const symbol = node.getNameNode().getSymbol();
      return symbol ? this.property(symbol, node, objectType) : UNKNOWN;
    }
    const argument = node.getArgumentExpression();
    const keys = argument ? literalKeys(argument.getType()) : undefined;
    if (!keys) return UNKNOWN;
    return merge(keys.map((k) => {
      const symbol = objectType.getProperty(k);
      return symbol ? this.property(symbol, node, objectType) : UNKNOWN;
    }));
  }

  /** A property read off `objectType` at `at`: an instrument of an entry, or a field holding one. */
  private property(symbol: TsSymbol, at: Node, objectType: Type | undefined): Trace {
    const entry = this.table.declaredBy(symbol);
    if (entry) return holdsInstrument(symbol.getTypeAtLocation(at)) ? { entries: new Set([entry]), complete: true } : NONE;
    const catalogType = objectType && instrumentedCatalog(objectType);
    const byKey = catalogType && this.table.byType(catalogType.compilerType, symbol.getName());
    if (byKey) return { entries: new Set([byKey]), complete: true };
    return this.symbol(symbol);
  }

  private symbol(symbol: TsSymbol | undefined): Trace {
    if (!symbol) return UNKNOWN;
    const target = symbol.getAliasedSymbol() ?? symbol;
    const declarations = target.getDeclarations();
    return declarations.length === 0 ? UNKNOWN : merge(declarations.map((d) => this.declaration(d)));
  }

  private declaration(decl: Node): Trace {
    const key = decl.compilerNode;
    if (this.active.has(key)) return NONE;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.active.add(key);
    try {
      const trace = this.declarationUncached(decl);
      this.cache.set(key, trace);
      return trace;
    } finally {
      this.active.delete(key);
    }
  }

  private declarationUncached(decl: Node): Trace {
    if (Node.isVariableDeclaration(decl) || Node.isPropertyDeclaration(decl) || Node.isPropertySignature(decl)) {
      const typeNode = decl.getTypeNode();
      const typed = typeNode ? this.typeNode(typeNode) : UNKNOWN;
      if (typed.complete) return typed;
      const initializer = Node.isPropertySignature(decl) ? undefined : decl.getInitializer();
      if (initializer) return this.expression(initializer);
      const loop = decl.getParent()?.getParent();
      if (Node.isForOfStatement(loop)) {
        const items = unwrap(loop.getExpression());
        return Node.isArrayLiteralExpression(items) ? merge(items.getElements().map((e) => this.expression(e))) : UNKNOWN;
      }
      return Node.isPropertySignature(decl) ? typed : this.assignments(decl.getNameNode());
    }
    if (Node.isBindingElement(decl)) return this.binding(decl);
    if (Node.isParameterDeclaration(decl)) {
      const typeNode = decl.getTypeNode();
      const typed = typeNode ? this.typeNode(typeNode) : UNKNOWN;
      return typed.complete ? typed : this.callArguments(decl);
    }
    if (Node.isPropertyAssignment(decl)) {
      const initializer = decl.getInitializer();
      return initializer ? this.expression(initializer) : UNKNOWN;
    }
    if (Node.isShorthandPropertyAssignment(decl)) return this.symbol(decl.getValueSymbol());
    if (Node.isTypeAliasDeclaration(decl)) {
      const typeNode = decl.getTypeNode();
      return typeNode ? this.typeNode(typeNode) : UNKNOWN;
    }
    return UNKNOWN;
  }

  /** `GatewayInstruments['tokens']`, an alias of it, or a union of such. */
  private typeNode(node: TypeNode): Trace {
    if (Node.isParenthesizedTypeNode(node)) return this.typeNode(node.getTypeNode());
    if (Node.isUnionTypeNode(node)) return merge(node.getTypeNodes().map((t) => this.typeNode(t)));
    if (Node.isIndexedAccessTypeNode(node)) {
      const objectType = node.getObjectTypeNode().getType();
      const keys = literalKeys(node.getIndexTypeNode().getType());
      if (!keys) return UNKNOWN;
      return merge(keys.map((k) => {
        const symbol = objectType.getProperty(k);
        return symbol ? this.property(symbol, node, objectType) : UNKNOWN;
      }));
    }
    if (Node.isTypeReference(node)) {
      const name = node.getTypeName();
      return this.symbol(resolvedSymbol(Node.isQualifiedName(name) ? name.getRight() : name));
    }
    return UNKNOWN;
  }

  /** `const { requests } = m` or `{ tokens: t }` in a parameter: the property of the destructured type. */
  private binding(decl: BindingElement): Trace {
    const pattern = decl.getParent();
    if (!Node.isObjectBindingPattern(pattern) || decl.getDotDotDotToken()) return UNKNOWN;
    const nameNode = decl.getPropertyNameNode() ?? decl.getNameNode();
    const key = Node.isIdentifier(nameNode) ? nameNode.getText() : Node.isStringLiteral(nameNode) ? nameNode.getLiteralText() : undefined;
    if (key === undefined) return UNKNOWN;
    const objectType = pattern.getType();
    const symbol = objectType.getProperty(key);
    return symbol ? this.property(symbol, decl, objectType) : UNKNOWN;
  }

  /** What every call site of the parameter's function passes in its position. */
  private callArguments(param: ParameterDeclaration): Trace {
    const fn = param.getParent();
    const name = calledName(fn);
    if (!name || param.isRestParameter() || !Node.isReferenceFindable(name)) return UNKNOWN;
    if (!Node.isFunctionLikeDeclaration(fn)) return UNKNOWN;
    const index = fn.getParameters().indexOf(param);
    const traces: Trace[] = [];
    for (const ref of name.findReferencesAsNodes()) {
      if (ref === name || isDeclarationOnly(ref)) continue;
      const parent = ref.getParent();
      const callee = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === ref ? parent : ref;
      const call = callee.getParent();
      if (!(Node.isCallExpression(call) || Node.isNewExpression(call)) || call.getExpression() !== callee) {
        traces.push(UNKNOWN); // passed on as a value: its calls cannot be followed
        continue;
      }
      const args = call.getArguments();
      if (args.slice(0, index + 1).some((a) => Node.isSpreadElement(a))) traces.push(UNKNOWN);
      else if (args[index]) traces.push(this.expression(args[index]));
    }
    return merge(traces);
  }

  /** `let c; ... c = m.requests` or a field set in the constructor: every value assigned to the name. */
  private assignments(name: Node): Trace {
    if (!Node.isReferenceFindable(name)) return UNKNOWN;
    const traces: Trace[] = [];
    for (const ref of name.findReferencesAsNodes()) {
      const target = Node.isPropertyAccessExpression(ref.getParent()) ? ref.getParentOrThrow() : ref;
      const assignment = target.getParent();
      if (Node.isBinaryExpression(assignment) && assignment.getOperatorToken().getText() === '=' && assignment.getLeft() === target) {
        traces.push(this.expression(assignment.getRight()));
      }
    }
    return traces.length === 0 ? UNKNOWN : merge(traces);
  }
}
