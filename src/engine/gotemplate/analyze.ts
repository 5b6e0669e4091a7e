/**
 * Static analysis of alert templates for lint checks: syntax errors, label references,
 * `$value` use, called functions, and constructs lookout cannot render offline.
 */
import type { ArgNode, CommandNode } from './ast.js';
import { hasFunction, QUERY_FUNCTIONS } from './functions.js';
import { goQuote } from './goStrings.js';
import { parseTemplate } from './parse.js';

export interface TemplateProblem {
  kind: 'syntax' | 'unknown-function' | 'unsupported';
  message: string;
  /** Character offsets into the template text (end exclusive). */
  from: number;
  to: number;
}

export interface LabelRef {
  name: string;
  from: number;
  to: number;
}

export interface TemplateAnalysis {
  problems: TemplateProblem[];
  labelRefs: LabelRef[];
  usesValue: boolean;
  /** Distinct functions called, in order of first use. */
  functions: string[];
}

/** `$labels`, `.Labels` (where dot is still the alert) or `$.Labels`, followed by `rest`. */
function labelsPath(node: ArgNode, dotRebound: boolean): string[] | undefined {
  if (node.type === 'variable') {
    const [head, ...rest] = node.idents;
    if (head === '$labels') return rest;
    if (head === '$' && rest[0] === 'Labels') return rest.slice(1);
  }
  if (node.type === 'field' && !dotRebound && node.idents[0] === 'Labels') return node.idents.slice(1);
  return undefined;
}

function isValueRef(node: ArgNode, dotRebound: boolean): boolean {
  if (node.type === 'variable') {
    const [head, next] = node.idents;
    return head === '$value' || (head === '$' && next === 'Value');
  }
  return node.type === 'field' && !dotRebound && node.idents[0] === 'Value';
}

/** `index $labels "name"`. */
function indexRef(cmd: CommandNode, dotRebound: boolean): string | undefined {
  const [fn, target, key] = cmd.args;
  if (fn?.type !== 'identifier' || fn.name !== 'index' || !target || key?.type !== 'string') return undefined;
  return labelsPath(target, dotRebound)?.length === 0 ? key.text : undefined;
}

const CONTROL_MESSAGES: Record<string, string> = {
  range: '{{range}} is not supported: lookout cannot render it offline',
  template: '{{template}} is not supported: alert templates cannot include other templates offline',
  define: '{{define}} is not supported: alert templates cannot define templates offline',
  block: '{{block}} is not supported: alert templates cannot define templates offline',
  break: '{{break}} is not supported (it only exists inside {{range}})',
  continue: '{{continue}} is not supported (it only exists inside {{range}})',
};

/**
 * Analyzes a Prometheus alert template without rendering it.
 *
 * @example
 * analyzeTemplate('{{ $labels.reason }}: {{ $value | humanize }}')
 * // => { problems: [], labelRefs: [{ name: 'reason', from: 3, to: 17 }], usesValue: true, functions: ['humanize'] }
 */
export function analyzeTemplate(text: string): TemplateAnalysis {
  const parsed = parseTemplate(text, { hasFunction, collectUnknownFunctions: true });
  const problems: TemplateProblem[] = [];
  const labelRefs: LabelRef[] = [];
  const functions: string[] = [];
  let usesValue = false;
  for (const ev of parsed.events) {
    switch (ev.kind) {
      case 'function': {
        const { name, from, to } = ev.node;
        if (!functions.includes(name)) functions.push(name);
        if (!hasFunction(name)) {
          problems.push({ kind: 'unknown-function', message: `function ${goQuote(name)} not defined`, from, to });
        } else if (QUERY_FUNCTIONS.includes(name)) {
          const message = `the ${name} function needs a running Prometheus (query results) and cannot be rendered offline`;
          problems.push({ kind: 'unsupported', message, from, to });
        }
        break;
      }
      case 'operand': {
        const path = labelsPath(ev.node, ev.dotRebound);
        if (path?.[0] !== undefined) labelRefs.push({ name: path[0], from: ev.node.from, to: ev.node.to });
        if (isValueRef(ev.node, ev.dotRebound)) usesValue = true;
        break;
      }
      case 'command': {
        const name = indexRef(ev.node, ev.dotRebound);
        if (name !== undefined) labelRefs.push({ name, from: ev.node.from, to: ev.node.to });
        break;
      }
      case 'control':
        problems.push({ kind: 'unsupported', message: CONTROL_MESSAGES[ev.keyword] ?? `{{${ev.keyword}}}`, from: ev.from, to: ev.to });
        break;
    }
  }
  if (parsed.error) {
    const { message, from, to } = parsed.error;
    problems.push({ kind: 'syntax', message, from, to });
  }
  problems.sort((a, b) => a.from - b.from);
  labelRefs.sort((a, b) => a.from - b.from);
  return { problems, labelRefs, usesValue, functions };
}
