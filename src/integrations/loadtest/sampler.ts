import type { AlertInterval, Sample } from './report/types.js';
import { instantValue, instantVector, type RunningPrometheus, type VectorResult } from './prometheus.js';

/** What the sampler saw of one ALERTS series at one instant. */
export interface AlertObservation {
  readonly alertname: string;
  readonly state: 'pending' | 'firing';
  /** The alert's own labels: ALERTS' labels without `__name__` and `alertstate`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A stable key of an alert instance in one state, independent of label order. */
function keyOf(o: AlertObservation): string {
  return JSON.stringify([o.state, Object.entries(o.labels).sort(([a], [b]) => a.localeCompare(b))]);
}

/**
 * Folds successive ALERTS observations into intervals: an instance in a state opens an
 * interval the first time it is seen and closes at the first sample it is missing from.
 */
export class AlertTimeline {
  private readonly open = new Map<string, { observation: AlertObservation; from: number }>();
  private readonly closed: AlertInterval[] = [];

  observe(at: number, observations: readonly AlertObservation[]): void {
    const seen = new Set<string>();
    for (const o of observations) {
      const key = keyOf(o);
      seen.add(key);
      if (!this.open.has(key)) this.open.set(key, { observation: o, from: at });
    }
    for (const [key, interval] of this.open) {
      if (seen.has(key)) continue;
      this.open.delete(key);
      this.closed.push(toInterval(interval.observation, interval.from, at));
    }
  }

  /** Every interval so far; those still open have no `to`. Ordered by start. */
  intervals(): AlertInterval[] {
    const open = [...this.open.values()].map((i) => toInterval(i.observation, i.from, undefined));
    return [...this.closed, ...open].sort((a, b) => a.from - b.from || a.alertname.localeCompare(b.alertname));
  }
}

function toInterval(o: AlertObservation, from: number, to: number | undefined): AlertInterval {
  return { alertname: o.alertname, labels: o.labels, state: o.state, from, to };
}

/** ALERTS series as observations. */
export function alertObservations(result: VectorResult): AlertObservation[] {
  return result.result.map(({ metric }) => {
    const { __name__: _name, alertstate, ...labels } = metric;
    return { alertname: labels.alertname ?? '', state: alertstate === 'firing' ? 'firing' : 'pending', labels };
  });
}

/**
 * Every `everyMs`, asks Prometheus for the answered request rate, the 5xx share and the alerts
 * pending or firing: the series of the report's plot. `rangeMs` is the rate window (at least
 * four scrapes, or rate() reads nothing).
 */
export class Sampler {
  readonly samples: Sample[] = [];
  readonly timeline = new AlertTimeline();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly prometheus: RunningPrometheus,
    private readonly rangeMs: number,
    private readonly onSample: (sample: Sample, alerts: readonly AlertObservation[]) => void = () => {},
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.sampleOnce()).catch(() => {});
    }, everyMs);
  }

  /** One sample now; a query Prometheus cannot answer is skipped, not fatal. */
  async sampleOnce(): Promise<void> {
    const at = Date.now();
    const w = `${Math.round(this.rangeMs / 1000)}s`;
    const [rps, errors, alerts] = await Promise.all([
      instantValue(this.prometheus, `sum(rate(gateway_requests_total{route="chat_completions"}[${w}]))`, at),
      instantValue(this.prometheus, `sum(rate(gateway_requests_total{route="chat_completions", code=~"5.."}[${w}]))`, at),
      instantVector(this.prometheus, 'ALERTS', at),
    ]);
    const sample = { at, rps, errorRatio: rps > 0 ? Math.min(1, errors / rps) : 0 };
    const observations = alertObservations(alerts);
    this.samples.push(sample);
    this.timeline.observe(at, observations);
    this.onSample(sample, observations);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
