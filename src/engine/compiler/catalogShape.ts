import { z } from 'zod';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { callSiteOf } from './definitionSites.js';
import { issuesToDiagnostics, placeOf, type Place } from './shapeIssues.js';

/**
 * The run-time shape of a metric catalog. TypeScript's types already describe it; this catches
 * what an `as any`, a JavaScript module or a catalog built by hand lets through (buckets that are
 * not a list, a help that is not a string) before a check trips over it.
 */
const name = z.string().trim().min(1, { message: 'must not be empty' });
const labels = z.record(z.string(), z.union([z.literal('open'), z.array(z.string())], { message: "a label's values are 'open' or a list of strings" }));
const info = z.object({ name, help: z.string(), unit: z.string().optional(), labels });

const metric = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('counter'), info, exporterName: z.object({ reason: z.string() }).optional() }),
    z.object({ type: z.literal('gauge'), info, states: z.record(z.string(), z.number()).optional() }),
    z.object({
      type: z.literal('histogram'),
      info,
      buckets: z.array(z.number().refine(Number.isFinite, { message: 'a bucket bound is a finite number' }), { message: 'buckets must be a list of numbers' }),
    }),
  ],
  { message: 'metrics must be made with counter(), gauge() or histogram()' },
);

const catalog = z.object(
  {
    kind: z.literal('catalog', { message: 'catalogs must be made with defineMetrics()' }),
    job: name,
    jobs: z.array(name).optional(),
    metrics: z.record(z.string(), z.unknown()),
  },
  { message: 'catalogs must be made with defineMetrics()' },
);

/**
 * Checks every catalog of the project and each of its metrics, reported at the metric's own
 * call site, else the catalog's. A catalog lookout did not make (`null`, an object written in
 * the config) has no call site: it is reported as `project.catalogs.N` at `config`.
 */
export function validateCatalogs(catalogs: readonly unknown[], root: string, config: Place): Diagnostic[] {
  const out: Diagnostic[] = [];
  catalogs.forEach((c, i) => {
    const made = callSiteOf(c) !== undefined;
    const job = (c as { job?: unknown } | null)?.job;
    const label = !made ? `project.catalogs.${i}` : typeof job === 'string' && job ? job : 'catalog';
    const place = placeOf(c, root, config);
    const checked = catalog.safeParse(c);
    if (!checked.success) {
      out.push(...issuesToDiagnostics(checked.error, made ? `catalog ${label}` : label, place));
      return;
    }
    for (const [key, m] of Object.entries(checked.data.metrics)) {
      const result = metric.safeParse(m);
      if (!result.success) out.push(...issuesToDiagnostics(result.error, `${label}.metrics.${key}`, placeOf((m as { info?: unknown } | undefined)?.info, root, place)));
    }
  });
  return out;
}
