import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import type { Catalog } from './define.js';
import { labelGuard } from './labelGuard.js';
import type { LabelNames, LabelSet, LabelSpec } from './labels.js';
import type { AnyMetric, CounterMetric, GaugeMetric, GaugeStates, HistogramMetric } from './metric.js';

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
type Labels = Record<string, string>;

function bind(metric: AnyMetric, registry: AnyRegistry): unknown {
  const { name, help, labels: spec } = metric.info;
  const config = { name, help, labelNames: Object.keys(spec), registers: [registry] };
  const guard = labelGuard(name, spec);
  const labelled = config.labelNames.length > 0;
  // Label-less metrics take the value first; normalise both shapes to (labels, a, b). Fixed
  // arity, no rest arrays: these run a score of times per request in a busy service.
  const call =
    <R>(fn: (labels: Labels, a?: any, b?: any) => R) =>
    (x?: unknown, a?: unknown, b?: unknown): R =>
      labelled ? fn(guard(x), a, b) : fn({}, x, a);
  if (metric.type === 'counter') {
    const c = new Counter(config);
    return {
      inc: call((l, v: number = 1) => {
        // prom-client lets NaN through, and one NaN poisons the series until restart.
        if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`metric ${name}: cannot increase a counter by ${v}`);
        c.inc(l, v);
      }),
    };
  }
  if (metric.type === 'histogram') {
    const h = new Histogram({ ...config, buckets: [...metric.buckets] });
    return {
      observe: call((l, v: number) => h.observe(l, v)),
      startTimer: call((l) => {
        const start = process.hrtime.bigint();
        return () => {
          const seconds = Number(process.hrtime.bigint() - start) / 1e9;
          h.observe(l, seconds);
          return seconds;
        };
      }),
    };
  }
  const g = new Gauge(config);
  const states = metric.states ?? {};
  return {
    set: call((l, v: number) => g.set(l, v)),
    inc: call((l, v?: number) => g.inc(l, v ?? 1)),
    dec: call((l, v?: number) => g.dec(l, v ?? 1)),
    setToCurrentTime: call((l) => g.setToCurrentTime(l)),
    setState: call((l, state: string) => {
      if (!Object.hasOwn(states, state)) {
        throw new Error(`metric ${name}: unknown state ${JSON.stringify(state)} (states: ${Object.keys(states).join(', ') || 'none'})`);
      }
      g.set(l, states[state]!);
    }),
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
