import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/engine/gotemplate/index.js';

const data = { labels: {}, value: 1, externalLabels: {}, externalURL: '' };

// Each message was compared with `promtool check rules` output for the same annotation.
describe('parse errors use Go 1.19 text/template wording', () => {
  it.each([
    ["{{ if true }}x","template: t:1: unexpected EOF"],
    ["{{ $foo }}","template: t:1: undefined variable \"$foo\""],
    ["{{ end }}","template: t:1: unexpected {{end}}"],
    ["{{ if }}{{ end }}","template: t:1: missing value for if"],
    ["{{ }}","template: t:1: missing value for command"],
    ["{{ | }}","template: t:1: unexpected \"|\" in command"],
    ["{{ ) }}","template: t:1: unexpected \")\" in command"],
    ["{{ ( }}","template: t:1: unclosed left paren"],
    ["{{ $labels.x","template: t:1: unclosed action"],
    ["{{ \"abc }}","template: t:1: unterminated quoted string"],
    ["{{ 'ab' }}","template: t:1: malformed character constant: 'ab'"],
    ["{{ 1x }}","template: t:1: bad number syntax: \"1x\""],
    ["{{ 99999999999999999999 }}","template: t:1: integer overflow: \"99999999999999999999\""],
    ["{{/* x","template: t:1: unclosed comment"],
    ["{{ if true }}{{ else }}{{ else }}{{ end }}","template: t:1: expected end; found {{else}}"],
    ["{{ \"a\".b }}","template: t:1: unexpected . after term \"\\\"a\\\"\""],
    ["{{ $labels | 1 }}","template: t:1: non executable command in pipeline stage 2"],
    ["{{-3}}","OK"],
    ["a\n{{ if true\n}}\n{{ foo }}","template: t:4: function \"foo\" not defined"],
    ["{{ with $labels }}{{ else if true }}{{ end }}","template: t:1: unexpected <if> in input"],
    ["{{ break }}","template: t:1: {{break}} outside {{range}}"],
    ["{{ :x }}","template: t:1: expected :="],
    ["{{ \"\\q\" }}","template: t:1: invalid syntax"],
  ])('%j fails with %j', (text, message) => {
    const r = renderTemplate(text, data, { templateName: 't' });
    expect(r.ok ? 'OK' : r.message).toBe(message);
  });
});
