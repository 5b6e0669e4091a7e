import type { LoadedProject } from '../model.js';
import { ignoreEntries } from './entries.js';
import { Silencing } from './silence.js';

/**
 * The project's silencing, when any definition writes `ignore`. The check registry lists the
 * lint checks with their code, which loads ts-morph (about a second): a project without
 * `ignore` never loads it.
 */
export async function silencingFor(loaded: LoadedProject): Promise<Silencing | undefined> {
  const entries = ignoreEntries(loaded);
  if (entries.length === 0) return undefined;
  const { codeBook } = await import('../../checks/registry.js');
  return new Silencing(entries, codeBook());
}
