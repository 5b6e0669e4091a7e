/**
 * Go's regexp package (RE2 syntax, Go 1.19 as in Prometheus 2.42) on top of JavaScript
 * RegExp: one translation shared by the template functions (`match`, `reReplaceAll`) and the
 * PromQL evaluator (label matchers, label_replace), so the two cannot drift apart.
 *
 * @example
 * const re = compile('(?P<svc>\\w+)-(\\d+)');
 * re.replaceAllString('api-42', '${2}_$svc'); // "42_api"
 * matchesLabel({ op: '=~', value: '(?i)API' }, 'api'); // true
 */
export { compile, GoRegexp, type Submatch } from './compile.js';
export { RegexpSyntaxError, RegexpUnsupportedError } from './errors.js';
export { anchor, compileAnchored, compileLabelRegexp, matchesLabel, type LabelMatch } from './prometheus.js';
export { translate, type Translation } from './syntax.js';
export { UNICODE_CLASS_NAMES } from './tables.js';
