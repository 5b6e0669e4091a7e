import type { AlertTestCase } from '../../library/alerts/testCase.js';
import { durationMs, formatDuration } from '../../library/duration.js';
import { MemoryStorage, parseSeriesValues, simulateRules, type SeriesInput } from '../evaluator/index.js';
import { seriesSelector, type PromtoolAlertTest, type PromtoolTestGroup } from './promtoolTest.js';
import { expectedFiring, type AlertUnderTest } from './simulate.js';
import { SynthesisError } from './universe.js';

/**
 * A hand-written expectation that the simulation contradicts, reported before promtool runs.
 * `field` is where in the test case the contradicted value was written (`expect.1.firing.0.annotations.summary`).
 */
export class ExpectationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function subset(partial: Readonly<Record<string, string>>, full: Readonly<Record<string, string>>): boolean {
  return Object.entries(partial).every(([k, v]) => full[k] === v);
}

function show(labels: Readonly<Record<string, string>>): string {
  return seriesSelector({ __name__: '', ...labels }) || '{}';
}

/**
 * Compiles a hand-written test case. Users name only the labels that matter; lookout
 * completes each expected alert with every label and the rendered annotations from its
 * simulation, and refuses (with what it computed) when the inputs cannot produce what the
 * user expects, so the mistake shows at generate time with a readable reason.
 */
export function compileUserTest(aut: AlertUnderTest, test: AlertTestCase, jobOf: (metric: string) => string | undefined): PromtoolTestGroup {
  const intervalMs = test.interval ? durationMs(test.interval) : 60_000;
  const inputs: SeriesInput[] = test.series.map((s) => {
    const job = jobOf(s.metric);
    const labels = { ...(job ? { job } : {}), ...s.labels, __name__: s.metric };
    let values;
    try {
      values = parseSeriesValues(s.values);
    } catch (e) {
      throw new SynthesisError(`series ${s.metric}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { labels, values };
  });
  const until = Math.max(...test.expect.map((x) => durationMs(x.at)));
  const storage = MemoryStorage.fromInputs(intervalMs, inputs);
  const timeline = simulateRules(aut.groups, storage, { evaluationIntervalMs: aut.evalIntervalMs, untilMs: until });
  const run = { inputs: [], timeline, storage };
  const checks: PromtoolAlertTest[] = test.expect.map((expectation, e) => {
    const at = durationMs(expectation.at);
    const computed = expectedFiring(aut, run, at);
    const used = new Set<number>();
    const expAlerts = expectation.firing.map((want, j) => {
      const free = (c: (typeof computed)[number], idx: number) => !used.has(idx) && subset(want.labels ?? {}, c.labels);
      // Among alerts the partial labels match, the one that also renders the written annotations.
      const exact = computed.findIndex((c, idx) => free(c, idx) && subset(want.annotations ?? {}, c.annotations));
      const i = exact >= 0 ? exact : computed.findIndex(free);
      if (i < 0) {
        const got = computed.length ? computed.map((c) => show(c.labels)).join(', ') : 'nothing';
        throw new ExpectationError(`at ${expectation.at} the test expects ${aut.rule.name}${show(want.labels ?? {})} firing, but lookout computes ${got} firing`);
      }
      used.add(i);
      const { labels, annotations } = computed[i]!;
      // promtool compares the expected annotations with the rendered ones, in full: a written one must be what the alert renders.
      for (const [name, expected] of Object.entries(want.annotations ?? {})) {
        const rendered = annotations[name];
        if (rendered === expected) continue;
        const got = rendered === undefined ? `has no annotation "${name}"` : `renders ${JSON.stringify(rendered)}`;
        throw new ExpectationError(
          `at ${expectation.at} the test expects ${aut.rule.name}${show(want.labels ?? {})} with ${name} ${JSON.stringify(expected)}, but the alert ${got}`,
          `expect.${e}.firing.${j}.annotations.${name}`,
        );
      }
      return { exp_labels: labels, exp_annotations: annotations };
    });
    const extra = computed.filter((_, idx) => !used.has(idx));
    if (extra.length > 0) {
      throw new ExpectationError(`at ${expectation.at} ${aut.rule.name}${show(extra[0]!.labels)} is also firing; list it in \`firing\` (promtool compares the full set)`);
    }
    return { eval_time: formatDuration(at), alertname: aut.rule.name, exp_alerts: expAlerts };
  });
  const group: PromtoolTestGroup = {
    name: `${aut.rule.name}: ${test.name}`,
    interval: formatDuration(intervalMs),
    input_series: inputs.map((s) => ({ series: seriesSelector(s.labels), values: test.series[inputs.indexOf(s)]!.values })),
    alert_rule_test: checks,
  };
  if (Object.keys(aut.externalLabels).length > 0) group.external_labels = { ...aut.externalLabels };
  return group;
}
