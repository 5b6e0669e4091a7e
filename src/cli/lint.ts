import { lint } from '../engine/compiler/lintProject.js';
import { EXIT, fail, info, printDiagnostics, printSilenced } from './output.js';

/** `lookout lint`: exit 0 when the services and the monitoring agree, 1 when they do not, 2 when there is nothing to lint. */
export async function lintCommand(options: { project: string }): Promise<number> {
  const result = await lint({ root: options.project });
  printDiagnostics(result.diagnostics);
  printSilenced(result.silenced ?? []);
  if (result.status === 'no-services') {
    fail('nothing to lint: lookout.config.ts declares no services (add `services: [{ catalog, sources: [...] }]` to defineProject)');
    return EXIT.usage;
  }
  if (result.status === 'errors') return EXIT.problems;
  const s = result.summary!;
  info(
    `lint ok: ${s.services} service${s.services === 1 ? '' : 's'}, ${s.files} source files; ` +
      `all ${s.metrics} catalog metrics are recorded, and every catalog metric the ${s.readers} rules and SLOs and the ${s.panels} dashboard panels read is emitted.`,
  );
  return EXIT.ok;
}
