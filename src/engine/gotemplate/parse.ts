/**
 * Parser for Go text/template, following Go 1.19's grammar and error wording so that a
 * template lookout rejects is one Prometheus rejects, with the same message.
 *
 * Prometheus prepends `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}
 * {{$externalURL := .ExternalURL}}{{$value := .Value}}` to alert templates, so those variables
 * are predeclared here instead of parsing the prefix.
 */
import type {
  ArgNode,
  CommandNode,
  ControlNode,
  IdentifierNode,
  ListNode,
  Node,
  OtherNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { goQuote } from './goStrings.js';
import { lex, type Token } from './lexer.js';
import { LiteralError, parseNumber, unquote } from './literals.js';

export const PROMETHEUS_VARIABLES = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];

export interface ParseError {
  message: string;
  from: number;
  to: number;
  line: number;
}

/** Something the parser saw, reported even when a later syntax error stops it. */
export type ParseEvent =
  | { kind: 'function'; node: IdentifierNode }
  | { kind: 'operand'; node: ArgNode; dotRebound: boolean }
  | { kind: 'command'; node: CommandNode; dotRebound: boolean }
  | { kind: 'control'; keyword: string; from: number; to: number };

export interface ParseOptions {
  /** Reports whether a function exists; unknown ones are errors, as in Go. */
  hasFunction: (name: string) => boolean;
  /** Record unknown functions as events instead of failing on the first one. */
  collectUnknownFunctions?: boolean;
  /** Template name, only used in Go's "in action started at NAME:LINE" wording. */
  name?: string;
}

export interface ParseResult {
  root?: ListNode;
  error?: ParseError;
  events: ParseEvent[];
}

class Fail extends Error {
  constructor(readonly detail: ParseError) {
    super(detail.message);
  }
}

/** Go's item.String(), used in "unexpected X in Y" messages. */
function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.value;
  if (t.type === 'keyword') return `<${t.value}>`;
  const runes = [...t.value];
  if (runes.length > 10) return goQuote(runes.slice(0, 10).join('')) + '...';
  return goQuote(t.value);
}

class Parser {
  private i = 0;
  private vars = [...PROMETHEUS_VARIABLES];
  private rangeDepth = 0;
  private dotDepth = 0;
  private actionLine = 0;
  /** Spans of the controls still waiting for {{end}}, to point "unexpected EOF" at one. */
  private open: { pos: number; end: number }[] = [];
  readonly events: ParseEvent[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly opts: ParseOptions,
  ) {}

  private next(): Token {
    const t = this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
    if (this.i < this.tokens.length - 1) this.i++;
    else this.i = this.tokens.length;
    return t;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Token {
    return this.tokens[Math.min(this.i, this.tokens.length - 1)]!;
  }
  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === 'space');
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private last(): Token {
    return this.tokens[Math.max(0, Math.min(this.i, this.tokens.length) - 1)]!;
  }

  private fail(message: string, at: { pos: number; end?: number; to?: number; line?: number } = this.last()): never {
    const to = at.end ?? at.to ?? at.pos + 1;
    throw new Fail({ message, from: at.pos, to: Math.max(to, at.pos), line: at.line ?? this.last().line });
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.opts.name ?? 'template'}:${this.actionLine}`;
        if (t.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(t.value + extra, t);
    }
    this.fail(`unexpected ${tokenString(t)} in ${context}`, t);
  }

  private expect(type: Token['type'], context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  parse(): ListNode {
    const first = this.peek();
    const root: ListNode = { type: 'list', pos: first.pos, from: first.pos, to: first.pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const save = this.i;
        const delim = this.next();
        const kw = this.nextNonSpace();
        if (kw.type === 'keyword' && kw.value === 'define') {
          root.nodes.push(this.parseDefinition(delim));
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind !== 'node') this.fail(`unexpected {{${n.kind}}}`, n.token);
      root.nodes.push(n.node);
    }
    root.to = this.peek().pos;
    return root;
  }

  private parseDefinition(delim: Token): OtherNode {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, context);
    const close = this.expect('rightDelim', context);
    this.events.push({ kind: 'control', keyword: 'define', from: delim.pos, to: close.end });
    const saved = this.vars;
    this.vars = ['$'];
    const { list, end } = this.itemList();
    this.vars = saved;
    if (end.kind !== 'end') this.fail(`unexpected {{${end.kind}}} in ${context}`, end.token);
    return { type: 'define', pos: delim.pos, from: delim.pos, to: close.end, name: this.unquote(nameTok), list };
  }

  private textOrAction(): Parsed {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text':
        return { kind: 'node', node: { type: 'text', pos: t.pos, from: t.pos, to: t.end, text: t.value } };
      case 'leftDelim': {
        this.actionLine = t.line;
        try {
          return this.action(t);
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(delim: Token): Parsed {
    const t = this.nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'if':
        case 'with':
        case 'range':
          return { kind: 'node', node: this.control(t.value, delim) };
        case 'else':
          return this.elseControl(t);
        case 'end':
          this.expect('rightDelim', 'end');
          return { kind: 'end', token: t };
        case 'template':
        case 'block':
          return { kind: 'node', node: this.templateControl(t.value, delim) };
        case 'break':
        case 'continue': {
          const close = this.nextNonSpace();
          if (close.type !== 'rightDelim') this.unexpected(close, `{{${t.value}}}`);
          this.events.push({ kind: 'control', keyword: t.value, from: delim.pos, to: close.end });
          if (this.rangeDepth === 0) this.fail(`{{${t.value}}} outside {{range}}`, t);
          return { kind: 'node', node: { type: t.value, pos: t.pos, from: delim.pos, to: close.end } };
        }
      }
    }
    this.backup();
    const first = this.peek();
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'node', node: { type: 'action', pos: first.pos, from: delim.pos, to: this.last().end, pipe } };
  }

  private elseControl(elseTok: Token): Parsed {
    const peek = this.peekNonSpace();
    // "{{else if" leaves the "if" for the enclosing if to turn into a nested if.
    if (peek.type === 'keyword' && peek.value === 'if') return { kind: 'else', token: elseTok };
    this.expect('rightDelim', 'else');
    return { kind: 'else', token: elseTok };
  }

  private control(keyword: 'if' | 'with' | 'range', delim: Token): ControlNode {
    const varsMark = this.vars.length;
    try {
      const pipe = this.pipeline(keyword, 'rightDelim');
      const headerEnd = this.last().end;
      if (keyword === 'range') {
        this.events.push({ kind: 'control', keyword, from: delim.pos, to: headerEnd });
        this.rangeDepth++;
      }
      const rebinds = keyword !== 'if';
      if (rebinds) this.dotDepth++;
      this.open.push({ pos: delim.pos, end: headerEnd });
      let body: { list: ListNode; end: Parsed };
      try {
        body = this.itemList();
      } finally {
        if (rebinds) this.dotDepth--;
        if (keyword === 'range') this.rangeDepth--;
      }
      const node: ControlNode = { type: keyword, pos: pipe.pos, from: delim.pos, to: headerEnd, pipe, list: body.list };
      if (body.end.kind === 'else') {
        const p = this.peek();
        if (keyword === 'if' && p.type === 'keyword' && p.value === 'if') {
          this.next();
          const nested = this.control('if', delim);
          node.elseList = { type: 'list', pos: nested.pos, from: nested.from, to: nested.to, nodes: [nested] };
        } else {
          const rest = this.itemList();
          if (rest.end.kind !== 'end') this.fail(`expected end; found {{${rest.end.kind}}}`, rest.end.token);
          node.elseList = rest.list;
        }
      }
      this.open.pop();
      node.to = this.last().end;
      return node;
    } finally {
      this.vars.length = varsMark;
    }
  }

  private templateControl(keyword: 'template' | 'block', delim: Token): TemplateNode {
    const context = `${keyword} clause`;
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    let pipe: PipeNode | undefined;
    if (keyword === 'block') pipe = this.pipeline(context, 'rightDelim');
    else if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    this.events.push({ kind: 'control', keyword, from: delim.pos, to: this.last().end });
    if (keyword === 'block') {
      const saved = this.vars;
      this.vars = ['$'];
      const { end } = this.itemList();
      this.vars = saved;
      if (end.kind !== 'end') this.fail(`unexpected {{${end.kind}}} in ${context}`, end.token);
    }
    return { type: 'template', pos: nameTok.pos, from: delim.pos, to: this.last().end, name, pipe };
  }

  private itemList(): { list: ListNode; end: Exclude<Parsed, { kind: 'node' }> } {
    const first = this.peekNonSpace();
    const list: ListNode = { type: 'list', pos: first.pos, from: first.pos, to: first.pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind !== 'node') {
        list.to = n.token.pos;
        return { list, end: n };
      }
      list.nodes.push(n.node);
    }
    const unclosed = this.open[this.open.length - 1];
    this.fail('unexpected EOF', unclosed ?? this.peek());
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, from: first.pos, to: first.pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.next();
      const nxt = this.peekNonSpace();
      if (nxt.type === 'assign' || nxt.type === 'declare') {
        pipe.isAssign = nxt.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.variable(v));
        this.vars.push(v.value);
        break;
      }
      if (nxt.type === 'char' && nxt.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v));
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === 'variable' || p.type === 'rightDelim' || p.type === 'rightParen') continue;
          this.fail('range can only initialize variables', p);
        }
        this.fail(`too many declarations in ${context}`, nxt);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t);
        pipe.cmds.slice(1).forEach((c, i) => {
          const a = c.args[0];
          if (a && ['bool', 'dot', 'nil', 'number', 'string'].includes(a.type)) {
            this.fail(`non executable command in pipeline stage ${i + 2}`, a);
          }
        });
        pipe.to = pipe.cmds.length ? pipe.cmds[pipe.cmds.length - 1]!.to : t.pos;
        return pipe;
      }
      if (
        ['bool', 'charConstant', 'complex', 'dot', 'field', 'identifier', 'number', 'rawString', 'string', 'variable', 'leftParen'].includes(
          t.type,
        ) ||
        (t.type === 'keyword' && t.value === 'nil')
      ) {
        this.backup();
        pipe.cmds.push(this.command());
      } else this.unexpected(t, context);
    }
  }

  private variable(t: Token): VariableNode {
    return { type: 'variable', pos: t.pos, from: t.pos, to: t.end, idents: [t.value] };
  }

  private command(): CommandNode {
    const first = this.peekNonSpace();
    const cmd: CommandNode = { type: 'command', pos: first.pos, from: first.pos, to: first.end, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command', this.last());
    cmd.to = cmd.args[cmd.args.length - 1]!.to;
    this.events.push({ kind: 'command', node: cmd, dotRebound: this.dotDepth > 0 });
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return this.observe(node);
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    let to = node.to;
    while (this.peek().type === 'field') {
      const f = this.next();
      fields.push(f.value.slice(1));
      to = f.end;
    }
    switch (node.type) {
      case 'field':
        return this.observe({ type: 'field', pos: chainPos, from: node.from, to, idents: [...node.idents, ...fields] });
      case 'variable':
        return this.observe({ type: 'variable', pos: chainPos, from: node.from, to, idents: [...node.idents, ...fields] });
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${goQuote(nodeString(node))}`, { pos: chainPos, end: to });
      default:
        return this.observe({ type: 'chain', pos: chainPos, from: node.from, to, node, fields });
    }
  }

  private observe(node: ArgNode): ArgNode {
    this.events.push({ kind: 'operand', node, dotRebound: this.dotDepth > 0 });
    return node;
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    const base = { pos: t.pos, from: t.pos, to: t.end };
    switch (t.type) {
      case 'identifier': {
        const node: IdentifierNode = { type: 'identifier', ...base, name: t.value };
        this.events.push({ kind: 'function', node });
        if (!this.opts.hasFunction(t.value) && !this.opts.collectUnknownFunctions) {
          this.fail(`function ${goQuote(t.value)} not defined`, t);
        }
        return node;
      }
      case 'dot':
        return { type: 'dot', ...base };
      case 'keyword':
        if (t.value === 'nil') return { type: 'nil', ...base };
        break;
      case 'variable':
        if (!this.vars.includes(t.value)) this.fail(`undefined variable ${goQuote(t.value)}`, t);
        return this.variable(t);
      case 'field':
        return { type: 'field', ...base, idents: [t.value.slice(1)] };
      case 'bool':
        return { type: 'bool', ...base, value: t.value === 'true' };
      case 'number':
      case 'charConstant':
      case 'complex':
        try {
          return { type: 'number', ...base, text: t.value, ...parseNumber(t.value, t.type) };
        } catch (e) {
          if (e instanceof LiteralError) this.fail(e.message, t);
          throw e;
        }
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { ...pipe, from: t.pos, to: this.last().end, parenthesized: true };
      }
      case 'string':
      case 'rawString':
        return { type: 'string', ...base, quoted: t.value, text: this.unquote(t) };
    }
    this.backup();
    return undefined;
  }

  private unquote(t: Token): string {
    try {
      return unquote(t.value);
    } catch (e) {
      if (e instanceof LiteralError) this.fail(e.message, t);
      throw e;
    }
  }
}

type Parsed = { kind: 'node'; node: Node } | { kind: 'end'; token: Token } | { kind: 'else'; token: Token };

/** Parses a Prometheus alert template (without the variable-declaring prefix). */
export function parseTemplate(text: string, opts: ParseOptions): ParseResult {
  const parser = new Parser(lex(text), opts);
  try {
    return { root: parser.parse(), events: parser.events };
  } catch (e) {
    if (e instanceof Fail) return { error: e.detail, events: parser.events };
    throw e;
  }
}
