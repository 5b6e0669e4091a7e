import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { toYaml } from './emit/yaml.js';

/**
 * A complete Alertmanager config around a fragment of generated/alertmanager (until routing
 * is generated, the fragments are all there is): one receiver that drops everything, so
 * `amtool check-config` checks the fragment's own fields with Alertmanager's parser.
 */
export function withMinimalRoute(fragment: string): string {
  const parsed = (parse(fragment) ?? {}) as Record<string, unknown>;
  return toYaml({ route: { receiver: 'blackhole' }, receivers: [{ name: 'blackhole' }], ...parsed });
}

/** Writes the wrapped fragment to a temporary file, runs `check`, and removes the file. */
export async function checkFragment<T>(fragmentFile: string, check: (configFile: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-am-'));
  try {
    const file = path.join(dir, 'alertmanager.yml');
    writeFileSync(file, withMinimalRoute(readFileSync(fragmentFile, 'utf8')));
    return await check(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
