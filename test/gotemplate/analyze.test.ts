import { describe, expect, it } from 'vitest';
import { analyzeTemplate } from '../../src/engine/gotemplate/index.js';

describe('analyzeTemplate', () => {
  it('finds label references in all three spellings', () => {
    const text = '{{ $labels.provider }} {{ .Labels.model }} {{ index $labels "reason" }} {{ $.Labels.x }}';
    expect(analyzeTemplate(text)).toMatchInlineSnapshot(`
      {
        "functions": [
          "index",
        ],
        "labelRefs": [
          {
            "from": 3,
            "name": "provider",
            "to": 19,
          },
          {
            "from": 26,
            "name": "model",
            "to": 39,
          },
          {
            "from": 46,
            "name": "reason",
            "to": 68,
          },
          {
            "from": 75,
            "name": "x",
            "to": 85,
          },
        ],
        "problems": [],
        "usesValue": false,
      }
    `);
  });

  it('reports $value use and the functions called', () => {
    const a = analyzeTemplate('{{ $value | humanizePercentage }} {{ printf "%.2f" .Value }}');
    expect(a.usesValue).toBe(true);
    expect(a.functions).toEqual(['humanizePercentage', 'printf']);
    expect(analyzeTemplate('{{ $labels.job }}').usesValue).toBe(false);
  });

  it('does not count .Labels inside with, where dot is something else', () => {
    const a = analyzeTemplate('{{ with $labels.instance }}{{ .Labels.x }}{{ . }}{{ end }}{{ with .Labels.a }}{{ else }}{{ .Labels.b }}{{ end }}');
    expect(a.labelRefs.map((r) => r.name)).toEqual(['instance', 'a', 'b']);
  });

  it('reports every unknown function with Go wording', () => {
    expect(analyzeTemplate('{{ mulScalar $value 100 }} and {{ $value | round }}').problems).toMatchInlineSnapshot(`
      [
        {
          "from": 3,
          "kind": "unknown-function",
          "message": "function "mulScalar" not defined",
          "to": 12,
        },
        {
          "from": 43,
          "kind": "unknown-function",
          "message": "function "round" not defined",
          "to": 48,
        },
      ]
    `);
  });

  it('reports constructs that need a live Prometheus as unsupported', () => {
    const text = '{{ with query "up" }}{{ . | first | value }}{{ end }}{{ range $labels }}{{ . }}{{ end }}{{ template "x" . }}';
    expect(analyzeTemplate(text).problems).toMatchInlineSnapshot(`
      [
        {
          "from": 8,
          "kind": "unsupported",
          "message": "the query function needs a running Prometheus (query results) and cannot be rendered offline",
          "to": 13,
        },
        {
          "from": 28,
          "kind": "unsupported",
          "message": "the first function needs a running Prometheus (query results) and cannot be rendered offline",
          "to": 33,
        },
        {
          "from": 36,
          "kind": "unsupported",
          "message": "the value function needs a running Prometheus (query results) and cannot be rendered offline",
          "to": 41,
        },
        {
          "from": 53,
          "kind": "unsupported",
          "message": "{{range}} is not supported: lookout cannot render it offline",
          "to": 72,
        },
        {
          "from": 88,
          "kind": "unsupported",
          "message": "{{template}} is not supported: alert templates cannot include other templates offline",
          "to": 108,
        },
      ]
    `);
  });

  it('reports syntax errors with spans, keeping what was seen before them', () => {
    expect(analyzeTemplate('{{ $labels.job }} {{ if $value }}x')).toMatchInlineSnapshot(`
      {
        "functions": [],
        "labelRefs": [
          {
            "from": 3,
            "name": "job",
            "to": 14,
          },
        ],
        "problems": [
          {
            "from": 18,
            "kind": "syntax",
            "message": "unexpected EOF",
            "to": 33,
          },
        ],
        "usesValue": true,
      }
    `);
    expect(analyzeTemplate('{{ $labels.job ')).toMatchInlineSnapshot(`
      {
        "functions": [],
        "labelRefs": [
          {
            "from": 3,
            "name": "job",
            "to": 14,
          },
        ],
        "problems": [
          {
            "from": 0,
            "kind": "syntax",
            "message": "unclosed action",
            "to": 15,
          },
        ],
        "usesValue": false,
      }
    `);
    expect(analyzeTemplate('{{ $undefined }}').problems).toMatchInlineSnapshot(`
      [
        {
          "from": 3,
          "kind": "syntax",
          "message": "undefined variable "$undefined"",
          "to": 13,
        },
      ]
    `);
    expect(analyzeTemplate('{{ "a" | "b" }}').problems).toMatchInlineSnapshot(`
      [
        {
          "from": 9,
          "kind": "syntax",
          "message": "non executable command in pipeline stage 2",
          "to": 12,
        },
      ]
    `);
  });
});
