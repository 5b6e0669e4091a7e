/**
 * The handful of Go values that can appear while Prometheus executes an alert template.
 *
 * Go's text/template is reflection-driven, so behaviour (printing, comparisons, error texts)
 * depends on the dynamic Go type of each value. We model exactly the types that alert
 * templates can produce instead of pretending JS values are Go values.
 */

/** The data Prometheus hands to an alert template (see `AlertTemplateData` in Prometheus). */
export interface TemplateData {
  labels: Record<string, string>;
  value: number;
  externalLabels: Record<string, string>;
  externalURL: string;
}

export type GoValue =
  /** `string`, or `template.HTML` (what `safeHtml` returns) when `html` is set. */
  | { kind: 'string'; value: string; html?: true }
  | { kind: 'float64'; value: number }
  /** Go `int` / `int64`; bigint because template constants are 64-bit. */
  | { kind: 'int'; value: bigint; type: 'int' | 'int64' }
  /** What `index` returns for a string: a byte. */
  | { kind: 'uint8'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'complex128'; re: number; im: number }
  /** `map[string]string`: `$labels`, `$externalLabels`. */
  | { kind: 'stringMap'; value: Record<string, string> }
  /** `map[string]interface {}`: what the `args` function builds. */
  | { kind: 'anyMap'; value: Map<string, GoValue> }
  /** The anonymous struct Prometheus passes as dot. */
  | { kind: 'alertData'; data: TemplateData }
  /** `*time.Time` (from `toTime`), always UTC. */
  | { kind: 'time'; unixNano: bigint }
  /** `time.Month` / `time.Weekday`: integers that print as names. */
  | { kind: 'named'; type: 'time.Month' | 'time.Weekday'; value: number; name: string }
  /** An untyped nil interface, e.g. the literal `nil` passed to `print`. */
  | { kind: 'nil' }
  /** Go's invalid reflect.Value, printed as `<no value>`. */
  | { kind: 'invalid' };

export const ALERT_DATA_TYPE =
  'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }';

/** The Go type name as `reflect.Type.String()` would print it. */
export function typeName(v: GoValue): string {
  switch (v.kind) {
    case 'string':
      return v.html ? 'template.HTML' : 'string';
    case 'int':
      return v.type;
    case 'stringMap':
      return 'map[string]string';
    case 'anyMap':
      return 'map[string]interface {}';
    case 'alertData':
      return ALERT_DATA_TYPE;
    case 'time':
      return '*time.Time';
    case 'named':
      return v.type;
    case 'nil':
    case 'invalid':
      return '<nil>';
    default:
      return v.kind;
  }
}

/** Go's basic kinds, which decide what the comparison builtins accept. */
export type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

export function basicKind(v: GoValue): BasicKind {
  switch (v.kind) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'named':
      return 'int';
    case 'uint8':
      return 'uint';
    case 'float64':
      return 'float';
    case 'complex128':
      return 'complex';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

/** Go's template truth: empty strings/maps, zero numbers, false, nil and "no value" are false. */
export function isTrue(v: GoValue): boolean {
  switch (v.kind) {
    case 'invalid':
      return false;
    case 'string':
      return v.value.length > 0;
    case 'float64':
    case 'uint8':
    case 'named':
      return v.value !== 0;
    case 'int':
      return v.value !== 0n;
    case 'bool':
      return v.value;
    case 'complex128':
      return v.re !== 0 || v.im !== 0;
    case 'stringMap':
      return Object.keys(v.value).length > 0;
    case 'anyMap':
      return v.value.size > 0;
    case 'nil':
      return false;
    default:
      return true;
  }
}
