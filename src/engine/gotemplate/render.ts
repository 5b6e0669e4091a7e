/**
 * Rendering alert templates exactly as Prometheus 2.42 does, including the text Prometheus
 * stores when expansion fails (`<error expanding template: ...>`), which is what promtool
 * compares `exp_annotations` against.
 */
import { UnsupportedError, type RenderTarget } from './callable.js';
import { ExecError, Executor } from './exec.js';
import { hasFunction } from './functions.js';
import { parseTemplate } from './parse.js';
import type { TemplateData } from './values.js';

export interface RenderOptions {
  /**
   * The Go template name, which appears in error messages. Prometheus names alert templates
   * `__alert_<alertname>`. Defaults to `__alert`.
   */
  templateName?: string;
  /**
   * `promtool` reproduces `promtool test rules` 2.42, whose rule manager has no external URL:
   * there `externalURL` and `pathPrefix` fail with a nil pointer dereference. Defaults to
   * `prometheus` (a server started with --web.external-url).
   */
  target?: RenderTarget;
}

export type RenderFailure = {
  ok: false;
  /** `parse` and `execute` messages are Go's own; `unsupported` means lookout cannot tell. */
  reason: 'parse' | 'execute' | 'unsupported';
  message: string;
};

export type RenderResult = { ok: true; text: string } | RenderFailure;

/**
 * Renders a Prometheus alert template (annotation or label value) for the given alert data.
 * Never throws for bad templates: parse and execution errors come back as Go's messages.
 *
 * Note that Prometheus's `$labels` are the labels of the alert expression's result sample:
 * they do not include `alertname` or the rule's own static labels.
 *
 * @example
 * renderTemplate('{{ $labels.job }} at {{ $value | humanizePercentage }}',
 *   { labels: { job: 'api' }, value: 0.0526, externalLabels: {}, externalURL: '' })
 * // => { ok: true, text: 'api at 5.26%' }
 */
export function renderTemplate(text: string, data: TemplateData, options: RenderOptions = {}): RenderResult {
  const name = options.templateName ?? '__alert';
  const parsed = parseTemplate(text, { hasFunction, name });
  if (!parsed.root) {
    const e = parsed.error!;
    return { ok: false, reason: 'parse', message: `template: ${name}:${e.line}: ${e.message}` };
  }
  try {
    const out = new Executor(text, name, { data, target: options.target ?? 'prometheus' }).run(parsed.root);
    return { ok: true, text: out };
  } catch (e) {
    if (e instanceof ExecError) return { ok: false, reason: 'execute', message: e.message };
    if (e instanceof UnsupportedError) return { ok: false, reason: 'unsupported', message: e.message };
    throw e;
  }
}

/**
 * The exact annotation value Prometheus stores for an alert named `alertName`: the rendered
 * text, or Prometheus's `<error expanding template: ...>` text when Go's expansion fails.
 * Fails only where lookout cannot know the result (`unsupported`).
 *
 * @example
 * expandAlertAnnotation('{{ if gt $value 10 }}high{{ end }}', data, 'HighLatency')
 * // => { ok: true, text: '<error expanding template: error executing template __alert_HighLatency: template: __alert_HighLatency:1:118: executing "__alert_HighLatency" at <gt $value 10>: error calling gt: incompatible types for comparison>' }
 */
export function expandAlertAnnotation(
  text: string,
  data: TemplateData,
  alertName: string,
  target: RenderTarget = 'prometheus',
): RenderResult {
  const name = `__alert_${alertName}`;
  const r = renderTemplate(text, data, { templateName: name, target });
  if (r.ok || r.reason === 'unsupported') return r;
  const stage = r.reason === 'parse' ? 'parsing' : 'executing';
  return { ok: true, text: `<error expanding template: error ${stage} template ${name}: ${r.message}>` };
}
