import { createInterface } from 'node:readline';
import { generateCommand } from '../../src/cli/generate.js';
import { reportFailure } from '../../src/cli/failure.js';

/**
 * `lookout generate` on one project after another, in one process (started by
 * GenerateServers in cli.ts): what the CLI would print and its exit code, for each request.
 * It runs the command as src/cli/main.ts does, failures included, but keeps the compiler
 * loaded between runs, as generate itself does in a long-lived process (a watcher, a test
 * run): a run costs its own work, not lookout's start. Requests and answers are JSON lines on
 * stdin and fd 3; what the command writes to stdout and stderr is the run's output.
 */
export interface Request {
  project: string;
  /** LOOKOUT_TIMEOUT for the run, in seconds. */
  timeoutS: number;
  /** The cache to use (LOOKOUT_CACHE_DIR); none for `--no-cache`. */
  cacheDir?: string;
}

export interface Answer {
  exitCode: number;
  output: string;
}

const answers = (await import('node:fs')).createWriteStream('', { fd: 3 });
const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

async function run(request: Request): Promise<Answer> {
  const chunks: string[] = [];
  const capture = ((chunk: string | Uint8Array) => (chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true)) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  process.env.LOOKOUT_TIMEOUT = String(request.timeoutS);
  let exitCode: number;
  try {
    if (request.cacheDir) process.env.LOOKOUT_CACHE_DIR = request.cacheDir;
    else delete process.env.LOOKOUT_CACHE_DIR;
    exitCode = await generateCommand({ project: request.project, cache: request.cacheDir !== undefined });
  } catch (e) {
    exitCode = reportFailure(e);
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
  return { exitCode, output: chunks.join('') };
}

for await (const line of createInterface({ input: process.stdin })) {
  const answer = await run(JSON.parse(line) as Request);
  answers.write(`${JSON.stringify(answer)}\n`);
}
