/**
 * Checks a definition opts out of: each code with the reason it does not apply here, as
 * pint's `# pint disable` comments do for a rule. The reason is required, so whoever reads the
 * definition later learns why the check stays quiet; an entry that silences nothing is itself
 * reported (`ignore/unused`), so stale entries do not pile up. Checks whose problem Prometheus,
 * Alertmanager or promtool would refuse cannot be silenced (docs/checks.md says which).
 * @example
 * alert({ ..., ignore: { 'alert/summary': 'starts with the service name, as our pager expects' } })
 */
export type Ignore = Readonly<Record<string, string>>;

/** A copy of `ignore` for a definition to keep; no key at all without one, so definitions that do not use it are the same plain data as before. */
export function keptIgnore(ignore: Ignore | undefined): { ignore?: Ignore } {
  return ignore === undefined ? {} : { ignore: { ...ignore } };
}
