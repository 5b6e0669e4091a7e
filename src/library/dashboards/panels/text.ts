import * as text from '@grafana/grafana-foundation-sdk/text';
import { spec, type PanelOptions, type PanelSpec } from './base.js';

/**
 * Markdown for the reader: what the dashboard covers, how an SLO is defined. Runs no query.
 * @example
 * markdown({ title: 'About', content: 'Requests answered **without** a 5xx, over 30 days.', width: 24, height: 4 })
 */
export function markdown(o: PanelOptions & { content: string }): PanelSpec {
  const b = new text.PanelBuilder().title(o.title).mode(text.TextMode.Markdown).content(o.content);
  if (o.description) b.description(o.description);
  return spec(b, o, { height: 6 });
}
