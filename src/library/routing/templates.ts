/**
 * lookout's notification templates, in Go's text/template as Alertmanager runs them. They
 * read the annotations every lookout alert carries: summary (static), description,
 * runbook_url and dashboard_url. A routing definition may replace any of them by name.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<string, string>> = {
  // [FIRING:2] GatewayHighErrorRate (ai-platform, page)
  'lookout.title':
    '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}' +
    '{{ if .CommonLabels.team }} ({{ .CommonLabels.team }}{{ with .CommonLabels.severity }}, {{ . }}{{ end }}){{ end }}',
  'lookout.summary': '{{ with .CommonAnnotations.summary }}{{ . }}{{ else }}{{ (index .Alerts 0).Annotations.summary }}{{ end }}',
  'lookout.runbook': '{{ (index .Alerts 0).Annotations.runbook_url }}',
  'lookout.dashboard': '{{ (index .Alerts 0).Annotations.dashboard_url }}',
  'lookout.slack.color': '{{ if eq .Status "firing" }}{{ if eq .CommonLabels.severity "page" }}danger{{ else }}warning{{ end }}{{ else }}good{{ end }}',
  // One paragraph per alert: its description, the labels that tell it apart, and the links.
  'lookout.text': [
    '{{ template "lookout.summary" . }}',
    '{{ range .Alerts }}',
    '{{ if eq .Status "firing" }}*Firing*{{ else }}*Resolved*{{ end }} since {{ .StartsAt.Format "2006-01-02 15:04 MST" }}: {{ .Annotations.description }}',
    'Labels:{{ range .Labels.SortedPairs }}{{ if and (ne .Name "alertname") (ne .Name "severity") (ne .Name "team") }} {{ .Name }}={{ .Value }}{{ end }}{{ end }}',
    '{{ with .Annotations.runbook_url }}Runbook: {{ . }}{{ end }}{{ with .Annotations.dashboard_url }} | Dashboard: {{ . }}{{ end }}',
    '{{ end }}',
  ].join('\n'),
};

/** Names used by `{{ template "name" ... }}` in a text. */
export function templateReferences(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*template\s+"([^"]+)"/g)].map((m) => m[1]!);
}

/** What opens a template's definition in lookout.tmpl; its body follows directly. */
export function defineOpening(name: string): string {
  return `{{ define "${name}" }}`;
}
export const DEFINE_CLOSE = '{{ end }}';

/** A template as lookout.tmpl holds it: the syntax check parses exactly this text. */
export function templateDefinition(name: string, text: string): string {
  return defineOpening(name) + text + DEFINE_CLOSE;
}
