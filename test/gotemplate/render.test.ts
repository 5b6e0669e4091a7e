import { describe, expect, it } from 'vitest';
import { expandAlertAnnotation, renderTemplate } from '../../src/engine/gotemplate/index.js';
import { alertData, render } from './helpers.js';

describe('renderTemplate', () => {
  it('renders labels and values', () => {
    expect(render('{{ $labels.provider }} is at {{ $value }}', 1234567, { provider: 'openai' })).toBe('openai is at 1.234567e+06');
  });

  it('renders a missing label as the empty string (missingkey=zero)', () => {
    expect(render('[{{ $labels.nope }}][{{ .Labels.nope }}][{{ index $labels "nope" }}]')).toBe('[][][]');
  });

  it('prints booleans, nil, maps and the data struct like Go', () => {
    expect(render('{{ true }} {{ print nil }} {{ $externalLabels }}')).toBe('true <nil> map[dc:a b region:eu]');
    expect(render('{{ . }}', 1.5, { x: 'y' })).toBe(
      '{map[__name__:conformance_value x:y] map[dc:a b region:eu] https://prom.example.com:9090/sub/path?q=1 1.5}',
    );
  });

  it('handles trim markers and comments', () => {
    expect(render('a \n\t {{- $value }} \n b')).toBe('a1 \n b');
    expect(render('a {{- /* comment */ -}} b {{/* c2 */}} c {{- /*\nmulti\n*/}} d')).toBe('ab  c d');
  });

  it('handles if/else if/else, with and variables', () => {
    const t = '{{ if and (gt $value 1.0) (lt $value 3.0) }}in{{ else if eq $value 5.0 }}five{{ else }}out{{ end }}';
    expect(render(t, 5)).toBe('five');
    expect(render(t, 2)).toBe('in');
    expect(render('{{ with $labels.nope }}yes{{ else }}no{{ end }}|{{ with $labels.x }}[{{ . }}]{{ end }}', 1, { x: 'q' })).toBe(
      'no|[q]',
    );
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}')).toBe('2');
  });

  it('parses Go literals', () => {
    expect(render('{{ 1.0 }} {{ 1 }} {{ 1e3 }} {{ 0x10 }} {{ \'a\' }} {{ 017 }} {{ 1_000 }} {{ 1i }} {{ `raw\\n` }}')).toBe(
      '1 1 1000 16 97 15 1000 (0+1i) raw\\n',
    );
  });

  it('returns Go parse errors as failures', () => {
    expect(renderTemplate('{{ if true }}x', alertData(1))).toMatchInlineSnapshot(`
      {
        "message": "template: __alert:1: unexpected EOF",
        "ok": false,
        "reason": "parse",
      }
    `);
    expect(renderTemplate('{{ mulScalar 1 }}', alertData(1), { templateName: '__alert_A' })).toMatchInlineSnapshot(`
      {
        "message": "template: __alert_A:1: function "mulScalar" not defined",
        "ok": false,
        "reason": "parse",
      }
    `);
  });

  it('returns Go execution errors located like Go (columns include the Prometheus prefix)', () => {
    expect(renderTemplate('{{ $value | toUpper }}', alertData(1))).toMatchInlineSnapshot(`
      {
        "message": "template: __alert:1:124: executing "__alert" at <toUpper>: wrong type for value; expected string; got float64",
        "ok": false,
        "reason": "execute",
      }
    `);
    expect(renderTemplate('line1\né{{ .Nope }}', alertData(1))).toMatchInlineSnapshot(`
      {
        "message": "template: __alert:2:5: executing "__alert" at <.Nope>: can't evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }",
        "ok": false,
        "reason": "execute",
      }
    `);
  });

  it('refuses what it cannot know offline', () => {
    expect(renderTemplate('{{ query "up" }}', alertData(1))).toMatchInlineSnapshot(`
      {
        "message": "the query function needs a running Prometheus and cannot be rendered offline",
        "ok": false,
        "reason": "unsupported",
      }
    `);
    expect(renderTemplate('{{ range $labels }}{{ . }}{{ end }}', alertData(1))).toMatchInlineSnapshot(`
      {
        "message": "{{range}} is not supported by lookout's renderer",
        "ok": false,
        "reason": "unsupported",
      }
    `);
  });
});

describe('expandAlertAnnotation', () => {
  it('returns exactly what Prometheus stores when expansion fails', () => {
    expect(expandAlertAnnotation('{{ if gt $value 10 }}high{{ end }}', alertData(1), 'HighLatency')).toEqual({
      ok: true,
      text: '<error expanding template: error executing template __alert_HighLatency: template: __alert_HighLatency:1:118: executing "__alert_HighLatency" at <gt $value 10>: error calling gt: incompatible types for comparison>',
    });
  });

  it('returns the rendered text otherwise', () => {
    expect(expandAlertAnnotation('{{ $value | humanizePercentage }}', alertData(0.0526), 'X')).toEqual({ ok: true, text: '5.26%' });
  });
});
