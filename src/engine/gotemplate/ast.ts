/**
 * Parse tree of a Go text/template, shaped like Go's parse package so that execution and
 * error messages can follow Go step by step.
 *
 * Every node has `from`/`to` (its span in the template, for diagnostics) and `pos`, the offset
 * Go itself records, which is what Go's "template: name:line:col:" prefix is computed from.
 * The two differ for chains: Go positions `$labels.instance` at `.instance`.
 */

interface Base {
  pos: number;
  from: number;
  to: number;
}

export interface ListNode extends Base {
  type: 'list';
  nodes: Node[];
}

export interface TextNode extends Base {
  type: 'text';
  text: string;
}

export interface ActionNode extends Base {
  type: 'action';
  pipe: PipeNode;
}

export interface ControlNode extends Base {
  type: 'if' | 'with' | 'range';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface TemplateNode extends Base {
  type: 'template';
  name: string;
  pipe?: PipeNode;
}

/** `{{define}}`, `{{block}}`, `{{break}}`, `{{continue}}`: parsed only to be reported. */
export interface OtherNode extends Base {
  type: 'define' | 'block' | 'break' | 'continue';
  name?: string;
  pipe?: PipeNode;
  list?: ListNode;
}

export type Node = TextNode | ActionNode | ControlNode | TemplateNode | OtherNode | ListNode;

export interface PipeNode extends Base {
  type: 'pipe';
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
  /** True for a parenthesized pipeline used as an operand. */
  parenthesized?: boolean;
}

export interface CommandNode extends Base {
  type: 'command';
  args: ArgNode[];
}

export interface IdentifierNode extends Base {
  type: 'identifier';
  name: string;
}

/** `$`, `$x`, `$x.a.b`: idents[0] is the variable name including `$`. */
export interface VariableNode extends Base {
  type: 'variable';
  idents: string[];
}

/** `.a.b`: idents without dots. */
export interface FieldNode extends Base {
  type: 'field';
  idents: string[];
}

/** `(pipeline).a.b`. */
export interface ChainNode extends Base {
  type: 'chain';
  node: ArgNode;
  fields: string[];
}

export interface DotNode extends Base {
  type: 'dot';
}

export interface NilNode extends Base {
  type: 'nil';
}

export interface BoolNode extends Base {
  type: 'bool';
  value: boolean;
}

export interface NumberNode extends Base {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: { re: number; im: number };
}

export interface StringNode extends Base {
  type: 'string';
  /** The source text including its quotes, which is how Go prints the node. */
  quoted: string;
  text: string;
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** Go's Node.String(), used in "executing ... at <...>" error contexts. */
export function nodeString(n: ArgNode | CommandNode | ActionNode): string {
  switch (n.type) {
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) {
        s = n.decl.map((v) => nodeString(v)).join(', ') + (n.isAssign ? ' = ' : ' := ');
      }
      return s + n.cmds.map((c) => nodeString(c)).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.name;
    case 'variable':
      return n.idents.join('.');
    case 'field':
      return n.idents.map((i) => '.' + i).join('');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => '.' + f).join('');
    }
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}
