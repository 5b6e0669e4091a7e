import { formatDuration } from '../duration.js';
import type { BinaryOp, Expr, LabelMatcher, VectorSelector } from './ast.js';

/**
 * Prints an AST as PromQL text on one line. Parentheses are added where precedence needs
 * them, so a tree built by the typed builder prints to text that parses back to itself.
 */
export function printPromQL(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      return printNumber(expr.value);
    case 'string':
      return JSON.stringify(expr.value);
    case 'vector':
      return printSelector(expr);
    case 'matrix':
      return `${printSelector({ ...expr.vector, offsetMs: undefined, at: undefined })}[${formatDuration(expr.rangeMs)}]${modifiers(expr.vector)}`;
    case 'subquery': {
      const inner = needsParensInSubquery(expr.expr) ? `(${printPromQL(expr.expr)})` : printPromQL(expr.expr);
      const step = expr.stepMs === undefined ? '' : formatDuration(expr.stepMs);
      return `${inner}[${formatDuration(expr.rangeMs)}:${step}]${modifiers(expr)}`;
    }
    case 'paren':
      return `(${printPromQL(expr.expr)})`;
    case 'unary': {
      const inner = expr.expr.type === 'binary' ? `(${printPromQL(expr.expr)})` : printPromQL(expr.expr);
      return `${expr.op}${inner}`;
    }
    case 'call':
      return `${expr.func}(${expr.args.map(printPromQL).join(', ')})`;
    case 'aggregate': {
      const grouping = expr.grouping ? ` ${expr.grouping.mode} (${expr.grouping.labels.join(', ')})` : '';
      const args = expr.param ? `${printPromQL(expr.param)}, ${printPromQL(expr.expr)}` : printPromQL(expr.expr);
      return grouping ? `${expr.op}${grouping} (${args})` : `${expr.op}(${args})`;
    }
    case 'binary': {
      const prec = precedence(expr.op);
      const rightAssoc = expr.op === '^';
      const lhs = wrap(expr.lhs, prec, rightAssoc ? 'tighter' : 'same-ok');
      const rhs = wrap(expr.rhs, prec, rightAssoc ? 'same-ok' : 'tighter');
      let op = expr.op as string;
      if (expr.returnBool) op += ' bool';
      if (expr.matching) {
        const m = expr.matching;
        if (m.labels.length > 0 || m.mode === 'on') op += ` ${m.mode} (${m.labels.join(', ')})`;
        if (m.card === 'many-to-one') op += ` group_left${m.include.length ? ` (${m.include.join(', ')})` : ''}`;
        if (m.card === 'one-to-many') op += ` group_right${m.include.length ? ` (${m.include.join(', ')})` : ''}`;
      }
      return `${lhs} ${op} ${rhs}`;
    }
  }
}

function printNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function modifiers(sel: { offsetMs?: number | undefined; at?: number | 'start' | 'end' | undefined }): string {
  let out = '';
  if (sel.at !== undefined) out += typeof sel.at === 'number' ? ` @ ${sel.at}` : ` @ ${sel.at}()`;
  if (sel.offsetMs) out += sel.offsetMs < 0 ? ` offset -${formatDuration(-sel.offsetMs)}` : ` offset ${formatDuration(sel.offsetMs)}`;
  return out;
}

function printMatcher(m: LabelMatcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

function printSelector(sel: VectorSelector): string {
  const matchers = sel.matchers.map(printMatcher).join(', ');
  const body = sel.name ? (matchers ? `${sel.name}{${matchers}}` : sel.name) : `{${matchers}}`;
  return body + modifiers(sel);
}

function needsParensInSubquery(expr: Expr): boolean {
  return expr.type === 'binary' || expr.type === 'unary';
}

/** Binding strength of binary operators, weakest first, as in Prometheus's grammar. */
export function precedence(op: BinaryOp): number {
  switch (op) {
    case 'or':
      return 1;
    case 'and':
    case 'unless':
      return 2;
    case '==':
    case '!=':
    case '>':
    case '<':
    case '>=':
    case '<=':
      return 3;
    case '+':
    case '-':
      return 4;
    case '*':
    case '/':
    case '%':
    case 'atan2':
      return 5;
    case '^':
      return 6;
  }
}

function wrap(child: Expr, parentPrec: number, mode: 'tighter' | 'same-ok'): string {
  const text = printPromQL(child);
  if (child.type !== 'binary') return text;
  const p = precedence(child.op);
  const needs = mode === 'tighter' ? p <= parentPrec : p < parentPrec;
  return needs ? `(${text})` : text;
}
