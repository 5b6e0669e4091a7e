import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeBlocks } from './cli/readmeBlocks.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const blocks = readmeBlocks();

/**
 * The README's commands are run by tests: the `sh user` blocks by test/cli/pack.test.ts, in an
 * empty folder against the packed package (with its `file=` blocks written as they come). The
 * `sh contributor` blocks are this repository's own commands: running `npm test` inside `npm
 * test` is no test, so each is checked to be an npm script, and CI runs them all anyway.
 */
describe('the README', () => {
  it('has no shell block that no test runs', () => {
    const untagged = blocks.filter((b) => b.kind === 'other' && /^(sh|bash|shell|console)\b/.test(b.info));
    expect(untagged, 'tag each shell block `sh user` or `sh contributor`').toEqual([]);
  });

  it('names only npm scripts that exist in its contributor commands', () => {
    const commands = blocks.flatMap((b) => (b.kind === 'contributor' ? b.commands.flatMap((c) => c.split('&&').map((s) => s.trim())) : []));
    expect(commands).toEqual(['npm install', 'npm run generate', 'npm test', 'npm run test:live']);
    for (const c of commands) {
      const script = /^npm (?:run )?(\S+)$/.exec(c)?.[1];
      if (script === 'install') continue;
      expect(scripts[script!], c).toBeDefined();
    }
  });

  it("keeps the two commands a fresh clone is set up and tested with, and the user's path from install to CI", () => {
    const contributor = blocks.filter((b) => b.kind === 'contributor').flatMap((b) => (b.kind === 'contributor' ? b.commands : []));
    expect(contributor).toContain('npm install && npm run generate');
    expect(contributor).toContain('npm test');
    const user = blocks.flatMap((b) => (b.kind === 'user' ? b.commands : []));
    for (const step of ['npm install --save-dev lookout @types/node', 'npx lookout init', 'npx lookout doctor', 'npx lookout generate', 'npx lookout validate', 'npx lookout lint', 'npx lookout generate --check']) {
      expect(user).toContain(step);
    }
    expect(user.some((c) => c.startsWith('npx lookout import '))).toBe(true);
  });

  it('writes each example file once, and only where generate or lint read it', () => {
    const files = blocks.flatMap((b) => (b.kind === 'file' ? [b.path] : []));
    expect(new Set(files).size).toBe(files.length);
    for (const f of files) expect(f).toMatch(/^(lookout\.config\.ts|metrics\.ts|(rules|slo|dashboards|src)\/[\w-]+\.ts|specs\/[\w-]+\.ya?ml)$/);
  });

  it('links only to files that exist', () => {
    const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const docs = ['README.md', 'docs/gateway.md', 'docs/loadtests.md', 'docs/benchmarks.md', 'docs/reference.md', 'docs/contributing.md'];
    for (const doc of docs) {
      const body = doc === 'README.md' ? text : readFileSync(path.join(ROOT, doc), 'utf8');
      for (const [, target] of body.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^https?:/.test(target!)) continue;
        expect(() => readFileSync(path.resolve(ROOT, path.dirname(doc), target!)), `${doc} → ${target}`).not.toThrow();
      }
    }
  });
});
