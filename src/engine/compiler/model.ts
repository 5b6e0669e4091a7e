import type { Catalog } from '../../library/catalog/define.js';
import type { RuleGroup } from '../../library/alerts/define.js';
import type { Project } from '../../library/project.js';
import type { SLO } from '../../library/slo/define.js';
import type { Routing } from '../../library/routing/define.js';
import type { DashboardDefinition } from '../../library/dashboards/define.js';

/** One definition module and what it exported. */
export interface DefinitionModule {
  /** Absolute path. */
  file: string;
  /** Path relative to the project root, with forward slashes: `rules/gateway-errors.ts`. */
  relPath: string;
  groups: RuleGroup[];
  slos: SLO[];
  /** Alertmanager routing (one per project). */
  routings: Routing[];
  /** Grafana dashboards made with defineDashboard(). */
  dashboards: DashboardDefinition[];
}

/** Everything `lookout generate` loaded, before any check ran. */
export interface LoadedProject {
  root: string;
  project: Project;
  catalogs: Catalog[];
  modules: DefinitionModule[];
}
