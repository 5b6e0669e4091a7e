import { defineCheck } from '../../diagnostics/check.js';
import type { Receiver } from '../receivers.js';
import { DEFAULT_TEMPLATES, templateReferences } from '../templates.js';
import type { RoutingContext } from './context.js';
import type { ReceiverString } from './receiverStrings.js';

export const routingTemplate = defineCheck({
  id: 'routing/unknown-template',
  severity: 'error',
  title: 'Receivers use only notification templates that are defined',
  why: 'Alertmanager checks templates only when it sends: an unknown template name fails every notification of that receiver.',
});

/** Templates the routing defines or lookout ships; Alertmanager's own (`__*`, `x.default.*`) are always there. */
function definedTemplates(ctx: RoutingContext): Set<string> {
  return new Set([...Object.keys(DEFAULT_TEMPLATES), ...Object.keys(ctx.routing.templates)]);
}

function unknown(name: string, templates: ReadonlySet<string>): boolean {
  return !templates.has(name) && !/^(__|[a-z]+\.default\.)/.test(name);
}

export function checkReceiverTemplates(ctx: RoutingContext, r: Receiver, s: ReceiverString): void {
  const templates = definedTemplates(ctx);
  for (const name of templateReferences(s.value)) {
    if (!unknown(name, templates)) continue;
    ctx.report(routingTemplate, { source: r.source, path: s.path }, `receiver "${r.name}" uses template "${name}", which no routing template defines`, `define it under templates: or use one of ${[...templates].sort().join(', ')}`);
  }
}

/** Templates that include other templates. */
export function checkTemplateIncludes(ctx: RoutingContext): void {
  const templates = definedTemplates(ctx);
  for (const [name, text] of Object.entries(ctx.routing.templates)) {
    for (const ref of templateReferences(text)) {
      if (unknown(ref, templates)) ctx.report(routingTemplate, ctx.at(`templates.${name}`), `template "${name}" uses template "${ref}", which is not defined`);
    }
  }
}
