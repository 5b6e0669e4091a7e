import { unwrapParens } from '../../../../library/promql/ast.js';
import { parsePromQL } from '../../../../library/promql/parse.js';
import { printPromQL } from '../../../../library/promql/print.js';
import { hasWindow, LOOKOUT_WINDOW, windowed, type SourceQuery } from '../model.js';
import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';

/**
 * One metric query of an SLI as both OpenSLO versions give it: v1's `metricSource` (a `type`
 * or a `metricSourceRef` to a DataSource, and a `spec.query`) or v1alpha's `source` and
 * `query`, with where each part is written.
 */
export interface MetricQuery {
  type?: string | undefined;
  sourceRef?: string | undefined;
  query?: string | undefined;
  /** Where the source type is (or would be) given. */
  typeAt: Where;
  queryAt: Where;
}

/** DataSource name → its type, for queries that only name their source. */
export type DataSources = ReadonlyMap<string, string>;

/** `x{...}` or `sum by (l) (x{...})` of a counter: its per-window rate, `sum(rate(x{...}[{{window}}]))`. */
function counterRate(text: string): string | undefined {
  const parsed = parsePromQL(text);
  if (!parsed.ok) return undefined;
  let expr = unwrapParens(parsed.expr);
  let sum = 'sum';
  if (expr.type === 'aggregate' && expr.op === 'sum' && !expr.param) {
    if (expr.grouping) sum = `sum ${expr.grouping.mode} (${expr.grouping.labels.join(', ')}) `;
    expr = unwrapParens(expr.expr);
  }
  if (expr.type !== 'vector' || expr.offsetMs !== undefined || expr.at !== undefined) return undefined;
  return `${sum}(rate(${printPromQL(expr)}[${LOOKOUT_WINDOW}]))`;
}

/**
 * The query as lookout evaluates it per window: as written when it has Sloth's `{{.window}}`
 * placeholder, or the rate of a counter selector. Anything but Prometheus is refused with the
 * source named, since lookout only writes Prometheus rules.
 */
export function readQuery(file: SpecFile, sources: DataSources, metric: MetricQuery, label: string, counter: boolean | undefined): SourceQuery | undefined {
  const type = metric.type ?? (metric.sourceRef !== undefined ? sources.get(metric.sourceRef) : undefined);
  if (type === undefined) {
    const missing = metric.sourceRef !== undefined ? `no DataSource named "${metric.sourceRef}" in ${file.inputName}, and no type` : 'is required';
    file.error(metric.typeAt, `${missing}: give type: Prometheus, or a metricSourceRef to a DataSource in ${file.inputName}`);
    return undefined;
  }
  if (type.toLowerCase() !== 'prometheus') {
    const via = metric.type === undefined ? ` (DataSource ${metric.sourceRef})` : '';
    file.report('error', IMPORT_CODES.unsupported, metric.typeAt, `metric source type ${type}${via} cannot be imported: lookout reads Prometheus queries`);
    return undefined;
  }
  const text = metric.query?.trim();
  if (!text) {
    file.error(metric.queryAt, 'is required: the PromQL query');
    return undefined;
  }
  const at = metric.queryAt;
  if (label === 'raw' || hasWindow(text)) return { where: at, label, original: text, windowed: windowed(text) };
  const perWindow = counter ? counterRate(text) : undefined;
  if (perWindow === undefined) {
    file.error(
      at,
      counter ? 'the query has no {{.window}} placeholder and is not a counter selector, so it cannot be evaluated over each window' : 'the query has no {{.window}} placeholder and the SLI is not a counter (counter: true)',
      'write sum(rate(<selector>[{{.window}}])), or a counter selector with counter: true',
    );
    return undefined;
  }
  return { where: at, label, original: text, windowed: perWindow };
}
