import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import type { Catalog } from './define.js';
import { labelGuard, type LabelGuard } from './labelGuard.js';
import type { LabelNames, LabelSet, LabelSpec } from '../labels.js';
import type { AnyMetric, CounterMetric, GaugeMetric, GaugeStates, HistogramMetric } from './metric.js';
import { SeriesTable, type SeriesLabels } from './seriesTable.js';

// An entry declared without `labels`/`states` is typed with the wide `LabelSpec`/`GaugeStates`
// (defineMetrics' contextual type wins over the `{}` default), so a wide key set means none.
type HasLabels<S extends LabelSpec> = string extends LabelNames<S> ? false : [LabelNames<S>] extends [never] ? false : true;
type HasStates<ST extends GaugeStates> = string extends keyof ST ? false : [keyof ST] extends [never] ? false : true;

/**
 * The labels argument of a call: the complete label set `LabelSet<S>`, and nothing more.
 * Excess-property checks only cover object literals; the mapped half also rejects a reused
 * object (or a spread) carrying a label that another metric has but this one does not.
 * @example
 * const labels = { route: 'chat_completions', provider: 'openai', model: 'gpt-4o', stream: 'true', team: 'a' } as const;
 * m.requestDuration.observe(labels, 1.2); // error: `team` is LabelNotInCatalog
 */
export type LabelsArg<S extends LabelSpec, L> = L & { readonly [K in Exclude<keyof L, LabelNames<S>>]: LabelNotInCatalog };

/** No value is assignable to it: named so the compile error of an extra label explains itself. */
export interface LabelNotInCatalog {
  readonly 'this label is not declared on the metric': never;
}

/**
 * The state names of an enum gauge.
 * @example
 * type CircuitState = StateName<{ closed: 0; half_open: 1; open: 2 }>; // 'closed' | 'half_open' | 'open'
 */
export type StateName<ST extends GaugeStates> = Extract<keyof ST, string>;

/**
 * A counter bound to a registry. Increases by NaN or below zero throw: prom-client would
 * accept NaN and the series would stay NaN until the process restarts.
 * @example
 * m.tokens.inc({ direction: 'output', provider: 'openai', model: 'gpt-4o', team: 'search' }, 812);
 * m.outboxEnqueued.inc(); // a metric without labels takes no labels argument
 */
export type CounterInstrument<S extends LabelSpec> = HasLabels<S> extends true
  ? {
      /** Adds `value` (default 1) to the series `labels`; negative values throw. */
      inc<L extends LabelSet<S>>(labels: LabelsArg<S, L>, value?: number): void;
    }
  : {
      /** Adds `value` (default 1); negative values throw. */
      inc(value?: number): void;
    };

/**
 * A gauge bound to a registry; `setState` exists only on gauges declared with `states`.
 * @example
 * m.inFlight.inc({ route: 'chat_completions' });
 * m.circuitState.setState({ provider: 'openai', credential: 'primary' }, 'half_open'); // writes 1
 * m.outboxDepth.set(queue.length);
 */
export type GaugeInstrument<S extends LabelSpec, ST extends GaugeStates> = (HasLabels<S> extends true
  ? {
      set<L extends LabelSet<S>>(labels: LabelsArg<S, L>, value: number): void;
      inc<L extends LabelSet<S>>(labels: LabelsArg<S, L>, value?: number): void;
      dec<L extends LabelSet<S>>(labels: LabelsArg<S, L>, value?: number): void;
      /** Sets the series to the current Unix time in seconds. */
      setToCurrentTime<L extends LabelSet<S>>(labels: LabelsArg<S, L>): void;
    }
  : {
      set(value: number): void;
      inc(value?: number): void;
      dec(value?: number): void;
      /** Sets the gauge to the current Unix time in seconds. */
      setToCurrentTime(): void;
    }) &
  (HasStates<ST> extends false
    ? unknown
    : HasLabels<S> extends true
      ? {
          /** Writes the number the catalog assigns to `state`, so the encoding lives in one place. */
          setState<L extends LabelSet<S>>(labels: LabelsArg<S, L>, state: StateName<ST>): void;
        }
      : {
          /** Writes the number the catalog assigns to `state`, so the encoding lives in one place. */
          setState(state: StateName<ST>): void;
        });

/**
 * A histogram bound to a registry. Buckets come from the catalog only.
 * @example
 * m.requestDuration.observe({ route: 'models', provider: 'none', model: 'none', stream: 'false' }, 0.004);
 * const end = m.policyDuration.startTimer({ policy: 'pii', stage: 'request' });
 * const seconds = end();
 */
export type HistogramInstrument<S extends LabelSpec> = HasLabels<S> extends true
  ? {
      observe<L extends LabelSet<S>>(labels: LabelsArg<S, L>, value: number): void;
      /** Starts a timer; calling the result observes and returns the elapsed seconds. */
      startTimer<L extends LabelSet<S>>(labels: LabelsArg<S, L>): () => number;
    }
  : {
      observe(value: number): void;
      /** Starts a timer; calling the result observes and returns the elapsed seconds. */
      startTimer(): () => number;
    };

/**
 * The instrument type of one catalog entry.
 * @example
 * type Requests = InstrumentOf<typeof gateway.metrics.requests>; // CounterInstrument<...>
 */
export type InstrumentOf<M> =
  M extends CounterMetric<string, infer S>
    ? CounterInstrument<S>
    : M extends GaugeMetric<string, infer S, infer ST>
      ? GaugeInstrument<S, ST>
      : M extends HistogramMetric<string, infer S>
        ? HistogramInstrument<S>
        : never;

/**
 * Typed prom-client instruments for every entry of catalog `C`, under the same keys.
 * @example
 * export type GatewayInstruments = Instruments<typeof gateway>;
 */
export type Instruments<C extends Catalog> = { readonly [K in keyof C['metrics']]: InstrumentOf<C['metrics'][K]> };

// Any content type: an OpenMetrics registry serves the same metrics.
type AnyRegistry = Registry<RegistryContentType>;

const registries = new WeakMap<object, AnyRegistry>();

/**
 * Creates one prom-client metric per catalog entry, with the catalog's name, help, label
 * names and buckets, registered in `registry` (a fresh one by default; never the global
 * registry, so two instrumented catalogs in one process, or one per test, cannot collide).
 *
 * Every call takes the complete label set of its metric: a missing or unknown label, or a
 * value outside a closed set, is a compile error, and throws at run time if it got past the
 * types. Metrics without labels take no labels argument.
 * @example
 * const registry = new Registry();
 * const m = instrument(gateway, registry);
 * m.requests.inc({ route: 'chat_completions', code: '200', provider: 'openai', model: 'gpt-4o', team: 'search', stream: 'false' });
 * const done = m.overhead.startTimer({ route: 'chat_completions' });
 * m.circuitState.setState({ provider: 'openai', credential: 'primary' }, 'open');
 * m.outboxDepth.set(12);
 * done(); // observes and returns the elapsed seconds
 * res.end(await registry.metrics());
 */
export function instrument<C extends Catalog>(catalog: C, registry: AnyRegistry = new Registry()): Instruments<C> {
  const out: Record<string, unknown> = {};
  for (const [key, metric] of Object.entries(catalog.metrics)) out[key] = bind(metric, registry);
  registries.set(out, registry);
  return out as Instruments<C>;
}

/**
 * The registry `instrument()` registered into: where `/metrics` reads from when the default
 * fresh registry was used.
 * @example
 * const m = instrument(gateway);
 * const text = await registryOf(m).metrics();
 */
export function registryOf(instruments: object): AnyRegistry {
  const registry = registries.get(instruments);
  if (!registry) throw new Error('registryOf() takes the object returned by instrument()');
  return registry;
}

// Run-time binding is untyped on purpose: the public types above are the contract, and the
// guard re-checks what the types promise, so nothing here needs to be generic.
interface ValueSeries {
  readonly labels: SeriesLabels;
  value: number;
}
interface HistogramSeries {
  readonly labels: SeriesLabels;
  /** Observations per bucket, not cumulative; the last slot is above the highest bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Each catalog metric is a prom-client metric (so the registry names, types, escapes and
 * serialises it, in either exposition format) whose samples live in a `SeriesTable`: the
 * prom-client class's `get` reads them from there, and its own per-call hashing is never on
 * the recording path. Label-less metrics start with their one series at zero, as prom-client's do.
 */
function bind(metric: AnyMetric, registry: AnyRegistry): unknown {
  const { name, help, labels: spec } = metric.info;
  const names = Object.keys(spec);
  const config = { name, help, labelNames: names, registers: [registry] };
  const guard = labelGuard(name, spec);
  const labelled = names.length > 0;
  if (metric.type === 'histogram') return bindHistogram(metric.buckets, config, guard, labelled);

  const table = new SeriesTable<ValueSeries>(names, guard, (labels) => ({ labels, value: 0 }));
  const reset = () => {
    table.clear();
    if (!labelled) table.of({});
  };
  const values = () => Array.from(table.values(), (s) => ({ labels: { ...s.labels }, value: s.value }));
  // Label-less metrics take the value first; `x` is then the value and there is one series.
  const seriesOf = (x: unknown) => (labelled ? table.of(x) : table.of({}));
  const valueOf = (x: unknown, a: unknown) => (labelled ? a : x) as number | undefined;
  if (metric.type === 'counter') {
    new (class extends Counter {
      override async get() {
        return family(name, help, 'counter', values());
      }
      override reset() {
        reset();
      }
    })(config);
    return {
      inc: (x?: unknown, a?: unknown) => {
        const v = valueOf(x, a) ?? 1;
        // prom-client would let NaN through, and one NaN poisons the series until restart.
        if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`metric ${name}: cannot increase a counter by ${v}`);
        seriesOf(x).value += v;
      },
    };
  }
  new (class extends Gauge {
    override async get() {
      return family(name, help, 'gauge', values());
    }
    override reset() {
      reset();
    }
  })(config);
  const states = metric.states ?? {};
  return {
    set: (x?: unknown, a?: unknown) => {
      seriesOf(x).value = valueOf(x, a)!;
    },
    inc: (x?: unknown, a?: unknown) => {
      seriesOf(x).value += valueOf(x, a) ?? 1;
    },
    dec: (x?: unknown, a?: unknown) => {
      seriesOf(x).value -= valueOf(x, a) ?? 1;
    },
    setToCurrentTime: (x?: unknown) => {
      seriesOf(x).value = Date.now() / 1000;
    },
    setState: (x?: unknown, a?: unknown) => {
      const state = (labelled ? a : x) as string;
      if (!Object.hasOwn(states, state)) {
        throw new Error(`metric ${name}: unknown state ${JSON.stringify(state)} (states: ${Object.keys(states).join(', ') || 'none'})`);
      }
      seriesOf(x).value = states[state]!;
    },
  };
}

/**
 * A metric family as prom-client's registry reads it from `get()`. `type` is the exposition
 * string at run time, which prom-client's typings declare as an enum: hence the one cast.
 */
function family(name: string, help: string, type: 'counter' | 'gauge' | 'histogram', values: unknown[]): Awaited<ReturnType<Counter['get']>> {
  return { name, help, type, aggregator: 'sum', values } as unknown as Awaited<ReturnType<Counter['get']>>;
}

function bindHistogram(buckets: readonly number[], config: { name: string; help: string; labelNames: string[]; registers: AnyRegistry[] }, guard: LabelGuard, labelled: boolean): unknown {
  const { name } = config;
  const bounds = [...buckets];
  const table = new SeriesTable<HistogramSeries>(config.labelNames, guard, (labels) => ({ labels, counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 }));
  // The samples of every series: `labels` holds `le` alone and `sharedLabels` the series' own,
  // the split prom-client's registry renders as {le="…",label="…"}.
  const samples = () =>
    Array.from(table.values()).flatMap((s) => {
      let cumulative = 0;
      const out = bounds.map((le, i) => ({ labels: { le } as Record<string, string | number>, sharedLabels: s.labels, value: (cumulative += s.counts[i]!), metricName: `${name}_bucket` }));
      out.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: `${name}_bucket` });
      out.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${name}_sum` });
      out.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${name}_count` });
      return out;
    });
  new (class extends Histogram {
    override async get() {
      return family(name, config.help, 'histogram', samples().map(({ labels, sharedLabels, value, metricName }) => ({ labels: { ...labels, ...sharedLabels }, value, metricName })));
    }
    /** What the registry renders from: prom-client's path for histograms, with the labels split. */
    async getForPromString() {
      return family(name, config.help, 'histogram', samples());
    }
    override reset() {
      table.clear();
      if (!labelled) table.of({});
    }
  })({ ...config, buckets: bounds });
  const observe = (series: HistogramSeries, v: number) => {
    if (!Number.isFinite(v)) throw new Error(`metric ${name}: cannot observe ${v}`);
    let i = 0;
    while (i < bounds.length && v > bounds[i]!) i++;
    series.counts[i]! += 1;
    series.sum += v;
    series.count += 1;
  };
  const seriesOf = (x: unknown) => (labelled ? table.of(x) : table.of({}));
  return {
    observe: (x?: unknown, a?: unknown) => observe(seriesOf(x), (labelled ? a : x) as number),
    startTimer: (x?: unknown) => {
      const series = seriesOf(x);
      const start = process.hrtime.bigint();
      return () => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        observe(series, seconds);
        return seconds;
      };
    },
  };
}

/**
 * Instruments with the same types as `instrument(catalog)` that record nothing: the baseline
 * for measuring what metrics cost a service, and a switch to turn them off.
 * @example
 * const m = config.metrics ? instrument(gateway, registry) : silentInstruments(gateway);
 */
export function silentInstruments<C extends Catalog>(catalog: C): Instruments<C> {
  const nothing = () => {};
  const timer = () => () => 0;
  const silent = { inc: nothing, dec: nothing, set: nothing, setToCurrentTime: nothing, setState: nothing, observe: nothing, startTimer: timer };
  return Object.fromEntries(Object.keys(catalog.metrics).map((key) => [key, silent])) as unknown as Instruments<C>;
}
