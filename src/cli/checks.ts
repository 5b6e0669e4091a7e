import { allChecks, checksMarkdown } from '../engine/checks/registry.js';
import { EXIT, info } from './output.js';

/** Lists every check with its id, severity and reason, or prints docs/checks.md. */
export function checksCommand(options: { markdown?: boolean }): number {
  if (options.markdown) {
    process.stdout.write(checksMarkdown());
    return EXIT.ok;
  }
  for (const c of allChecks()) info(`${c.id.padEnd(30)} ${c.severity.padEnd(8)} ${c.title}`);
  return EXIT.ok;
}
