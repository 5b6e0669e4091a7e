import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';

/** Which of Sloth's two spec forms a document is in: they spell some fields differently. */
export type Dialect = 'prometheus/v1' | 'crd';

/** prometheus/v1 spelling → the Kubernetes CRD's. */
const CRD_SPELLING: Readonly<Record<string, string>> = {
  error_query: 'errorQuery',
  total_query: 'totalQuery',
  error_ratio_query: 'errorRatioQuery',
  page_alert: 'pageAlert',
  ticket_alert: 'ticketAlert',
  slo_plugins: 'sloPlugins',
};

/** How a document of the dialect spells a field, given its prometheus/v1 name. */
export function spelled(dialect: Dialect, field: string): string {
  return dialect === 'crd' ? (CRD_SPELLING[field] ?? field) : field;
}

export interface Picked<T> {
  value: T | undefined;
  /** The key the value was found under, for diagnostics. */
  key: string;
}

/**
 * A field Sloth spells two ways. The dialect's own spelling wins; the other one is read too,
 * since Sloth's examples use both over its versions (a CRD with `page_alert`, a prometheus/v1
 * spec with `errorRatioQuery`), but a warning says so: the Sloth release in use may ignore it.
 */
export function pick<T>(file: SpecFile, at: (...p: FieldPath) => Where, dialect: Dialect, parent: FieldPath, fields: object, name: string): Picked<T> {
  const own = spelled(dialect, name);
  const other = own === name ? CRD_SPELLING[name]! : name;
  const ownValue = (fields as Record<string, T | undefined>)[own];
  const otherValue = (fields as Record<string, T | undefined>)[other];
  if (otherValue === undefined) return { value: ownValue, key: own };
  if (ownValue !== undefined) {
    file.report('warning', IMPORT_CODES.changed, at(...parent, other), `"${other}" left out: "${own}" is given too, and is how ${dialect === 'crd' ? 'the CRD' : 'a prometheus/v1 spec'} spells it`);
    return { value: ownValue, key: own };
  }
  file.report(
    'warning',
    IMPORT_CODES.changed,
    at(...parent, other),
    `read "${other}" as "${own}": ${dialect === 'crd' ? 'the CRD' : 'a prometheus/v1 spec'} spells it "${own}", and recent Sloth releases ignore "${other}"`,
    `rename it to ${own}`,
  );
  return { value: otherValue, key: other };
}
