/**
 * Prometheus 2.42's template functions (template/template.go) as GoFuncs, plus the Go builtins.
 * The query family (`query`, `first`, `label`, `value`, `strvalue`, `sortByLabel`) needs a live
 * Prometheus and is declared only so that templates using it parse; calling it is unsupported.
 */
import { compile, RegexpSyntaxError, RegexpUnsupportedError, type GoRegexp } from '../goregexp/index.js';
import { BUILTINS } from './builtins.js';
import { UnsupportedError, type CallEnv, type GoFunc } from './callable.js';
import { canBackquote, goQuote, goTitle, goToLower, goToUpper, queryEscape } from './goStrings.js';
import {
  convertToFloat,
  floatToTime,
  GoCallError,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
  humanizeTimestamp,
  parseDuration,
} from './humanize.js';
import { isIP, joinHostPort, splitHostPort } from './netAddr.js';
import type { GoValue } from './values.js';

const str = (value: string): GoValue => ({ kind: 'string', value });
const text = (args: GoValue[], i: number): string => {
  const v = args[i];
  return v?.kind === 'string' ? v.value : '';
};

/** The query-result helpers: only meaningful on the output of `query`. */
export const QUERY_FUNCTIONS = ['query', 'first', 'label', 'value', 'strvalue', 'sortByLabel'];

const unsupported = (name: string): GoFunc['call'] => () => {
  throw new UnsupportedError(`the ${name} function needs a running Prometheus and cannot be rendered offline`);
};

function stringFn(fn: (s: string) => string): GoFunc {
  return { params: ['string'], call: (a) => str(fn(text(a, 0))) };
}

function numberFn(fn: (v: GoValue) => string): GoFunc {
  return { params: ['any'], call: (a) => str(fn(a[0] ?? { kind: 'nil' })) };
}

/**
 * Runs a regexp step, turning a pattern lookout cannot reproduce exactly into an unsupported
 * render (Prometheus would render something, lookout does not know what).
 */
function exactly<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof RegexpUnsupportedError) throw new UnsupportedError(e.message);
    throw e;
  }
}

/** regexp.MustCompile panics, and template's safeCall turns the panic text into the error. */
function mustCompile(pattern: string): GoRegexp {
  try {
    return exactly(() => compile(pattern));
  } catch (e) {
    if (!(e instanceof RegexpSyntaxError)) throw e;
    const quoted = canBackquote(pattern) ? '`' + pattern + '`' : goQuote(pattern);
    throw new GoCallError(`regexp: Compile(${quoted}): ${e.message}`);
  }
}

/** regexp.MatchString returns the compile error, which becomes the call's error as is. */
function matchString(pattern: string, text: string): boolean {
  try {
    return exactly(() => compile(pattern).matchString(text));
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new GoCallError(e.message);
    throw e;
  }
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  const host = split ? split.host : hostPort;
  if (isIP(host)) return hostPort;
  const short = host.split('.')[0] ?? '';
  return split && split.port !== '' ? joinHostPort(short, split.port) : short;
}

/** What Go's url.URL.Path would hold for the external URL: the decoded path. */
function urlPath(url: string): string {
  const m = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?:\/\/[^/?#]*)?([^?#]*)/.exec(url);
  const raw = m?.[1] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** promtool 2.42 gives its rule manager no external URL, so these dereference a nil *url.URL. */
function externalURLFn(read: (env: CallEnv) => string): GoFunc {
  return {
    params: [],
    call: (_a, env) => {
      if (env.target === 'promtool') throw new GoCallError('runtime error: invalid memory address or nil pointer dereference');
      return str(read(env));
    },
  };
}

const PROMETHEUS: Record<string, GoFunc> = {
  query: { params: ['string'], unsupported: 'query', call: unsupported('query') },
  first: { params: ['any'], unsupported: 'first', call: unsupported('first') },
  label: { params: ['string', 'any'], unsupported: 'label', call: unsupported('label') },
  value: { params: ['any'], unsupported: 'value', call: unsupported('value') },
  strvalue: { params: ['any'], unsupported: 'strvalue', call: unsupported('strvalue') },
  sortByLabel: { params: ['string', 'any'], unsupported: 'sortByLabel', call: unsupported('sortByLabel') },
  args: {
    params: [],
    variadic: 'any',
    call: (a) => ({ kind: 'anyMap', value: new Map(a.map((v, i) => [`arg${i}`, v])) }),
  },
  reReplaceAll: {
    params: ['string', 'string', 'string'],
    call: (a) => {
      const re = mustCompile(text(a, 0));
      return str(exactly(() => re.replaceAllString(text(a, 2), text(a, 1))));
    },
  },
  safeHtml: { params: ['string'], call: (a) => ({ kind: 'string', value: text(a, 0), html: true }) },
  match: {
    params: ['string', 'string'],
    call: (a) => ({ kind: 'bool', value: matchString(text(a, 0), text(a, 1)) }),
  },
  title: stringFn(goTitle),
  toUpper: stringFn(goToUpper),
  toLower: stringFn(goToLower),
  graphLink: stringFn((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=0`),
  tableLink: stringFn((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=1`),
  stripPort: stringFn((hp) => splitHostPort(hp)?.host ?? hp),
  stripDomain: stringFn(stripDomain),
  humanize: numberFn(humanize),
  humanize1024: numberFn(humanize1024),
  humanizeDuration: numberFn(humanizeDuration),
  humanizePercentage: numberFn(humanizePercentage),
  humanizeTimestamp: numberFn(humanizeTimestamp),
  toTime: {
    params: ['any'],
    call: (a) => ({ kind: 'time', unixNano: floatToTime(convertToFloat(a[0] ?? { kind: 'nil' })) }),
  },
  pathPrefix: externalURLFn((env) => urlPath(env.data.externalURL)),
  externalURL: externalURLFn((env) => env.data.externalURL),
  parseDuration: { params: ['string'], call: (a) => ({ kind: 'float64', value: parseDuration(text(a, 0)) }) },
};

/** Every function an alert template can call: Prometheus's over Go's builtins, as in Go. */
export const FUNCTIONS: Record<string, GoFunc> = { ...BUILTINS, ...PROMETHEUS };

export const hasFunction = (name: string): boolean => Object.hasOwn(FUNCTIONS, name);
