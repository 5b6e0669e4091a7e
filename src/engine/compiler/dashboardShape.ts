import { z } from 'zod';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { DashboardDefinition } from '../../library/dashboards/define.js';
import { issuesToDiagnostics, placeOf, type Place } from './shapeIssues.js';

/**
 * The run-time shape of the fields of a dashboard that lookout's checks and writers read. Other
 * fields of the Grafana model pass as they are: Grafana, not lookout, owns them.
 */
const target = z.object({ expr: z.string().optional(), legendFormat: z.string().optional(), refId: z.string().optional() });
type PanelShape = { panels?: PanelShape[] | undefined };
const panel: z.ZodType<PanelShape> = z.lazy(() =>
  z.object({
    type: z.string({ message: 'a panel has a type (timeseries, stat, ...)' }),
    title: z.string().optional(),
    description: z.string().optional(),
    targets: z.array(target).optional(),
    panels: z.array(panel).optional(),
  }),
);
const model = z.object({
  title: z.string(),
  description: z.string().optional(),
  panels: z.array(z.unknown()).optional(),
  templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string() })) }).optional(),
});
const definition = z.object({
  kind: z.literal('dashboard'),
  slug: z.string().trim().min(1, { message: 'must not be empty' }),
  uid: z.string().trim().min(1, { message: 'must not be empty' }),
  title: z.string(),
  model,
});

/** Checks one dashboard, at `place`; a panel's problem is reported at the panel's call site. */
export function validateDashboard(d: DashboardDefinition, root: string, place: Place): Diagnostic[] {
  const checked = definition.safeParse(d);
  const prefix = typeof d?.slug === 'string' && d.slug ? d.slug : 'dashboard';
  if (!checked.success) return issuesToDiagnostics(checked.error, prefix, place);
  const out: Diagnostic[] = [];
  (d.model.panels ?? []).forEach((p, i) => {
    const result = panel.safeParse(p);
    if (!result.success) out.push(...issuesToDiagnostics(result.error, `${prefix}.panels[${i}]`, placeOf(d.panels?.[i], root, place)));
  });
  return out;
}
