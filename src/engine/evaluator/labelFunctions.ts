import type { Expr } from '../../library/promql/ast.js';
import { unwrapParens } from '../../library/promql/ast.js';
import { LABEL_NAME } from '../../library/promql/labelName.js';
import { EvaluationError } from './errors.js';
import { getLabel, METRIC_NAME, setLabels, type Labels } from './labelSet.js';
import { exactly, labelReplaceRegexp } from './regexps.js';
import type { Sample } from './values.js';

/** label_replace, label_join and absent()'s label inference; none of them drop __name__. */

export function labelReplace(samples: readonly Sample[], dst: string, replacement: string, src: string, regex: string): Sample[] {
  // Compile first: Prometheus rejects a bad regex even when the vector is empty, and before
  // it looks at the destination label.
  const re = labelReplaceRegexp(regex);
  if (!LABEL_NAME.test(dst)) throw new EvaluationError(`invalid destination label name in label_replace(): ${dst}`);
  return samples.map((s) => {
    // A search, as Prometheus's FindStringSubmatchIndex: the anchoring is in the pattern text.
    const match = exactly(() => re.findSubmatch(getLabel(s.labels, src)));
    if (!match) return s;
    return { labels: setLabels(s.labels, { [dst]: exactly(() => re.expand(replacement, match)) }), value: s.value };
  });
}

export function labelJoin(samples: readonly Sample[], dst: string, separator: string, sources: readonly string[]): Sample[] {
  for (const src of sources) {
    if (!LABEL_NAME.test(src)) throw new EvaluationError(`invalid source label name in label_join(): ${src}`);
  }
  if (!LABEL_NAME.test(dst)) throw new EvaluationError(`invalid destination label name in label_join(): ${dst}`);
  return samples.map((s) => {
    const joined = sources.map((src) => getLabel(s.labels, src)).join(separator);
    return { labels: setLabels(s.labels, { [dst]: joined }), value: s.value };
  });
}

/**
 * The labels absent() and absent_over_time() report: each label pinned by one `=` matcher.
 * A label named by any other matcher, or by a second one, is left out (historic behaviour).
 */
export function absentLabels(arg: Expr | undefined): Labels {
  const e = arg && unwrapParens(arg);
  const selector = e?.type === 'vector' ? e : e?.type === 'matrix' ? e.vector : undefined;
  if (!selector) return [];
  let labels: Labels = [];
  const seen = new Set<string>();
  for (const m of selector.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.op === '=' && !seen.has(m.name)) {
      labels = setLabels(labels, { [m.name]: m.value });
      seen.add(m.name);
    } else {
      labels = setLabels(labels, { [m.name]: '' });
    }
  }
  return labels;
}
