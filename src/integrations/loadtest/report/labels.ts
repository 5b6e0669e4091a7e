/**
 * Alert identity for the report: which labels name one alert instance, and whether an
 * expectation's labels pick it out. Kept in one place so the summary, the Markdown and the
 * plot agree on what "the same alert" means.
 */

/** Labels that Prometheus adds to ALERTS series but that do not belong to the alert itself. */
const NOT_IDENTITY = new Set(['__name__', 'alertstate']);

/** The alert's own labels, sorted by name, with ALERTS' bookkeeping labels dropped. */
export function identityLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) {
    if (NOT_IDENTITY.has(key) || key === 'alertname') continue;
    out[key] = labels[key]!;
  }
  return out;
}

/** A stable key for one alert instance: its name and its own labels in name order. */
export function instanceKey(alertname: string, labels: Readonly<Record<string, string>>): string {
  return `${alertname}{${labelText(identityLabels(labels))}}`;
}

/** `a="1", b="2"` in name order, as Prometheus prints a selector's matchers. */
export function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
}

/**
 * Whether an alert named `alertname` with `labels` is the one an expectation names: same
 * name, and every label the expectation gives has the same value (a subset match).
 */
export function matchesAlert(want: { alertname: string; labels?: Readonly<Record<string, string>> | undefined }, alertname: string, labels: Readonly<Record<string, string>>): boolean {
  if (want.alertname !== alertname) return false;
  for (const [k, v] of Object.entries(want.labels ?? {})) if (labels[k] !== v) return false;
  return true;
}
