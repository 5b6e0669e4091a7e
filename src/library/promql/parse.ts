import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { parseDuration } from '../duration.js';
import { aggregationCountError, aggregationParamType, argumentCountError, argumentType, FUNCTION_SIGNATURES, typeError } from './functionSignatures.js';
import { valueType } from './ast.js';
import type {
  AggregateOp,
  BinaryOp,
  Expr,
  Grouping,
  LabelMatcher,
  MatchOp,
  Span,
  ValueType,
  VectorMatching,
  VectorSelector,
} from './ast.js';

/** A PromQL text that could not be parsed, with the offending span. */
export interface ParseError {
  message: string;
  span: Span;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ParseError };

/**
 * Parses PromQL with Prometheus's own lezer grammar (the one its web UI uses) and converts
 * the concrete tree into lookout's AST.
 */
export function parsePromQL(text: string): ParseResult {
  const tree = parser.parse(text);
  const syntaxError = firstError(tree.topNode, text);
  if (syntaxError) return { ok: false, error: syntaxError };
  const top = tree.topNode.firstChild;
  if (!top) return { ok: false, error: { message: 'the expression is empty', span: { from: 0, to: text.length } } };
  try {
    return { ok: true, expr: new Converter(text).expr(top) };
  } catch (e) {
    if (e instanceof ConvertError) return { ok: false, error: { message: e.message, span: e.span } };
    throw e;
  }
}

class ConvertError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

function firstError(node: SyntaxNode, text: string): ParseError | undefined {
  const cursor = node.cursor();
  do {
    if (cursor.type.isError) {
      const from = cursor.from;
      const to = Math.max(cursor.to, Math.min(from + 1, text.length));
      const prev = cursor.node.prevSibling;
      // `foo(x)`: the grammar only knows real function names, so an unknown one shows up
      // as a metric name followed by a stray parenthesis.
      if ((prev?.name === 'VectorSelector' || prev?.name === 'Identifier') && text[from] === '(') {
        const name = text.slice(prev.from, prev.to);
        return { message: `unknown function "${name}"`, span: { from: prev.from, to: prev.to } };
      }
      const found = text.slice(from, to);
      const message =
        from >= text.length
          ? 'unexpected end of the expression'
          : `unexpected ${JSON.stringify(found.length > 20 ? `${found.slice(0, 20)}…` : found)}`;
      return { message, span: { from, to } };
    }
  } while (cursor.next());
  return undefined;
}

const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

class Converter {
  constructor(private readonly text: string) {}

  private src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private span(node: SyntaxNode): Span {
    return { from: node.from, to: node.to };
  }

  private fail(message: string, node: SyntaxNode): never {
    throw new ConvertError(message, this.span(node));
  }

  private kids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  expr(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'ParenExpr':
        return { type: 'paren', expr: this.expr(this.only(node)), span: this.span(node) };
      case 'NumberDurationLiteral':
        return { type: 'number', value: this.number(node), span: this.span(node) };
      case 'StringLiteral':
        return { type: 'string', value: this.string(node), span: this.span(node) };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrix(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'StepInvariantExpr':
        return this.at(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'UnaryExpr': {
        const [op, operand] = this.kids(node);
        if (!op || !operand) this.fail('incomplete unary expression', node);
        return { type: 'unary', op: this.src(op) === '-' ? '-' : '+', expr: this.expr(operand), span: this.span(node) };
      }
      default:
        return this.fail(`unsupported PromQL construct ${node.name}`, node);
    }
  }

  private only(node: SyntaxNode): SyntaxNode {
    const kids = this.kids(node);
    if (kids.length !== 1 || !kids[0]) this.fail('expected one expression', node);
    return kids[0];
  }

  private number(node: SyntaxNode): number {
    const raw = this.src(node).trim();
    const lower = raw.toLowerCase();
    if (lower === 'inf' || lower === '+inf') return Infinity;
    if (lower === '-inf') return -Infinity;
    if (lower === 'nan') return NaN;
    if (/^0x[0-9a-f]+$/i.test(raw)) return parseInt(raw, 16);
    const n = Number(raw);
    if (!Number.isNaN(n)) return n;
    const ms = parseDuration(raw);
    if (ms !== undefined) return ms / 1000;
    return this.fail(`"${raw}" is not a number`, node);
  }

  private string(node: SyntaxNode): string {
    return unquote(this.src(node), () => this.fail(`malformed string ${this.src(node)}`, node));
  }

  private duration(node: SyntaxNode): number {
    // DurationExpr wraps a literal; Prometheus 3 allows arithmetic here, 2.x does not.
    const raw = this.src(node).trim();
    const ms = parseDuration(raw);
    if (ms === undefined) this.fail(`"${raw}" is not a duration`, node);
    // Prometheus refuses every zero duration literal: a range, a subquery's range or step, an offset.
    if (ms === 0) this.fail('duration must be greater than 0', node);
    return ms;
  }

  private labelName(node: SyntaxNode): string {
    if (node.name === 'LabelName') return this.src(node);
    if (node.name === 'QuotedLabelName') return this.string(this.only(node));
    return this.fail(`expected a label name, found ${this.src(node)}`, node);
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const sel: VectorSelector = { type: 'vector', matchers: [], span: this.span(node) };
    for (const kid of this.kids(node)) {
      if (kid.name === 'Identifier') sel.name = this.src(kid);
      else if (kid.name === 'LabelMatchers') {
        for (const m of this.kids(kid)) {
          if (m.name === 'QuotedLabelName') {
            // `{"metric.name"}`: a UTF-8 metric name written inside the braces.
            sel.name = this.string(this.only(m));
            continue;
          }
          sel.matchers.push(this.matcher(m));
        }
      }
    }
    return sel;
  }

  private matcher(node: SyntaxNode): LabelMatcher {
    const [name, op, value] = this.kids(node);
    if (!name || !op || !value) return this.fail('incomplete label matcher', node);
    const opNode = op.firstChild;
    const matchOp = opNode ? MATCH_OPS[opNode.name] : undefined;
    if (!matchOp) return this.fail(`unknown matcher operator ${this.src(op)}`, op);
    return { name: this.labelName(name), op: matchOp, value: this.string(value), span: this.span(node) };
  }

  private matrix(node: SyntaxNode): Expr {
    const [inner, range] = this.kids(node);
    if (!inner || !range) return this.fail('incomplete range selector', node);
    const vector = this.expr(inner);
    if (vector.type !== 'vector') return this.fail('a range can only follow a metric selector; use a subquery', node);
    return { type: 'matrix', vector, rangeMs: this.duration(range), span: this.span(node) };
  }

  private subquery(node: SyntaxNode): Expr {
    const kids = this.kids(node);
    const [inner, range, step] = kids;
    if (!inner || !range) return this.fail('incomplete subquery', node);
    const out: Expr = { type: 'subquery', expr: this.expr(inner), rangeMs: this.duration(range), span: this.span(node) };
    if (step && step.name === 'DurationExpr') out.stepMs = this.duration(step);
    return out;
  }

  private offsetMs(node: SyntaxNode): number {
    // OffsetDurationExpr may nest a unary minus: `offset -5m`.
    const kids = this.kids(node);
    if (kids.length === 2 && kids[0]?.name === 'UnaryOp' && kids[1]) {
      const sign = this.src(kids[0]) === '-' ? -1 : 1;
      return sign * this.offsetMs(kids[1]);
    }
    if (kids.length === 1 && kids[0]) return this.offsetMs(kids[0]);
    return this.duration(node);
  }

  private offset(node: SyntaxNode): Expr {
    const kids = this.kids(node);
    const inner = kids[0];
    const amount = kids.find((k) => k.name === 'OffsetDurationExpr' || k.name === 'DurationExpr');
    if (!inner || !amount) return this.fail('incomplete offset', node);
    const target = this.expr(inner);
    const ms = this.offsetMs(amount);
    if (target.type === 'vector') target.offsetMs = ms;
    else if (target.type === 'matrix') target.vector.offsetMs = ms;
    else if (target.type === 'subquery') target.offsetMs = ms;
    else return this.fail('offset can only follow a selector or a subquery', node);
    target.span = this.span(node);
    return target;
  }

  private at(node: SyntaxNode): Expr {
    const kids = this.kids(node);
    const inner = kids[0];
    const where = kids[kids.length - 1];
    if (!inner || !where) return this.fail('incomplete @ modifier', node);
    const target = this.expr(inner);
    let at: number | 'start' | 'end';
    if (where.name === 'AtModifierPreprocessors') at = this.src(where).startsWith('start') ? 'start' : 'end';
    else at = this.number(where);
    if (target.type === 'vector') target.at = at;
    else if (target.type === 'matrix') target.vector.at = at;
    else if (target.type === 'subquery') target.at = at;
    else return this.fail('@ can only follow a selector or a subquery', node);
    target.span = this.span(node);
    return target;
  }

  private call(node: SyntaxNode): Expr {
    const [ident, body] = this.kids(node);
    if (!ident || !body) return this.fail('incomplete function call', node);
    const func = this.src(ident);
    const argNodes = this.kids(body);
    const args = argNodes.map((a) => this.expr(a));
    // Prometheus's parser refuses a wrong argument count or type; the grammar does not look.
    const sig = FUNCTION_SIGNATURES.get(func);
    if (sig) {
      const wrongCount = argumentCountError(func, sig, args.length);
      if (wrongCount) this.fail(wrongCount, node);
      args.forEach((arg, i) => this.expectType(arg, argumentType(sig, i), `call to function "${func}"`, argNodes[i]!));
    }
    return { type: 'call', func, args, span: this.span(node) };
  }

  private expectType(expr: Expr, want: ValueType | undefined, context: string, node: SyntaxNode): void {
    const wrong = want && typeError(want, valueType(expr), context);
    if (wrong) this.fail(wrong, node);
  }

  private grouping(node: SyntaxNode): Grouping {
    const [mode, labels] = this.kids(node);
    if (!mode) return this.fail('incomplete grouping', node);
    const names = labels ? this.kids(labels).map((l) => this.labelName(l)) : [];
    return { mode: mode.name === 'By' ? 'by' : 'without', labels: names };
  }

  private aggregate(node: SyntaxNode): Expr {
    let op: AggregateOp | undefined;
    let grouping: Grouping | undefined;
    let argNodes: SyntaxNode[] = [];
    for (const kid of this.kids(node)) {
      if (kid.name === 'AggregateOp') op = this.src(kid) as AggregateOp;
      else if (kid.name === 'AggregateModifier') grouping = this.grouping(kid);
      else if (kid.name === 'FunctionCallBody') argNodes = this.kids(kid);
    }
    const args = argNodes.map((a) => this.expr(a));
    if (!op) return this.fail('missing aggregation operator', node);
    const wrongCount = aggregationCountError(op, args.length);
    if (wrongCount) this.fail(wrongCount, node);
    const expr = args[args.length - 1];
    if (!expr) return this.fail(`${op}() needs an argument`, node);
    this.expectType(expr, 'vector', 'aggregation expression', argNodes[argNodes.length - 1]!);
    if (args.length > 1) this.expectType(args[0]!, aggregationParamType(op), 'aggregation parameter', argNodes[0]!);
    const out: Expr = { type: 'aggregate', op, expr, span: this.span(node) };
    if (args.length > 1 && args[0]) out.param = args[0];
    if (grouping) out.grouping = grouping;
    return out;
  }

  private binary(node: SyntaxNode): Expr {
    const kids = this.kids(node);
    const lhs = kids[0];
    const rhs = kids[kids.length - 1];
    const opNode = kids[1];
    if (!lhs || !rhs || !opNode) return this.fail('incomplete binary expression', node);
    const op = BINARY_OPS[opNode.name];
    if (!op) return this.fail(`unknown operator ${this.src(opNode)}`, opNode);
    let returnBool = false;
    let matching: VectorMatching | undefined;
    for (const kid of kids.slice(2, -1)) {
      if (kid.name === 'BoolModifier') returnBool = true;
      else if (kid.name === 'MatchingModifierClause') matching = this.matching(kid);
      else return this.fail(`unsupported modifier ${this.src(kid)}`, kid);
    }
    const out: Expr = { type: 'binary', op, lhs: this.expr(lhs), rhs: this.expr(rhs), returnBool, span: this.span(node) };
    if (matching) out.matching = matching;
    return out;
  }

  private matching(node: SyntaxNode): VectorMatching {
    const m: VectorMatching = { mode: 'on', labels: [], card: 'one-to-one', include: [] };
    const kids = this.kids(node);
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      const next = kids[i + 1];
      const labelsOf = (): string[] => {
        if (next?.name !== 'GroupingLabels') return [];
        i++;
        return this.kids(next).map((l) => this.labelName(l));
      };
      if (kid.name === 'On' || kid.name === 'Ignoring') {
        m.mode = kid.name === 'On' ? 'on' : 'ignoring';
        m.labels = labelsOf();
      } else if (kid.name === 'GroupLeft' || kid.name === 'GroupRight') {
        m.card = kid.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
        m.include = labelsOf();
      }
    }
    return m;
  }
}

/** Unquotes a PromQL string literal: double or single quotes with Go escapes, or backticks. */
export function unquote(raw: string, onError: () => never): string {
  const q = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== q) onError();
  const body = raw.slice(1, -1);
  if (q === '`') return body;
  if (q !== '"' && q !== "'") onError();
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '"':
      case "'":
        out += e;
        break;
      case 'x': {
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      }
      case 'u': {
        out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      }
      case 'U': {
        out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
        i += 8;
        break;
      }
      default:
        if (e !== undefined && /[0-7]/.test(e)) {
          out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
          i += 2;
        } else onError();
    }
  }
  return out;
}
