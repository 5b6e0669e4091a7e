/**
 * Recording rule names another tool fixed, which dashboards built for that tool select by name:
 * exempt from the level:metric:operations convention (rule/record-name).
 */

/** Sloth's SLO info series, recorded by SLOs compiled for Sloth's output. */
export const SLOTH_INFO = 'sloth_slo_info';

export const FOREIGN_RECORD_NAMES: ReadonlySet<string> = new Set([SLOTH_INFO]);
