/**
 * Alerts for the promtool conformance test. Each case becomes one series with a constant value
 * and one alert over it; its annotations are rendered by lookout and promtool must agree.
 */

export interface ConformanceCase {
  /** Alert name and `case` label. */
  name: string;
  /** Sample value in promtool series notation (repeated for every step). */
  value: string;
  labels?: Record<string, string>;
  /** Rule labels; Prometheus templates these too. */
  ruleLabels?: Record<string, string>;
  annotations: Record<string, string>;
}

/** Applied to every value case: the ways alert templates usually print $value. */
export const VALUE_ANNOTATIONS: Record<string, string> = {
  raw: '{{ $value }}|{{ .Value }}',
  printf: '{{ printf "%.2f|%.0f|%.3e|%.4g|%g|%v|%08.3f|%+.1e|%x|%5.1f%%" $value $value $value $value $value $value $value $value $value $value }}',
  humanize: '{{ humanize $value }}|{{ humanize1024 $value }}|{{ humanizePercentage $value }}',
  duration: '{{ humanizeDuration $value }}',
  timestamp: '{{ humanizeTimestamp $value }}',
  compare: '{{ if gt $value 0.5 }}above{{ else if lt $value -0.5 }}below{{ else }}near zero{{ end }}',
  pipe: '{{ $value | printf "%.1f" }} / {{ .Value | humanize }}',
};

/** Values chosen for Go's rounding and formatting corner cases. */
export const VALUES: Record<string, string> = {
  tie_eighth: '0.125',
  tie_three_eighths: '0.375',
  million: '1234567',
  hundred_million: '100000000',
  e21: '1e21',
  e20: '1e20',
  tiny: '0.00001234',
  ten_thousandth: '0.0001',
  point_three: '0.30000000000000004',
  negative: '-3.75',
  negative_small: '-0.0042',
  day: '86400',
  half: '0.5',
  five_percent: '0.0526',
  almost_thousand: '999.95',
  two_675: '2.675',
  gibi: '1073741824',
  epoch: '1679000000.123',
  overflowing_duration: '1e19',
  e_minus_7: '1e-7',
  zero: '0',
  negative_zero: '-0',
  nan: 'NaN',
  inf: 'Inf',
  minus_inf: '-Inf',
};

const SPECIAL = 'a"b\\c\n\té <&> {{ x }} $1 \u2028';

/** Templates exercising functions and syntax, each on its own alert. */
export const TEMPLATE_CASES: ConformanceCase[] = [
  {
    name: 'labels',
    value: '1',
    labels: { provider: 'openai', instance: 'gw-1.prod.example.com:9090', weird: SPECIAL },
    annotations: {
      summary: 'Provider {{ $labels.provider }} on {{ $labels.instance }} is failing',
      missing: '[{{ $labels.nope }}][{{ .Labels.nope }}][{{ index $labels "nope" }}]',
      weird: '{{ $labels.weird }}',
      quoted: '{{ printf "%q" $labels.weird }}',
      escaped: '{{ js $labels.weird }}|{{ html $labels.weird }}|{{ urlquery $labels.weird }}',
      index: '{{ index $labels "provider" }} {{ .Labels.provider }} {{ $.Labels.provider }}',
      map: '{{ $labels }}',
      hosts: '{{ stripPort $labels.instance }}|{{ stripDomain $labels.instance }}|{{ stripDomain "[::1]:90" }}|{{ stripDomain "10.0.0.1:80" }}',
    },
  },
  {
    name: 'strings',
    value: '1',
    labels: { reason: "o'neil foo_bar foo-bar éclair hello.world ǆ straße" },
    annotations: {
      title: '{{ title $labels.reason }}',
      upper: '{{ toUpper $labels.reason }}',
      lower: '{{ toLower "ÉCLAIR İSTANBUL" }}',
      len: '{{ len $labels.reason }} {{ len $labels }} {{ slice $labels.reason 0 5 }} {{ index "abc" 1 }}',
      print: '{{ print 1 2 "a" 3 true nil 1.5 }}|{{ println "x" 1 }}|{{ printf "%s-%d-%v" "a" 5 true }}',
      literals: "{{ 1.0 }} {{ 1 }} {{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ 017 }} {{ 1_000 }} {{ `raw\\n` }} {{ \"tab\\there\" }}",
      html: '{{ safeHtml "<b>x</b>" }} {{ graphLink "rate(x[5m]) > 0" }} {{ tableLink "up" }}',
      args: '{{ args 1 "a" }}|{{ (args 1 "x").arg1 }}',
    },
  },
  {
    name: 'regexps',
    value: '1',
    labels: { job: 'api-42', path: '/v1/chat/completions' },
    annotations: {
      swap: '{{ reReplaceAll "^(\\\\w+)-(\\\\d+)$" "${2}_$1" $labels.job }}',
      go_names: '{{ reReplaceAll "^(\\\\w+)-(\\\\d+)$" "$2_$1" $labels.job }}',
      named: '{{ reReplaceAll "/(?P<ver>v\\\\d+)/(?P<rest>.*)" "${rest} (${ver})" $labels.path }}',
      empty_matches: '{{ reReplaceAll "a*" "-" "baaac" }}|{{ reReplaceAll "" "." "héllo" }}',
      classes: '{{ reReplaceAll "[[:upper:]]+" "U" "abCDeF" }}|{{ reReplaceAll "\\\\s+" "_" "a \u00a0b\tc" }}|{{ reReplaceAll "(?i)API" "X" "api Api" }}',
      match: '{{ match "^api-" $labels.job }} {{ match "(?i)JOB" "a job" }} {{ match "[[:digit:]]{3}" $labels.job }}',
      go_only: '{{ reReplaceAll "\\\\Q.*\\\\E" "!" "a.*b" }}|{{ reReplaceAll "(?U)\\\\w+" "_" "ab" }}|{{ match "(?i)s" "ſ" }}|{{ reReplaceAll "(?P<x>a)|(?P<x>b)" "${x}" "ab" }}',
    },
  },
  {
    name: 'control',
    value: '2.5',
    labels: { tier: 'gold' },
    ruleLabels: { severity: '{{ if gt $value 2.0 }}critical{{ else }}warning{{ end }}' },
    annotations: {
      if_else: '{{ if and (gt $value 1.0) (lt $value 3.0) }}in{{ else if eq $value 5.0 }}five{{ else }}out{{ end }}',
      with: '{{ with $labels.tier }}tier={{ . }}{{ end }}{{ with $labels.nope }}x{{ else }} no-nope{{ end }}',
      vars: '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }} {{ $t := $labels.tier | toUpper }}{{ $t }}',
      default: '{{ or $labels.nope "default" }}|{{ and 1 0 2 }}|{{ not 0 }}|{{ eq $labels.tier "gold" "silver" }}',
      trim: 'a \n\t {{- $value }} \n b {{ $value -}}  \n  c {{- /* comment */ -}} d',
      multiline: '{{ if\n  gt $value 0.5\n}}\nhigh\n{{- else -}}\nlow\n{{- end }}',
      durations: '{{ parseDuration "1h30m" }} {{ parseDuration "1y2w3d4h5m6s7ms" }} {{ humanizeDuration (parseDuration "90m") }}',
      time: '{{ (toTime 1679000000.5).Format "2006-01-02T15:04:05Z07:00 Mon Jan _2 .000" }} {{ (toTime 1679000000).Unix }} {{ toTime 0 }}',
      external: '{{ $externalURL }} {{ $externalLabels.region }} {{ .ExternalLabels }}',
      dot: '{{ . }}',
    },
  },
  {
    // Prometheus writes a failed expansion into the annotation; lookout must predict it.
    name: 'errors',
    value: '1',
    labels: { code: '500' },
    annotations: {
      int_compare: '{{ if gt $value 10 }}high{{ end }}',
      wrong_type: '{{ $value | toUpper }}',
      not_a_number: '{{ humanize $labels.code }} {{ humanize "abc" }}',
      bad_regexp: '{{ reReplaceAll "(" "x" "y" }}',
      // Go's own wording and quoted fragment, where JS would accept or word it differently.
      bad_regexp_escape: '{{ match "\\\\x{zz}" "a" }}',
      bad_regexp_named: '{{ reReplaceAll "(?P<a" "x" "y" }}',
      bad_regexp_repeat: '{{ match "(a{100}){100}" "a" }}',
      bad_regexp_js_only: '{{ match "(?<n>a)\\\\1" "a" }}',
      printf_misuse: '{{ printf "%d %s" $value }} {{ printf "%d" 1 2 }}',
      no_field: 'x\n{{ .Nope }}',
      promtool_url: '{{ externalURL }}',
      promtool_prefix: '{{ pathPrefix }}',
    },
  },
];

/**
 * Arbitrary doubles from a fixed seed (so runs are reproducible): random bit patterns cover
 * every exponent, rounded decimals and dyadic fractions hit exact rounding ties.
 */
export function randomValues(count: number, seed = 42): string[] {
  let state = BigInt(seed);
  const next = () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return state;
  };
  const view = new DataView(new ArrayBuffer(8));
  const out: string[] = [];
  while (out.length < count) {
    const kind = Number(next() % 3n);
    let x: number;
    if (kind === 0) {
      view.setBigUint64(0, next());
      x = view.getFloat64(0);
    } else if (kind === 1) x = Number(next() % 2000000n) / 10 ** Number(next() % 7n) - 100000;
    else x = Number(next() % 100000n) / 2 ** Number(next() % 12n);
    if (Number.isFinite(x)) out.push(String(x));
  }
  return out;
}

/** Every case: one per value with the value battery, then the template cases. */
export function allCases(): ConformanceCase[] {
  const values: [string, string][] = [...Object.entries(VALUES), ...randomValues(60).map((v, i): [string, string] => [`random_${i}`, v])];
  const valueCases = values.map(([name, value]) => ({ name: `value_${name}`, value, annotations: VALUE_ANNOTATIONS }));
  return [...valueCases, ...TEMPLATE_CASES];
}
