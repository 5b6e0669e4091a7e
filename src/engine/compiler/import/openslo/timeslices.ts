import { tidy } from '../../../../library/slo/compile.js';
import { windowName } from '../../../../library/slo/conventions.js';
import { LOOKOUT_WINDOW, sourceQueries, type SourceQuery, type SourceSLI } from '../model.js';
import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';
import { below } from './fields.js';
import { shorthandMs } from './window.js';

/** The budgeting methods that count time slices rather than events. */
export const SLICE_METHODS = ['Timeslices', 'RatioTimeslices'] as const;
export type SliceMethod = (typeof SLICE_METHODS)[number];

export function isSliceMethod(method: string | undefined): method is SliceMethod {
  return (SLICE_METHODS as readonly (string | undefined)[]).includes(method);
}

/** The SLI's error ratio over one slice: bad / total, 1 − good / total, or the ratio query itself. */
function sliceErrorRatio(sli: SourceSLI, slice: string): string {
  const at = (q: SourceQuery) => `(${q.windowed.split(LOOKOUT_WINDOW).join(slice)})`;
  if (sli.kind === 'error-ratio') return at(sli.errorRatio);
  return 'errors' in sli ? `${at(sli.errors)} / ${at(sli.total)}` : `1 - ${at(sli.good)} / ${at(sli.total)}`;
}

/**
 * A time-slice objective as lookout's events: each slice of `timeSliceWindow` is one event.
 * With Timeslices a slice is bad when its good ratio is below `timeSliceTarget`; with
 * RatioTimeslices each slice counts its error ratio. Subqueries over the lookout window count
 * the slices, so every window lookout records divides bad slices by all slices, and the
 * objective keeps its meaning: the share of good slices. The result is a raw SLI (its tests
 * cannot be generated), said in a warning. Undefined, with an error, when a field is missing.
 */
export function timeSliceSLI(file: SpecFile, where: Where, method: SliceMethod, sli: SourceSLI, objective: { timeSliceTarget?: number | undefined; timeSliceWindow?: number | string | undefined }): SourceSLI | undefined {
  const windowAt = below(where, 'timeSliceWindow');
  if (objective.timeSliceWindow === undefined) {
    file.error(windowAt, `is required with budgetingMethod ${method}: the length of one time slice, such as 1m`);
    return undefined;
  }
  // A bare number is seconds, as OpenSLO's duration fields allow.
  const ms = typeof objective.timeSliceWindow === 'number' ? objective.timeSliceWindow * 1000 : shorthandMs(file, windowAt, objective.timeSliceWindow);
  if (ms === undefined) return undefined;
  if (!(ms >= 60_000 && ms % 1000 === 0)) {
    file.error(windowAt, `${objective.timeSliceWindow} is shorter than a minute: a slice must span several scrapes to hold a rate`);
    return undefined;
  }
  const slice = windowName(ms);
  const ratio = sliceErrorRatio(sli, slice);
  let bad: string;
  let rule: string;
  if (method === 'Timeslices') {
    const target = objective.timeSliceTarget;
    if (target === undefined || !(target > 0 && target <= 1)) {
      file.error(below(where, 'timeSliceTarget'), target === undefined ? 'is required with budgetingMethod Timeslices: the good ratio a slice must reach, such as 0.95' : 'must be a ratio above 0 and at most 1');
      return undefined;
    }
    bad = `sum_over_time((${ratio} > bool ${tidy(1 - target)})[${LOOKOUT_WINDOW}:${slice}])`;
    rule = `a ${slice} slice is bad when its good ratio is below ${target}`;
  } else {
    bad = `sum_over_time((${ratio})[${LOOKOUT_WINDOW}:${slice}])`;
    rule = `each ${slice} slice counts its error ratio`;
  }
  const total = `count_over_time((${ratio})[${LOOKOUT_WINDOW}:${slice}])`;
  file.report('warning', IMPORT_CODES.changed, below(where, 'timeSliceWindow'), `budgetingMethod ${method} imported as a raw SLI over ${slice} time slices (${rule}); lookout cannot generate tests for it`);
  const first = sourceQueries(sli)[0]!;
  const query = (label: string, windowed: string): SourceQuery => ({ where: first.where, label, original: windowed, windowed });
  return { kind: 'events', errors: query('bad time slices', bad), total: query('time slices', total), raw: true };
}
