import { describe, expect, it } from 'vitest';
import { alert } from '../../src/library/alerts/define.js';
import { defineProject } from '../../src/library/project.js';
import { DEFAULT_LAYOUT, DEFAULT_PARTIALS } from '../../src/engine/runbooks/defaults.js';
import { runbookFacts } from '../../src/engine/runbooks/facts.js';
import { runbookRenderer, type RunbookTemplates } from '../../src/engine/runbooks/render.js';

const project = defineProject({ name: 'shop', catalogs: [] });
const rule = alert({
  name: 'ShopDown',
  expr: "up{job='shop'} == 0",
  for: '5m',
  severity: 'page',
  summary: 'Shop is down.',
  description: 'Shop is down.',
  dashboard: 'shop',
  labels: { team: 'shop' },
});
const facts = runbookFacts({ rules: [rule], group: 'shop', tiers: [] }, project, { runbookUrl: 'https://r/shop-down', dashboardUrl: 'https://g/d/shop' }, null);

function templates(over: Partial<RunbookTemplates> = {}): RunbookTemplates {
  const partials = Object.fromEntries(Object.entries(DEFAULT_PARTIALS).map(([n, source]) => [n, { file: `built-in/${n}.hbs`, source }]));
  return { layout: { file: 'runbooks/layout.hbs', source: DEFAULT_LAYOUT }, partials, content: {}, ...over };
}

describe('runbook rendering', () => {
  it('fills the built-in layout with the alert facts and shell-quotes the query', () => {
    const { render, diagnostics } = runbookRenderer(templates());
    expect(diagnostics).toEqual([]);
    const { text } = render!(facts);
    expect(text).toContain('# ShopDown');
    expect(text).toContain("```promql\nup{job='shop'} == 0\n```");
    expect(text).toContain('- for: 5m');
    expect(text).toContain('Dashboard: https://g/d/shop');
    expect(text).toContain(`promtool query instant http://localhost:9090 'up{job='\\''shop'\\''} == 0'`);
    expect(text).toContain('amtool silence add --alertmanager.url=http://localhost:9093 --duration=1h --comment=\'investigating\' alertname=ShopDown team=shop');
  });

  it('includes .md steps as written and renders .hbs steps with the facts', () => {
    const md = runbookRenderer(templates({ content: { 'shop-down': { file: 'runbooks/alerts/shop-down.md', source: 'Restart {{shop}}.', verbatim: true } } }));
    expect(md.render!(facts).text).toContain('## What to do\n\nRestart {{shop}}.\n');
    const hbs = runbookRenderer(templates({ content: { 'shop-down': { file: 'runbooks/alerts/shop-down.hbs', source: 'Restart {{alert.name}}.', verbatim: false } } }));
    expect(hbs.render!(facts).text).toContain('## What to do\n\nRestart ShopDown.\n');
  });

  it('reports a syntax error with the template file and line, and renders nothing', () => {
    const broken = templates();
    broken.partials = { ...broken.partials, summary: { file: 'runbooks/partials/summary.hbs', source: '# ok\n\n{{#if alert.team}}\nno end\n' } };
    const { render, diagnostics } = runbookRenderer(broken);
    expect(render).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'runbook/template', severity: 'error', file: 'runbooks/partials/summary.hbs', line: 5 }]);
    expect(diagnostics[0]!.message).toMatch(/^template syntax error: Expecting .*got 'EOF'/);
  });

  it('reports a block left open inside another at the template file and line, not without a file', () => {
    const broken = templates();
    broken.content = { 'shop-down': { file: 'runbooks/alerts/shop-down.hbs', source: 'Steps:\n\n{{#if alert.team}}{{#each alert.labels}}\n- {{this}}\n{{/if}}\n', verbatim: false } };
    const { render, diagnostics } = runbookRenderer(broken);
    expect(render).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'runbook/template', severity: 'error', file: 'runbooks/alerts/shop-down.hbs', line: 3 }]);
    expect(diagnostics[0]!.message).toBe('template syntax error: {{#each}} is not closed: the {{/if}} after it closes {{#if}} first');
  });

  it('reports an unknown partial and a misspelt field at their line in the file that uses them', () => {
    const layout = { file: 'runbooks/layout.hbs', source: '# {{alert.name}}\n\n{{> sumary}}\n' };
    expect(runbookRenderer(templates({ layout })).render!(facts).diagnostic).toMatchObject({ file: 'runbooks/layout.hbs', line: 3, message: 'unknown partial "sumary"' });
    const partials = { ...templates().partials, links: { file: 'runbooks/partials/links.hbs', source: 'see\n{{alert.dashbord}}\n' } };
    expect(runbookRenderer(templates({ partials })).render!(facts).diagnostic).toMatchObject({ file: 'runbooks/partials/links.hbs', line: 2, message: '"dashbord" not defined' });
  });
});
