/**
 * Label sets as Prometheus keeps them: pairs sorted by name, no empty values. Setting a
 * label to "" removes it, exactly like Prometheus's labels.Builder, which several functions
 * (label_replace, label_join, alert labels) rely on.
 */

export type Label = readonly [name: string, value: string];
export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';

/** Go compares strings byte-wise in UTF-8; UTF-16 order differs only around surrogates. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    // A surrogate encodes a code point above every BMP character.
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export function fromRecord(record: Readonly<Record<string, string>>): Labels {
  return Object.entries(record)
    .filter(([, v]) => v !== '')
    .sort((x, y) => compareStrings(x[0], y[0]));
}

export function toRecord(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of labels) out[name] = value;
  return out;
}

export function getLabel(labels: Labels, name: string): string {
  for (const [n, v] of labels) if (n === name) return v;
  return '';
}

/** Sets (or with "" removes) labels, keeping the set sorted. */
export function setLabels(labels: Labels, changes: Readonly<Record<string, string>>): Labels {
  let out = labels;
  for (const name of Object.keys(changes)) out = setLabel(out, name, changes[name]!);
  return out;
}

/**
 * One change of setLabels, in place of a sort: the set is already sorted, so the label goes
 * where the first larger name starts. Returns the set itself when nothing changes.
 */
function setLabel(labels: Labels, name: string, value: string): Labels {
  let i = 0;
  while (i < labels.length && compareStrings(labels[i]![0], name) < 0) i++;
  const present = i < labels.length && labels[i]![0] === name;
  if (value === '' ? !present : present && labels[i]![1] === value) return labels;
  const out = labels.slice();
  if (value === '') out.splice(i, 1);
  else if (present) out[i] = [name, value];
  else out.splice(i, 0, [name, value]);
  return out;
}

export function withoutLabels(labels: Labels, names: readonly string[]): Labels {
  if (names.length === 0) return labels;
  const drop = new Set(names);
  return labels.filter(([n]) => !drop.has(n));
}

export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  const keep = new Set(names);
  return labels.filter(([n]) => keep.has(n));
}

/**
 * Most named label sets are a stored series' own, dropped again at every step (rate(), arithmetic):
 * the result is kept per set, so it is built once and is the same array each time.
 */
const withoutName = new WeakMap<Labels, Labels>();

export function dropMetricName(labels: Labels): Labels {
  if (!labels.some(([n]) => n === METRIC_NAME)) return labels;
  let out = withoutName.get(labels);
  if (!out) withoutName.set(labels, (out = labels.filter(([n]) => n !== METRIC_NAME)));
  return out;
}

export const LABEL_SEPARATOR = '\xff';

/** A string that identifies a label set; equal sets give equal keys. */
export function labelsKey(labels: Labels): string {
  let key = '';
  for (const [n, v] of labels) key += n + LABEL_SEPARATOR + v + LABEL_SEPARATOR;
  return key;
}

/** Prometheus's labels.Compare: pairwise by name then value, the shorter set first. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [an, av] = a[i]!;
    const [bn, bv] = b[i]!;
    if (an !== bn) return compareStrings(an, bn);
    if (av !== bv) return compareStrings(av, bv);
  }
  return a.length - b.length;
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="b", c="d"}` as Prometheus prints a metric (labels.String without the name). */
export function formatLabels(labels: Labels): string {
  const name = getLabel(labels, METRIC_NAME);
  const rest = labels.filter(([n]) => n !== METRIC_NAME).map(([n, v]) => `${n}="${escapeValue(v)}"`);
  return `${name}{${rest.join(', ')}}`;
}
