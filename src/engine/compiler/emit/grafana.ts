import type { Project } from '../../../library/project.js';
import type { ProjectDashboard } from '../dashboards.js';
import { generatedHeader, toYaml } from './yaml.js';
import { DASHBOARDS_SUBDIR } from '../discover.js';

/**
 * Grafana outputs: each dashboard's JSON, a file provisioning config that loads the folder of
 * them, and one ConfigMap per dashboard for the Grafana sidecar (kiwigrid k8s-sidecar, as the
 * Grafana Helm chart runs it), which picks up ConfigMaps labelled `grafana_dashboard: "1"`.
 */

/** Where the provisioning config expects generated/grafana/dashboards to be mounted. */
export const DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards';
/** The label the Grafana sidecar selects dashboard ConfigMaps by, and its value. */
export const SIDECAR_LABEL = 'grafana_dashboard';
/** Annotation the Grafana Helm chart's sidecar reads for the folder (`sidecar.dashboards.folderAnnotation`). */
export const FOLDER_ANNOTATION = 'grafana_folder';

/** A copy of `value` with every object's keys sorted: no key order in dashboard JSON carries meaning. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The dashboard JSON as written to disk and pushed: sorted keys, two-space indent, final newline. */
export function dashboardJson(d: ProjectDashboard): string {
  return `${JSON.stringify(sortKeys(d.definition.model), null, 2)}\n`;
}


/** generated/grafana/dashboards/<uid>.json */
export function dashboardPath(d: ProjectDashboard): string {
  return `${DASHBOARDS_SUBDIR}/${d.definition.uid}.json`;
}

/** Grafana's dashboard provisioning file (apiVersion 1) with one file provider for the project's dashboards. */
export function provisioningConfig(project: Project): string {
  const config = {
    apiVersion: 1,
    providers: [
      {
        name: `lookout-${project.name}`,
        orgId: 1,
        folder: project.name,
        type: 'file',
        disableDeletion: false,
        // Changes go through the definitions: a dashboard edited in Grafana is overwritten on the next load.
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: `${DASHBOARDS_MOUNT}/${project.name}`, foldersFromFilesStructure: false },
      },
    ],
  };
  const note = `# Mount generated/grafana/dashboards at ${DASHBOARDS_MOUNT}/${project.name} and this file under /etc/grafana/provisioning/dashboards/.\n`;
  return generatedHeader('lookout.config.ts and the dashboards it found') + note + toYaml(config);
}

/** A ConfigMap holding one dashboard, labelled for the Grafana sidecar. */
export function dashboardConfigMap(d: ProjectDashboard, json: string, project: Project): string {
  const resource = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `grafana-dashboard-${d.definition.slug}`.slice(0, 253),
      labels: { [SIDECAR_LABEL]: '1', 'app.kubernetes.io/managed-by': 'lookout', 'app.kubernetes.io/part-of': project.name },
      annotations: { [FOLDER_ANNOTATION]: project.name },
    },
    data: { [`${d.definition.uid}.json`]: json },
  };
  return generatedHeader(d.from) + toYaml(resource);
}

/** Every Grafana file of the project, by path under generated/. */
export function grafanaArtifacts(dashboards: readonly ProjectDashboard[], project: Project): Map<string, string> {
  const files = new Map<string, string>();
  if (dashboards.length === 0) return files;
  for (const d of dashboards) {
    const json = dashboardJson(d);
    files.set(dashboardPath(d), json);
    files.set(`grafana/kubernetes/${d.definition.slug}.yaml`, dashboardConfigMap(d, json, project));
  }
  files.set('grafana/provisioning/dashboards.yaml', provisioningConfig(project));
  return files;
}
