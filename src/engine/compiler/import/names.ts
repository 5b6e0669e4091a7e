import { kebab } from '../../../library/text.js';

/** The longest alert name the `alert/name` check accepts. */
export const MAX_ALERT_NAME = 40;
/** What a derived alert name ends with, as the reference SLOs name theirs. */
const ALERT_SUFFIX = 'BudgetBurn';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ALERT_NAME = /^[A-Z][a-zA-Z0-9]*$/;

/** `Requests_Availability` → `requests-availability`: SLO and service names are label values. */
export function kebabName(name: string): string {
  return KEBAB.test(name) ? name : kebab(name);
}

/** `requests-availability` → `RequestsAvailability`. */
export function pascal(name: string): string {
  return kebab(name)
    .split('-')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** `requests-availability` → `requestsAvailability`, a valid identifier for the export. */
export function camel(name: string): string {
  const p = pascal(name);
  const id = p.length ? p[0]!.toLowerCase() + p.slice(1) : 'slo';
  return /^[0-9]/.test(id) ? `slo${p}` : id;
}

/**
 * A CamelCase alert name of at most 40 characters: the given one when it already is, else
 * one made of its words; without one, `<Service><Name>BudgetBurn`, shortened to fit.
 */
export function alertName(given: string | undefined, service: string, slo: string): string {
  if (given !== undefined && ALERT_NAME.test(given) && given.length <= MAX_ALERT_NAME) return given;
  if (given !== undefined && given.trim() !== '') {
    const words = given.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
    const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
    if (/^[A-Z]/.test(name)) return name.slice(0, MAX_ALERT_NAME);
  }
  for (const base of [pascal(service) + pascal(slo), pascal(slo)]) {
    if (/^[A-Z]/.test(base) && base.length + ALERT_SUFFIX.length <= MAX_ALERT_NAME) return base + ALERT_SUFFIX;
  }
  const base = /^[A-Z]/.test(pascal(slo)) ? pascal(slo) : `Slo${pascal(slo)}`;
  return base.slice(0, MAX_ALERT_NAME - ALERT_SUFFIX.length) + ALERT_SUFFIX;
}

/** A valid Prometheus label name. */
export function isLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
