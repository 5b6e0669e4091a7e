import { LONG_WINDOW_LABEL, SERVICE_LABEL, SHORT_WINDOW_LABEL, SLO_LABEL, TIER_LABEL } from '../../../library/slo/conventions.js';
import { alertName, isLabelName, kebabName } from './names.js';
import { IMPORT_CODES, type SpecFile, type Where } from './specFile.js';

/**
 * lookout's naming rules applied to what an input spec declares. Whatever has to change for
 * the imported SLO to pass lookout's checks is changed here and reported as a warning, so the
 * import never silently drops or renames anything.
 */

/** Labels lookout sets on every recorded series or burn-rate alert of an SLO. */
const RESERVED_LABELS: Readonly<Record<string, string>> = {
  [SLO_LABEL]: 'lookout sets it to the SLO name',
  [SERVICE_LABEL]: 'lookout sets it to the service name',
  [TIER_LABEL]: "lookout sets it to each burn-rate alert's long window (1h, 6h, 1d, 3d by default)",
  [LONG_WINDOW_LABEL]: 'lookout sets it on each burn-rate alert',
  [SHORT_WINDOW_LABEL]: 'lookout sets it on each burn-rate alert',
  severity: 'lookout sets it itself: page on the page tiers (1h and 6h by default), ticket on the ticket tiers (1d and 3d)',
  alertname: 'Prometheus sets it to the alert name',
};

/** Annotations lookout writes on every burn-rate alert, whatever the SLO says. */
const OWN_ANNOTATIONS = new Set(['summary', 'description']);

function changed(file: SpecFile, where: Where, message: string, hint?: string): void {
  file.report('warning', IMPORT_CODES.changed, where, message, hint);
}

/** A service or SLO name as a kebab-case label value. */
export function labelValueName(file: SpecFile, where: Where, what: 'service' | 'SLO', name: string): string {
  const out = kebabName(name);
  if (out !== name) changed(file, where, `${what} name "${name}" is not kebab-case; imported as "${out}"`);
  return out;
}

/** Labels without the ones lookout sets itself or Prometheus rejects. */
export function keptLabels(file: SpecFile, where: Where, labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels ?? {})) {
    const at = { ...where, path: [...where.path, name] };
    const reserved = RESERVED_LABELS[name];
    // An Alertmanager route may match the label as the input set it: say it will not any more.
    if (reserved) {
      changed(
        file,
        at,
        `label ${name}="${value}" left out: ${reserved}; a route or query matching ${name}="${value}" stops matching`,
        name === 'severity' ? 'route on severity="page" and severity="ticket"' : `rename it (for example ${name}_label) to keep it`,
      );
    }
    else if (!isLabelName(name)) changed(file, at, `label "${name}" left out: not a valid Prometheus label name`);
    else out[name] = value;
  }
  return out;
}

/** Alert annotations, with the runbook URL taken out into `runbook` where lookout expects it. */
export function keptAnnotations(file: SpecFile, where: Where, annotations: Readonly<Record<string, string>> | undefined): { annotations: Record<string, string>; runbook?: string } {
  const out: { annotations: Record<string, string>; runbook?: string } = { annotations: {} };
  for (const [name, value] of Object.entries(annotations ?? {})) {
    if (name === 'runbook_url') out.runbook = value;
    else if (OWN_ANNOTATIONS.has(name)) changed(file, { ...where, path: [...where.path, name] }, `annotation "${name}" left out: lookout writes the ${name} of every burn-rate alert`);
    else out.annotations[name] = value;
  }
  return out;
}

/** A CamelCase alert name of at most 40 characters, derived when the input has none. */
export function importedAlertName(file: SpecFile, where: Where, given: string | undefined, service: string, slo: string): string {
  const name = alertName(given, service, slo);
  if (given !== undefined && name !== given) changed(file, where, `alert name "${given}" is not CamelCase of at most 40 characters; imported as "${name}"`);
  return name;
}

/** The SLO's description, or one saying where it came from (lookout requires one). */
export function description(given: string | undefined, slo: string, source: string): string {
  const text = given?.trim().replace(/\s+/g, ' ');
  return text && text.length >= 10 ? text : `The ${slo} SLO, imported from ${source}.`;
}
