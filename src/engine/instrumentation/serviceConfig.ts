import type { Catalog } from '../../library/catalog/define.js';
import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { Project } from '../../library/project.js';
import type { ServiceFiles } from './sources.js';

export const serviceConfig = defineCheck({
  id: 'lint/service-config',
  severity: 'error',
  title: 'Each service declares a project catalog and sources that match files',
  why: 'A misspelt source folder lints nothing and reports every metric as never emitted; a catalog that is not the project\'s is not read by any definition.',
});

/**
 * Problems with `services` in lookout.config.ts: a catalog the project does not declare, a
 * catalog whose definition cannot be found, and source or exclude entries matching no file.
 */
export function checkServiceConfig(project: Project, files: readonly ServiceFiles[], unlocated: ReadonlyMap<Catalog, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: string, message: string, hint?: string) => diagnose(serviceConfig, { path, source: project.source, message, ...(hint ? { hint } : {}) });
  project.services.forEach((service, i) => {
    if (!project.catalogs.includes(service.catalog)) {
      out.push(at(`project.services[${i}].catalog`, `service ${i} records catalog "${service.catalog.job}", which is not one of the project's catalogs`, 'add it to `catalogs`'));
    }
    const problem = unlocated.get(service.catalog);
    if (problem) out.push(at(`project.services[${i}].catalog`, problem));
    for (const { field, index, entry } of files[i]?.unmatched ?? []) {
      out.push(at(`project.services[${i}].${field}[${index}]`, `"${entry}" matches no TypeScript file under the project folder`, 'paths are relative to the folder of lookout.config.ts'));
    }
  });
  return out;
}
