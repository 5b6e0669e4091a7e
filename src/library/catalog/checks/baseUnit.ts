import { defineCheck } from '../../diagnostics/check.js';
import { segments, stem, type MetricCheck, type MetricFinding } from './context.js';

/** Non-base units and what to use instead. */
const NON_BASE: Record<string, string> = {
  ms: 'seconds',
  millis: 'seconds',
  milliseconds: 'seconds',
  us: 'seconds',
  microseconds: 'seconds',
  ns: 'seconds',
  nanoseconds: 'seconds',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  kb: 'bytes',
  kilobytes: 'bytes',
  mb: 'bytes',
  megabytes: 'bytes',
  gb: 'bytes',
  gigabytes: 'bytes',
  bits: 'bytes',
  percent: 'ratio',
  percentage: 'ratio',
  cents: 'usd',
};

export const baseUnit: MetricCheck = {
  check: defineCheck({
    id: 'catalog/base-unit',
    severity: 'error',
    title: 'Units are base units and the name ends with the unit',
    why: 'Mixing seconds and milliseconds across metrics makes every threshold a unit conversion waiting to be wrong; Prometheus uses seconds, bytes and ratios.',
  }),
  run({ metric }) {
    const out: MetricFinding[] = [];
    const name = metric.info.name;
    const unit = metric.info.unit;
    if (unit && NON_BASE[unit]) {
      out.push({ field: 'unit', message: `unit "${unit}" is not a base unit`, hint: `use "${NON_BASE[unit]}" and convert when recording` });
    }
    const bad = segments(name).find((s) => NON_BASE[s]);
    if (bad) out.push({ field: 'name', message: `metric name "${name}" uses the non-base unit "${bad}"`, hint: `use "${NON_BASE[bad]}"` });
    if (unit && !NON_BASE[unit] && !stem(metric).endsWith(`_${unit}`)) {
      const suffix = metric.type === 'counter' ? `_${unit}_total` : `_${unit}`;
      out.push({ field: 'name', message: `metric "${name}" has unit "${unit}" but its name does not end in ${suffix}` });
    }
    return out;
  },
};
