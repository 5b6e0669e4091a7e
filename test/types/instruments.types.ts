// Type-level tests, checked by `tsc --noEmit` and never run. Each `@ts-expect-error` proves a
// compile error: if the line below it ever compiles, tsc reports the directive as unused.
import { instrument, type Instruments } from 'lookout/runtime';
import { gateway, type GatewayInstruments } from '../../src/integrations/gateway/metrics.js';

declare const m: GatewayInstruments;

const chat = { route: 'chat_completions', provider: 'openai', model: 'gpt-4o', stream: 'true' } as const;

export function correctCalls(): number {
  const fresh: Instruments<typeof gateway> = instrument(gateway);
  fresh.outboxEnqueued.inc();

  m.requests.inc({ route: 'chat_completions', code: '200', provider: 'openai', model: 'gpt-4o', team: 'search', stream: 'false' });
  m.requests.inc({ route: 'models', code: '499', provider: 'none', model: 'none', team: 'search', stream: 'false' }, 2);
  m.requestDuration.observe(chat, 0.42);
  m.tokens.inc({ direction: 'output', provider: 'openai', model: 'gpt-4o', team: 'search' }, 812);
  m.inFlight.inc({ route: 'chat_completions' });
  m.inFlight.dec({ route: 'chat_completions' });
  m.upstreamConnections.set({ provider: 'openai' }, 4);
  m.circuitState.setState({ provider: 'openai', credential: 'primary' }, 'half_open');
  m.configLastReloadSuccessful.setState('succeeded');
  m.configLastReloadTimestamp.setToCurrentTime();
  m.outboxDepth.set(3);
  m.outboxDepth.inc();
  m.outboxDepth.dec(2);
  m.outboxEnqueued.inc(2);
  m.buildInfo.set({ version: '0.1.0', revision: 'abc123', node_version: process.version }, 1);

  // Open labels take any string, including one computed at run time.
  const provider: string = process.env['PROVIDER'] ?? 'openai';
  m.streamingUsageMissing.inc({ provider, model: 'gpt-4o' });

  const done = m.overhead.startTimer({ route: 'models' });
  const endPolicy = m.policyDuration.startTimer({ policy: 'pii', stage: 'stream' });
  return done() + endPolicy();
}

export function wrongCalls(): void {
  // @ts-expect-error missing label: `team`
  m.requests.inc({ route: 'chat_completions', code: '200', provider: 'openai', model: 'gpt-4o', stream: 'false' });

  // @ts-expect-error misspelled label: `rout`
  m.inFlight.inc({ rout: 'chat_completions' });

  // @ts-expect-error extra label that the metric does not declare
  m.inFlight.inc({ route: 'chat_completions', provider: 'openai' });

  // A reused object with an extra label is not an object literal, so only LabelsArg catches it.
  const withTeam = { route: 'chat_completions', provider: 'openai', model: 'gpt-4o', stream: 'true', team: 'search' } as const;
  // @ts-expect-error extra label `team` arriving through a variable
  m.requestDuration.observe(withTeam, 1);

  // @ts-expect-error value outside the closed set of `code`
  m.requests.inc({ route: 'chat_completions', code: '201', provider: 'openai', model: 'gpt-4o', team: 'search', stream: 'false' });

  // @ts-expect-error value outside the closed set of `verdict`
  m.policyEvaluations.inc({ policy: 'pii', stage: 'request', verdict: 'deny' });

  // @ts-expect-error a string that is not known to be in the closed set
  m.inFlight.inc({ route: String(process.argv[2]) });

  // @ts-expect-error labels passed to a label-less counter
  m.outboxEnqueued.inc({ reason: 'overflow' });

  // @ts-expect-error labels passed to a label-less gauge
  m.outboxDepth.set({}, 3);

  // @ts-expect-error a labelled metric called without labels
  m.outboxDropped.inc();

  // @ts-expect-error unknown state name
  m.circuitState.setState({ provider: 'openai', credential: 'primary' }, 'tripped');

  // @ts-expect-error a state of another gauge
  m.configLastReloadSuccessful.setState('open');

  // @ts-expect-error setState on a gauge without states
  m.outboxDepth.setState('full');

  // @ts-expect-error observe on a counter
  m.requests.observe({ route: 'chat_completions', code: '200', provider: 'openai', model: 'gpt-4o', team: 'search', stream: 'false' }, 1);

  // @ts-expect-error set on a counter
  m.outboxEnqueued.set(1);

  // @ts-expect-error inc on a histogram
  m.overhead.inc({ route: 'models' });

  // @ts-expect-error startTimer needs the labels up front
  m.requestDuration.startTimer();

  // @ts-expect-error unknown catalog key
  m.request.inc();
}
