import { execa } from 'execa';

/** A Prometheus-ecosystem binary lookout runs, and how to get it. */
export interface Tool {
  name: string;
  /** Environment variable that overrides the binary's path. */
  env: string;
  defaultBinary: string;
  install: string;
}

export const PROMTOOL: Tool = {
  name: 'promtool',
  env: 'LOOKOUT_PROMTOOL',
  defaultBinary: 'promtool',
  install: 'apt-get install -y --no-install-recommends prometheus',
};

export const AMTOOL: Tool = {
  name: 'amtool',
  env: 'LOOKOUT_AMTOOL',
  defaultBinary: 'amtool',
  install: 'apt-get install -y --no-install-recommends prometheus-alertmanager',
};

export interface ToolRun {
  ok: boolean;
  /** The tool was not found at all. */
  missing: boolean;
  exitCode: number | undefined;
  output: string;
  command: string;
}

export function binaryOf(tool: Tool): string {
  return process.env[tool.env] || tool.defaultBinary;
}

/** Runs a tool without throwing: a missing binary is reported as such, with how to install it. */
export async function runTool(tool: Tool, args: readonly string[], cwd: string): Promise<ToolRun> {
  const bin = binaryOf(tool);
  const command = [bin, ...args].join(' ');
  const result = await execa(bin, args, { cwd, reject: false, all: true, stdin: 'ignore' });
  const missing = (result as { code?: string }).code === 'ENOENT';
  return { ok: result.exitCode === 0, missing, exitCode: result.exitCode, output: result.all ?? '', command };
}

export function missingToolMessage(tool: Tool): string {
  return `${tool.name} was not found (looked for "${binaryOf(tool)}"). Install it with:\n  ${tool.install}\nor set ${tool.env} to its path.`;
}
