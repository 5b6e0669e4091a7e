import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';

/**
 * Sloth labels every alert with `sloth_id`, `sloth_service`, `sloth_slo` and `sloth_severity`
 * (page or ticket), and its recorded series with `sloth_window` as well. Routes, inhibit
 * rules and dashboards built on them stop matching lookout's output, which labels by
 * `service`, `slo`, `tier` and `severity`: said once per file, where the first SLO is.
 */
export function reportSlothLabels(file: SpecFile, where: Where): void {
  file.report(
    'warning',
    IMPORT_CODES.changed,
    where,
    "Sloth's labels are not on lookout's output: its alerts carry sloth_id, sloth_service, sloth_slo and sloth_severity (page or ticket), lookout's carry service, slo, tier (the tier's long window) and severity (page or ticket); its series carry sloth_window, lookout's have the window in the rule name. An Alertmanager route, inhibit rule or dashboard matching a sloth_* label stops matching",
    "keep Sloth's labels and series with --sloth-compat, or change the routes to match severity, service and slo",
  );
}
