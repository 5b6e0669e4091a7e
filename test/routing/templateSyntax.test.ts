import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templatesFile } from '../../src/engine/compiler/emit/alertmanagerConfig.js';
import { AMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { checkRouting } from '../../src/library/routing/checks/index.js';
import { templateSyntaxFindings } from '../../src/library/routing/checks/templateSyntax.js';
import { DEFAULT_TEMPLATES } from '../../src/library/routing/templates.js';
import { defineRouting, pagerduty } from '../../src/library/index.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

/**
 * Notification templates are refused at generate exactly when Alertmanager 0.25 would refuse
 * to load lookout.tmpl. amtool check-config does not parse template files, so the real verdict
 * comes from `amtool template render` over the file generate writes.
 */
const pager = pagerduty({ name: 'pager', severities: ['page', 'ticket', 'info'], routingKeyFile: '/etc/am/pd.key' });
const routingWith = (templates: Record<string, string>) => defineRouting({ receivers: [pager], route: { receiver: 'pager' }, templates });

function syntaxErrors(templates: Record<string, string>) {
  return checkRouting(routingWith(templates), [], goSemantics).diagnostics.filter((d) => d.code === 'routing/template-syntax');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-amtool-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function amtoolLoads(templates: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const file = path.join(dir, `${n++}.tmpl`);
  writeFileSync(file, templatesFile(routingWith(templates), 'test'));
  const run = await runTool(AMTOOL, ['template', 'render', `--template.glob=${file}`, '--template.text=ok'], dir);
  return { ok: run.ok, output: run.output };
}

const REFUSED: Array<[string, Record<string, string>, RegExp]> = [
  ['an action left open', { 'payments.title': '{{ .Status ' }, /unexpected "\{" in operand/],
  ["an override of lookout's title that is only {{end}}", { 'lookout.title': '{{ end }}' }, /unexpected \{\{end\}\}/],
  ['text around a stray {{end}}', { 'payments.text': 'a{{ end }}b' }, /unexpected \{\{end\}\}/],
  ['an {{if}} never closed', { 'payments.text': 'x\n{{ if .CommonLabels.team }}team' }, /unexpected EOF/],
  ['a function nobody has', { 'payments.text': '{{ .Status | shout }}' }, /function "shout" not defined/],
  ['date, which came after Alertmanager 0.25', { 'payments.text': '{{ .StartsAt | date "2006" }}' }, /function "date" not defined/],
  ['tz, which came after Alertmanager 0.25', { 'payments.text': '{{ tz "UTC" }}' }, /function "tz" not defined/],
  ['humanize, which is Prometheus\'s', { 'payments.text': '{{ 1 | humanize }}' }, /function "humanize" not defined/],
  ['$labels, which is Prometheus\'s', { 'payments.text': '{{ $labels.team }}' }, /undefined variable "\$labels"/],
  ['{{else with}}, which came with Go 1.23', { 'payments.text': '{{ with .Status }}a{{ else with .Receiver }}b{{ end }}' }, /unexpected <with> in else/],
  ['a define inside a template', { 'payments.text': '{{ define "inner" }}x{{ end }}' }, /unexpected <define> in command/],
];

const ACCEPTED: Array<[string, Record<string, string>]> = [
  ['Alertmanager 0.25\'s functions', { 'payments.text': '{{ .Status | toUpper | safeHtml }} {{ .Receiver | toLower | title }} {{ join ", " (stringSlice "a" "b") }} {{ reReplaceAll "-" "_" .Receiver }} {{ if match "^pay" .Receiver }}p{{ end }}' }],
  ["Go's builtins", { 'payments.text': '{{ len .Alerts }} {{ index .CommonLabels "team" }} {{ printf "%d" 1 }} {{ if and (eq .Status "firing") (ne .Receiver "") (not false) }}x{{ end }} {{ urlquery "a b" }} {{ slice "abc" 1 }}' }],
  ['ranges, break, variables, comments and trim markers', { 'payments.text': '{{/* one line per alert */}}{{ range $i, $a := .Alerts }}{{- if gt $i 3 }}{{ break }}{{ end }}{{ $a.Labels.alertname }} {{ $.Status -}}\n{{ end }}' }],
  ['if / else if / else and with / else', { 'payments.title': '{{ if eq .Status "firing" }}F{{ else if .Alerts }}R{{ else }}-{{ end }}{{ with .CommonLabels.team }}{{ . }}{{ else }}none{{ end }}' }],
  ["an override of lookout's text that calls lookout's other templates", { 'lookout.text': '{{ template "lookout.summary" . }}\n{{ template "lookout.runbook" . }}' }],
];

describe('notification templates Alertmanager refuses to load', () => {
  it.each(REFUSED)('refuse %s, as amtool template render does', async (_name, templates, message) => {
    const errors = syntaxErrors(templates);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(message);
    const amtool = await amtoolLoads(templates);
    expect(amtool.ok, amtool.output).toBe(false);
    expect(amtool.output).toMatch(message);
  });

  it.each(ACCEPTED)('accept %s, as amtool template render does', async (_name, templates) => {
    expect(syntaxErrors(templates)).toEqual([]);
    const amtool = await amtoolLoads(templates);
    expect(amtool.ok, amtool.output).toBe(true);
  });

  it("parses lookout's own templates", async () => {
    for (const [name, text] of Object.entries(DEFAULT_TEMPLATES)) expect(templateSyntaxFindings(name, text, name, goSemantics.templates), name).toEqual([]);
    expect((await amtoolLoads({})).ok).toBe(true);
  });

  it('report the error at the routing definition, naming the template and the position inside it', () => {
    const [d] = syntaxErrors({ 'payments.text': 'Alerts:\n{{ range .Alerts }}{{ .Labels | nosuch }}{{ end }}' });
    expect(d).toMatchObject({
      severity: 'error',
      path: 'routing.templates.payments.text',
      message: 'template "payments.text" does not parse (line 2, column 33): function "nosuch" not defined',
      file: expect.stringContaining('templateSyntax.test.ts'),
      line: expect.any(Number),
      snippet: { from: 40, to: 46 },
    });
  });

  it('point a stray {{end}} at itself, not at the end lookout adds', () => {
    const [d] = syntaxErrors({ 'lookout.title': '[{{ .Status }}]{{ end }} {{ .Receiver }}' });
    expect(d!.message).toBe('template "lookout.title" does not parse (line 1, column 16): unexpected {{end}}');
    expect(d!.hint).toMatch(/closes the template's own \{\{ define \}\}/);
  });

  it('refuse an {{end}} that closes the define early even where amtool loads the file: the template would lose its tail', async () => {
    const templates = { 'payments.text': 'kept{{ end }}{{ define "payments.lost" }}lost' };
    expect(syntaxErrors(templates).map((d) => d.message)).toEqual(['template "payments.text" does not parse (line 1, column 5): unexpected {{end}}']);
    expect((await amtoolLoads(templates)).ok).toBe(true);
  });
});
