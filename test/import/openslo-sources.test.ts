import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { fixture, importProject } from './project.js';

describe('lookout import openslo, on queries sent to a source other than Prometheus', () => {
  it('refuses the SLI naming the source and the DataSource it came through, at each query, and writes nothing', async () => {
    const dir = importProject();
    const out = path.join(dir, 'slo/datadog.ts');
    const r = await importSpec({ format: 'openslo', input: fixture('openslo/datadog.yaml'), root: dir, out });
    expect(r.status).toBe('errors');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line} ${d.path}: ${d.message}`)).toEqual([
      'warning import/changed 8 DataSource/dd.spec.connectionDetails: connectionDetails left out: lookout queries the Prometheus its rules are loaded into',
      'error import/unsupported 23 SLO/search-ok.spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef: metric source type Datadog (DataSource dd) cannot be imported: lookout reads Prometheus queries',
      'error import/unsupported 28 SLO/search-ok.spec.indicator.spec.ratioMetric.total.metricSource.metricSourceRef: metric source type Datadog (DataSource dd) cannot be imported: lookout reads Prometheus queries',
    ]);
    expect(existsSync(out)).toBe(false);
    removeProject(dir);
  });
});
