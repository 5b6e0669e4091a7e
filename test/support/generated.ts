import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `<root>/generated`, by its path inside it, as `generate` returns its
 * artifacts. For the repository itself, `npm test` first proves with `lookout generate --check`
 * (no drift, no diagnostic) that these are exactly what generate writes, so tests read them
 * instead of generating the repository again (about 20 s of CPU each time).
 */
export function readGenerated(root: string): Map<string, string> {
  const out = path.join(root, 'generated');
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else files.set(path.relative(out, file), readFileSync(file, 'utf8'));
    }
  };
  walk(out);
  return files;
}
