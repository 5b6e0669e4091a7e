/**
 * How template functions are described: Go's executor converts arguments according to the
 * function's parameter types (and reports "wrong type for value" / "expected string; found 1"
 * when it cannot), so each function declares its Go signature.
 */
import type { GoValue, TemplateData } from './values.js';

/** Parameter types that occur in Prometheus's and Go's template functions. */
export type ParamType = 'string' | 'any' | 'value' | 'float64' | 'int';

export const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  string: 'string',
  any: 'interface {}',
  value: 'reflect.Value',
  float64: 'float64',
  int: 'int',
};

/** Where the template is expanded; promtool 2.42 passes no external URL to its rule manager. */
export type RenderTarget = 'prometheus' | 'promtool';

export interface CallEnv {
  data: TemplateData;
  target: RenderTarget;
}

export interface GoFunc {
  params: ParamType[];
  /** Element type of a trailing `...T` parameter. */
  variadic?: ParamType;
  /** Throws GoCallError for a Go error return (or recovered panic). */
  call: (args: GoValue[], env: CallEnv) => GoValue;
  /** Go builtins get special treatment (short-circuiting and/or). */
  builtin?: true;
  /** Set for functions lookout cannot run offline (they need a Prometheus to query). */
  unsupported?: string;
}

/** Raised when a template needs something lookout cannot evaluate offline (e.g. `query`). */
export class UnsupportedError extends Error {}
