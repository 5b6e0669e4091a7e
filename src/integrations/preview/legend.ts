/** Series names as Grafana's Prometheus datasource writes them into a legend. */

/** `name{a="1", b="2"}`: the name Grafana shows when a query has no legend format. */
export function seriesSelector(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const parts = Object.keys(rest)
    .sort()
    .map((k) => `${k}="${rest[k]}"`);
  if (parts.length === 0) return name || '{}';
  return `${name}{${parts.join(', ')}}`;
}

/**
 * The legend text of one series: `legendFormat` with each `{{label}}` replaced by the series'
 * value (empty when it has none); `__auto` or no format gives the selector, as in Grafana.
 * A format that becomes blank falls back to the selector too.
 */
export function legendText(legendFormat: string | undefined, labels: Record<string, string>, expr: string): string {
  if (!legendFormat || legendFormat === '__auto') {
    const text = seriesSelector(labels);
    return text === '{}' ? expr : text;
  }
  const text = legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_m, name: string) => labels[name] ?? '');
  return text.trim() ? text : seriesSelector(labels);
}
