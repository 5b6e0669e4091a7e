import { readFileSync } from 'node:fs';
import path from 'node:path';

const README = path.resolve(import.meta.dirname, '../../README.md');

/**
 * The README's fenced blocks that tests run, in document order:
 * - ```sh user: the user's path, run in an empty folder against the packed package, line by line;
 * - ```sh contributor: commands in a clone of this repository (npm scripts), checked to exist;
 * - ```<lang> file=PATH: a file the user writes at PATH, written by the test as it comes.
 * Every other block of the README is prose: it holds no shell block without one of the tags.
 */
export type ReadmeBlock =
  | { kind: 'user' | 'contributor'; line: number; commands: string[] }
  | { kind: 'file'; line: number; path: string; content: string }
  | { kind: 'other'; line: number; info: string };

/** A command line without its trailing `# comment`. */
function command(line: string): string {
  return line.replace(/\s+#\s.*$/, '').trim();
}

export function readmeBlocks(text = readFileSync(README, 'utf8')): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open || open[1] === '') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const [lang, info] = [open[1]!, open[2]!.trim()];
    const file = /^file=(\S+)$/.exec(info);
    if (file) blocks.push({ kind: 'file', line: start + 1, path: file[1]!, content: `${body.join('\n')}\n` });
    else if (lang === 'sh' && (info === 'user' || info === 'contributor')) blocks.push({ kind: info, line: start + 1, commands: body.map(command).filter(Boolean) });
    else blocks.push({ kind: 'other', line: start + 1, info: `${lang} ${info}`.trim() });
  }
  return blocks;
}
