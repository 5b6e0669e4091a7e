import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LAYOUT, DEFAULT_PARTIALS } from '../../runbooks/defaults.js';
import type { RunbookTemplate, RunbookTemplates } from '../../runbooks/render.js';
import { RUNBOOKS_DIR } from '../discover.js';


const BUILT_IN = 'lookout:built-in';

function filesIn(root: string, dir: string, pattern: RegExp): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => e.name)
    .sort();
}

function read(root: string, rel: string): RunbookTemplate {
  return { file: rel, source: readFileSync(path.join(root, rel), 'utf8') };
}

/**
 * Reads the project's runbook templates over the built-in ones. `adopted` is whether the
 * project has a runbooks/ folder at all: only then is a paging alert without steps an error.
 */
export function loadRunbookTemplates(root: string): { templates: RunbookTemplates; adopted: boolean } {
  const adopted = existsSync(path.join(root, RUNBOOKS_DIR));
  const layoutFile = `${RUNBOOKS_DIR}/layout.hbs`;
  const layout = existsSync(path.join(root, layoutFile)) ? read(root, layoutFile) : { file: `${BUILT_IN}/layout.hbs`, source: DEFAULT_LAYOUT };
  const partials: Record<string, RunbookTemplate> = {};
  for (const [name, source] of Object.entries(DEFAULT_PARTIALS)) partials[name] = { file: `${BUILT_IN}/partials/${name}.hbs`, source };
  for (const name of filesIn(root, `${RUNBOOKS_DIR}/partials`, /\.hbs$/)) {
    partials[name.replace(/\.hbs$/, '')] = read(root, `${RUNBOOKS_DIR}/partials/${name}`);
  }
  const content: RunbookTemplates['content'] & Record<string, RunbookTemplate & { verbatim: boolean }> = {};
  // .md first, so a .hbs of the same alert wins.
  for (const ext of ['.md', '.hbs']) {
    for (const name of filesIn(root, `${RUNBOOKS_DIR}/alerts`, new RegExp(`\\${ext}$`))) {
      content[name.slice(0, -ext.length)] = { ...read(root, `${RUNBOOKS_DIR}/alerts/${name}`), verbatim: ext === '.md' };
    }
  }
  return { templates: { layout, partials, content }, adopted };
}
