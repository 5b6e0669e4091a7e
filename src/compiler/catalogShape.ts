import { z } from 'zod';
import type { Catalog } from '../toolkit/catalog/define.js';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { relative } from './paths.js';
import { issuesToDiagnostics } from './shapeIssues.js';

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

const catalog = z.object({
  kind: z.literal('catalog'),
  job: name,
  jobs: z.array(name).optional(),
  metrics: z.record(z.string(), z.unknown()),
});

/** Checks every catalog and each of its metrics, reported at the metric's own call site. */
export function validateCatalogs(catalogs: readonly Catalog[], root: string, configFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of catalogs) {
    const file = c.source ? relative(root, c.source.file) : configFile;
    const checked = catalog.safeParse(c);
    if (!checked.success) {
      out.push(...issuesToDiagnostics(checked.error, file, `catalog ${String(c?.job)}`, c?.source));
      continue;
    }
    for (const [key, m] of Object.entries(c.metrics)) {
      const source = (m as { info?: { source?: { file: string; line: number; column: number } } } | undefined)?.info?.source;
      const result = metric.safeParse(m);
      if (!result.success) out.push(...issuesToDiagnostics(result.error, source ? relative(root, source.file) : file, `${c.job}.metrics.${key}`, source ?? c.source));
    }
  }
  return out;
}
