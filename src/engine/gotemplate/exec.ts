/**
 * Executes a parsed alert template the way Go 1.19's text/template does (with Prometheus's
 * `missingkey=zero`): same evaluation order, same argument conversions, and errors located
 * and worded like Go's, because Prometheus writes those errors into the annotation.
 */
import { nodeString, type ArgNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type ListNode, type Node, type NumberNode, type PipeNode, type VariableNode } from './ast.js';
import { PARAM_TYPE_NAMES, UnsupportedError, type CallEnv, type GoFunc, type ParamType } from './callable.js';
import { FUNCTIONS } from './functions.js';
import { utf8Length } from './goStrings.js';
import { GoCallError } from './humanize.js';
import { methodOf } from './methods.js';
import { sprint } from './sprintf.js';
import { isTrue, typeName, type GoValue } from './values.js';

/** The prefix Prometheus puts before every alert template; Go's columns count it. */
export const PROMETHEUS_PREFIX =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/** An execution error, already in Go's `template: NAME:L:C: executing "NAME" at <X>: msg` form. */
export class ExecError extends Error {}

type Located = ArgNode | CommandNode | PipeNode | { pos: number; context?: string };

interface Variable {
  name: string;
  value: GoValue;
}

const MISSING = undefined;
type Final = GoValue | undefined;

export class Executor {
  private node: Located | undefined;
  private vars: Variable[];
  private out = '';

  constructor(
    private readonly text: string,
    private readonly name: string,
    private readonly env: CallEnv,
  ) {
    const d = env.data;
    this.vars = [
      { name: '$', value: { kind: 'alertData', data: d } },
      { name: '$labels', value: { kind: 'stringMap', value: d.labels } },
      { name: '$externalLabels', value: { kind: 'stringMap', value: d.externalLabels } },
      { name: '$externalURL', value: { kind: 'string', value: d.externalURL } },
      { name: '$value', value: { kind: 'float64', value: d.value } },
    ];
  }

  run(root: ListNode): string {
    this.walk({ kind: 'alertData', data: this.env.data }, root);
    return this.out;
  }

  private at(n: Located): void {
    this.node = n;
  }

  /** Go's line:col, where line 1 includes the Prometheus prefix and columns count bytes. */
  private location(pos: number): string {
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? PROMETHEUS_PREFIX.length + utf8Length(before) : utf8Length(before.slice(nl + 1));
    return `${this.name}:${line}:${col}`;
  }

  private errorf(message: string): never {
    const n = this.node;
    if (!n) throw new ExecError(`template: ${this.name}: ${message}`);
    const context = 'type' in n ? nodeString(n) : (n.context ?? '');
    throw new ExecError(`template: ${this.location(n.pos)}: executing ${JSON.stringify(this.name)} at <${context}>: ${message}`);
  }

  private walk(dot: GoValue, node: Node): void {
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at({ pos: node.pos, context: nodeString(node) });
          this.out += v.kind === 'invalid' ? '<no value>' : sprint([v]);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (isTrue(v)) this.walk(node.type === 'with' ? v : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'define':
        // A definition prints nothing by itself; only {{template}} could use it.
        return;
      default:
        throw new UnsupportedError(`{{${node.type}}} is not supported by lookout's renderer`);
    }
  }

  private evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go unwraps interface{} results, which turns a nil interface into "no value".
      if (value.kind === 'nil') value = { kind: 'invalid' };
    }
    const result = value ?? { kind: 'invalid' };
    for (const v of pipe.decl) {
      const name = v.idents[0]!;
      if (pipe.isAssign) {
        const existing = [...this.vars].reverse().find((x) => x.name === name);
        if (!existing) this.errorf(`undefined variable: ${name}`);
        existing.value = result;
      } else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return { kind: 'bool', value: first.value };
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return { kind: 'string', value: first.text };
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const t = n.text;
    const hexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    if (n.isComplex) return { kind: 'complex128', re: n.complex.re, im: n.complex.im };
    if (n.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return { kind: 'float64', value: n.float64 };
    if (n.isInt) return { kind: 'int', value: n.int64, type: 'int' };
    if (n.isUint) this.errorf(`${t} overflows int`);
    return { kind: 'invalid' };
  }

  private evalFieldNode(dot: GoValue, field: FieldNode, args: ArgNode[], final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.idents, args, final);
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: ArgNode[], final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: ArgNode[], final: Final): GoValue {
    this.at(v);
    const name = v.idents[0]!;
    const variable = [...this.vars].reverse().find((x) => x.name === name);
    if (!variable) this.errorf(`undefined variable: ${name}`);
    if (v.idents.length === 1) {
      this.notAFunction(args, final);
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, v, v.idents.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, node: Located, idents: string[], args: ArgNode[], final: Final): GoValue {
    const n = idents.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, idents[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, idents[n - 1]!, node, args, final, receiver);
  }

  private evalField(dot: GoValue, name: string, node: Located, args: ArgNode[], final: Final, receiver: GoValue): GoValue {
    if (receiver.kind === 'invalid') return receiver;
    const type = receiver.kind === 'nil' ? 'interface {}' : typeName(receiver);
    if (receiver.kind === 'nil') this.errorf(`nil pointer evaluating ${type}.${name}`);
    const method = methodOf(receiver, name);
    if (method) return this.evalCall(dot, method, false, node, name, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver.kind === 'alertData') {
      const d = receiver.data;
      const fields: Record<string, GoValue> = {
        Labels: { kind: 'stringMap', value: d.labels },
        ExternalLabels: { kind: 'stringMap', value: d.externalLabels },
        ExternalURL: { kind: 'string', value: d.externalURL },
        Value: { kind: 'float64', value: d.value },
      };
      const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (field) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field;
      }
    } else if (receiver.kind === 'stringMap' || receiver.kind === 'anyMap') {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (receiver.kind === 'anyMap') return receiver.value.get(name) ?? { kind: 'nil' };
      return { kind: 'string', value: Object.hasOwn(receiver.value, name) ? receiver.value[name]! : '' };
    }
    this.errorf(`can't evaluate field ${name} in type ${type}`);
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: Located, args: ArgNode[], final: Final): GoValue {
    this.at(node);
    const fn = Object.hasOwn(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
    if (!fn) this.errorf(`${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, fn.builtin === true, cmd, node.name, args, final);
  }

  private evalCall(dot: GoValue, fn: GoFunc, isBuiltin: boolean, node: Located, name: string, allArgs: ArgNode[], final: Final): GoValue {
    const args = allArgs.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue = { kind: 'invalid' };
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]!));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]!));
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 >= numFixed ? fn.variadic : fn.params[numIn - 1];
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.call(argv, this.env);
    } catch (e) {
      if (e instanceof GoCallError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  private validateType(value: GoValue, typ: ParamType | undefined): GoValue {
    if (typ === undefined) return value;
    if (value.kind === 'invalid') {
      if (typ === 'any') return { kind: 'nil' };
      this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[typ]}`);
    }
    if (typ === 'value' || typ === 'any') return value;
    const ok =
      (typ === 'string' && value.kind === 'string' && !value.html) ||
      (typ === 'float64' && value.kind === 'float64') ||
      (typ === 'int' && value.kind === 'int' && value.type === 'int');
    if (!ok) this.errorf(`wrong type for value; expected ${PARAM_TYPE_NAMES[typ]}; got ${value.kind === 'nil' ? 'interface {}' : typeName(value)}`);
    return value;
  }

  private evalArg(dot: GoValue, typ: ParamType | undefined, n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any') return { kind: 'nil' };
        // A nil reflect.Value argument is Go's invalid value (so `eq 1 nil` is just false).
        if (typ === 'value') return { kind: 'invalid' };
        this.errorf(`cannot assign nil to ${typ ? PARAM_TYPE_NAMES[typ] : 'interface {}'}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    switch (typ) {
      case 'string':
        if (n.type === 'string') return { kind: 'string', value: n.text };
        this.errorf(`expected string; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return { kind: 'float64', value: n.float64 };
        this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int':
        if (n.type === 'number' && n.isInt) return { kind: 'int', value: n.int64, type: 'int' };
        this.errorf(`expected integer; found ${nodeString(n)}`);
      default:
        return this.evalEmptyInterface(dot, n);
    }
  }

  private evalEmptyInterface(dot: GoValue, n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return { kind: 'bool', value: n.value };
      case 'dot':
        return dot;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return { kind: 'string', value: n.text };
      case 'nil':
        this.errorf('evalEmptyInterface: nil (can\'t happen)');
      default:
        return this.evalArg(dot, undefined, n);
    }
  }
}
