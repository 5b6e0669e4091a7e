import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { configSchema, type ConfigInput, type GatewayConfig } from './schema.js';

/** A problem with a config file: where it is and what is wrong, ready to print. */
export interface ConfigProblem {
  readonly file: string;
  readonly line?: number | undefined;
  /** Dotted field path, e.g. `providers[0].baseUrl`; empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

export type ConfigResult = { ok: true; config: GatewayConfig } | { ok: false; problems: ConfigProblem[] };

/** One line per problem, compiler-style: `gateway.yaml:12: providers[0].baseUrl: Invalid URL`. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems
    .map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`)
    .join('\n');
}

/** Validates an in-memory config (the embedded default, or a test's). */
export function parseConfig(input: ConfigInput | unknown, file = '<config>'): ConfigResult {
  const checked = configSchema.safeParse(input);
  if (checked.success) return { ok: true, config: checked.data };
  return { ok: false, problems: checked.error.issues.map((issue) => problemOf(issue, file)) };
}

/** Reads and validates a YAML config file; never throws for bad input. */
export async function loadConfigFile(file: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ file, field: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, field: '', message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  const result = parseConfig(doc.toJS(), file);
  if (result.ok) return result;
  // Point each problem at the deepest node of its path that exists in the file.
  return {
    ok: false,
    problems: result.problems.map((p, i) => {
      const path = [...(result.problems[i] as ProblemWithPath).path];
      while (path.length > 0) {
        const node = doc.getIn(path, true);
        if (isNode(node) && node.range) return { ...p, line: lines.linePos(node.range[0]).line };
        path.pop();
      }
      return p;
    }),
  };
}

interface ProblemWithPath extends ConfigProblem {
  readonly path: readonly PropertyKey[];
}

function problemOf(issue: z.core.$ZodIssue, file: string): ProblemWithPath {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return { file, field: fieldPath(path), message, path };
}

function fieldPath(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
