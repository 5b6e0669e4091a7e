import { renderTemplate, type TemplateData } from '../../src/engine/gotemplate/index.js';

/** Alert data shaped like what promtool passes in the conformance test. */
export function alertData(value: number, labels: Record<string, string> = {}): TemplateData {
  return {
    labels: { __name__: 'conformance_value', ...labels },
    value,
    externalLabels: { region: 'eu', dc: 'a b' },
    externalURL: 'https://prom.example.com:9090/sub/path?q=1',
  };
}

/** Renders and returns the text, or the failure message prefixed with "ERROR: ". */
export function render(text: string, value = 1, labels: Record<string, string> = {}): string {
  const r = renderTemplate(text, alertData(value, labels));
  return r.ok ? r.text : `ERROR: ${r.message}`;
}
