/**
 * The generated Alertmanager config with every notifying receiver replaced by a webhook to
 * `<baseUrl>/<receiver name>`: same names, routes, inhibitions and time intervals, so a run
 * sees exactly where the shipped config would deliver, without PagerDuty or Slack.
 * Receivers that notify nobody stay silent.
 */
export function deliverLocally(config: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const out = structuredClone(config) as Record<string, unknown> & { receivers: Array<Record<string, unknown> & { name: string }> };
  out.receivers = out.receivers.map((r) => {
    const notifies = Object.keys(r).some((k) => k.endsWith('_configs'));
    if (!notifies) return { name: r.name };
    return { name: r.name, webhook_configs: [{ url: `${baseUrl}/${encodeURIComponent(r.name)}`, send_resolved: true }] };
  });
  // Templates are for the replaced receivers; the webhook payload carries the alerts as they are.
  delete out.templates;
  return out;
}
