import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/engine/gotemplate/index.js';
import { alertData, render } from './helpers.js';

// Expected outputs were taken from promtool 2.42 runs of the same templates.
describe('humanize family', () => {
  it('humanize uses SI prefixes with 4 significant digits', () => {
    expect(render('{{ humanize 1 }} {{ humanize "1.5" }} {{ humanize 1234.5 }} {{ humanize 0 }}')).toBe('1 1.5 1.234k 0');
    expect(render('{{ humanize $value }} {{ humanize 0.000001234 }} {{ humanize -1500 }} {{ humanize 1e30 }}', 1e-30)).toBe(
      '1e-06y 1.234u -1.5k 1e+06Y',
    );
    expect(render('{{ humanize $value }} {{ humanize 1234567 }} {{ humanize 0.0526 }}', 999950)).toBe('1000k 1.235M 52.6m');
  });

  it('humanize1024 uses binary prefixes', () => {
    expect(render('{{ humanize1024 $value }} {{ humanize1024 1 }} {{ humanize1024 -2048 }}', 1073741824)).toBe('1Gi 1 -2ki');
  });

  it('humanizeDuration splits into days, hours, minutes and seconds', () => {
    expect(
      render(
        '{{ humanizeDuration 86400 }}|{{ humanizeDuration 0.5 }}|{{ humanizeDuration -3661.5 }}|{{ humanizeDuration 59.99999 }}|{{ humanizeDuration 0 }}|{{ humanizeDuration 0.000001234 }}',
      ),
    ).toBe('1d 0h 0m 0s|500ms|-1h 1m 1s|60s|0s|1.234us');
  });

  it('humanizeDuration reproduces Go int64 overflow for huge values', () => {
    expect(render('{{ humanizeDuration $value }}', 1e19)).toBe('-106751991167300d -15h -30m -8s');
  });

  it('humanizePercentage multiplies by 100', () => {
    expect(render('{{ humanizePercentage $value }} {{ 0.5 | humanizePercentage }}', 0.0526)).toBe('5.26% 50%');
  });

  it('humanizeTimestamp prints a UTC time with millisecond precision', () => {
    expect(render('{{ humanizeTimestamp $value }}', 1679000000.123456)).toBe('2023-03-16 20:53:20.123 +0000 UTC');
    expect(render('{{ humanizeTimestamp $value }}', -1.5)).toBe('1969-12-31 23:59:58.5 +0000 UTC');
    expect(render('{{ humanizeTimestamp $value }}', NaN)).toBe('NaN');
    expect(render('{{ humanizeTimestamp $value }}', 1e20)).toMatch(
      /error calling humanizeTimestamp: 1e\+20 cannot be represented as a nanoseconds timestamp since it overflows int64$/,
    );
  });

  it('rejects values that are not numbers with Go errors', () => {
    expect(render('{{ humanize "abc" }}')).toMatch(/error calling humanize: strconv.ParseFloat: parsing "abc": invalid syntax$/);
    expect(render('{{ humanize true }}')).toMatch(/error calling humanize: can't convert bool to float$/);
  });
});

describe('time functions', () => {
  it('toTime returns a time with methods', () => {
    const t = '{{ toTime $value }}|{{ (toTime $value).Unix }}|{{ (toTime $value).Format "2006-01-02T15:04:05Z07:00 Mon Jan _2 .000" }}|{{ (toTime $value).Month }}|{{ (toTime $value).Weekday }}';
    expect(render(t, 1679000000.5)).toBe(
      '2023-03-16 20:53:20.5 +0000 UTC|1679000000|2023-03-16T20:53:20Z Thu Mar 16 .500|March|Thursday',
    );
  });

  it('parseDuration returns seconds', () => {
    expect(render('{{ parseDuration "1h30m" }}|{{ parseDuration "0" }}|{{ parseDuration "1y2w3d4h5m6s7ms" }}')).toBe(
      '5400|0|3.3019506007e+07',
    );
    expect(render('{{ parseDuration "1.5h" }}')).toMatch(/error calling parseDuration: not a valid duration string: "1.5h"$/);
  });
});

describe('string functions', () => {
  it('title follows strings.Title (every letter after a non-letter)', () => {
    expect(render('{{ title "o\'neil foo_bar foo-bar éclair hello.world" }}')).toBe("O'Neil Foo_bar Foo-Bar Éclair Hello.World");
    expect(render('{{ title $labels.x }}', 1, { x: 'ǆemal straße 1abc a1b x–y' })).toBe('ǅemal Straße 1abc A1b X–y');
  });

  it('toUpper and toLower map rune by rune', () => {
    expect(render('{{ toUpper "straße ŉ ﬁx" }}|{{ toLower "İSTANBUL" }}')).toBe('STRAßE ŉ ﬁX|istanbul');
  });

  it('match is an unanchored RE2 search', () => {
    expect(render('{{ match "^a.c$" "abc" }} {{ match "(?i)ABC" "xabcx" }} {{ match "[[:alpha:]]+" "123" }}')).toBe(
      'true true false',
    );
    expect(render('{{ match "(" "abc" }}')).toMatch(/error calling match: error parsing regexp: missing closing \): `\(`$/);
  });

  it('reReplaceAll expands $1 and ${name} like Go', () => {
    // "$2_" names a group called "2_", which does not exist: Go's rule, not JS's.
    expect(render('{{ reReplaceAll "^(\\\\w+)-(\\\\d+)$" "$2_$1" $labels.x }}', 1, { x: 'api-42' })).toBe('api');
    expect(render('{{ reReplaceAll "^(\\\\w+)-(\\\\d+)$" "${2}_$1" $labels.x }}', 1, { x: 'api-42' })).toBe('42_api');
    expect(render('{{ reReplaceAll "(a)(b)" "$1x${2}y$$z$" "abab" }}')).toBe('by$z$by$z$');
    expect(render('{{ reReplaceAll "a*" "-" "baaac" }}')).toBe('-b-c-');
    expect(render('{{ reReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "${last}, ${first}" "John Smith" }}')).toBe('Smith, John');
    expect(render('{{ reReplaceAll "(" "x" "abc" }}')).toMatch(
      /error calling reReplaceAll: regexp: Compile\(`\(`\): error parsing regexp: missing closing \): `\(`$/,
    );
  });

  it('stripPort and stripDomain follow net.SplitHostPort and net.ParseIP', () => {
    expect(render('{{ stripPort "host:9090" }}|{{ stripPort "[::1]:9090" }}|{{ stripPort "host" }}|{{ stripPort "a:b:c" }}')).toBe(
      'host|::1|host|a:b:c',
    );
    expect(
      render('{{ stripDomain "foo.bar.com:9090" }}|{{ stripDomain "foo.bar.com" }}|{{ stripDomain "10.0.0.1:9090" }}|{{ stripDomain "[::1]:90" }}|{{ stripDomain "010.0.0.1" }}'),
    ).toBe('foo:9090|foo|10.0.0.1:9090|[::1]:90|010');
  });

  it('escapes for html, js and URLs like Go 1.19', () => {
    const x = `<a href='x'>"&=\\ é\u0001\u2028/+~`;
    expect(render('{{ js $labels.x }}', 1, { x })).toBe('\\u003Ca href\\u003D\\\'x\\\'\\u003E\\"\\u0026\\u003D\\\\ é\\u0001\\u2028/+~');
    expect(render('{{ html $labels.x }}', 1, { x })).toBe(`&lt;a href=&#39;x&#39;&gt;&#34;&amp;=\\ é\u0001\u2028/+~`);
    expect(render('{{ urlquery $labels.x }}', 1, { x })).toBe('%3Ca+href%3D%27x%27%3E%22%26%3D%5C+%C3%A9%01%E2%80%A8%2F%2B~');
  });

  it('graphLink, tableLink and safeHtml', () => {
    expect(render('{{ graphLink "up == 0" }}|{{ tableLink "rate(x[5m])" }}|{{ safeHtml "<b>" }}')).toBe(
      '/graph?g0.expr=up+%3D%3D+0&g0.tab=0|/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1|<b>',
    );
    expect(render('{{ toUpper (safeHtml "x") }}')).toMatch(/wrong type for value; expected string; got template.HTML$/);
  });

  it('externalURL and pathPrefix come from the external URL', () => {
    expect(render('{{ externalURL }} {{ pathPrefix }} {{ $externalURL }}')).toBe(
      'https://prom.example.com:9090/sub/path?q=1 /sub/path https://prom.example.com:9090/sub/path?q=1',
    );
  });

  it('externalURL and pathPrefix fail under promtool 2.42, which has no external URL', () => {
    const r = renderTemplate('{{ pathPrefix }}', alertData(1), { target: 'promtool' });
    expect(r).toMatchObject({ ok: false, reason: 'execute' });
    expect(!r.ok && r.message).toMatch(/error calling pathPrefix: runtime error: invalid memory address or nil pointer dereference$/);
  });
});

describe('Go builtins', () => {
  it('print, println and printf', () => {
    expect(render('{{ print 1 2 "a" 3 true nil 1.5 }}|{{ println 1 "a" }}|{{ printf "%s-%d" "a" 5 }}')).toBe(
      '1 2a3 true <nil> 1.5|1 a\n|a-5',
    );
  });

  it('len, index and slice work on bytes', () => {
    expect(render('{{ len "héllo" }} {{ index "abc" 1 }} {{ slice "abcdef" 1 3 }} {{ index $labels "x" }}', 1, { x: 'y' })).toBe(
      '6 98 bc y',
    );
    expect(render('{{ index "abc" 5 }}')).toMatch(/error calling index: index out of range: 5$/);
  });

  it('and/or return one of their arguments; not returns a bool', () => {
    expect(render('{{ or $labels.nope "default" }}|{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 "" }}|{{ not 0 }}|{{ not "a" }}')).toBe(
      'default|0|2||true|false',
    );
  });

  it('comparisons need matching kinds', () => {
    expect(render('{{ eq $value 1.0 }} {{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt "a" "b" }} {{ le 2.5 2.5 }}')).toBe(
      'true true true true true true',
    );
    expect(render('{{ gt $value 10 }}')).toMatch(/at <gt \$value 10>: error calling gt: incompatible types for comparison$/);
    expect(render('{{ lt true false }}')).toMatch(/error calling lt: invalid type for comparison$/);
    expect(render('{{ eq 1 nil }}')).toBe('false');
  });

  it('args builds a map', () => {
    expect(render('{{ args 1 "a" }}|{{ (args 1 "x").arg1 }}|{{ (args).nope }}')).toBe('map[arg0:1 arg1:a]|x|<no value>');
  });
});
