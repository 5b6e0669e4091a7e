/**
 * Go 1.19's text/template builtins: and or not len index slice print printf println html js
 * urlquery eq ne lt le gt ge call. Comparisons are strict about kinds: `gt $value 10` fails
 * ("incompatible types for comparison") because 10 is an int and $value a float64.
 */
import type { GoFunc } from './callable.js';
import { GoCallError } from './humanize.js';
import { goCompare, htmlEscape, jsEscape, queryEscape, utf8Bytes } from './goStrings.js';
import { sprint, sprintf, sprintln } from './sprintf.js';
import { basicKind, isTrue, typeName, type GoValue } from './values.js';

const isZero = (v: GoValue) => v.kind === 'nil' || v.kind === 'invalid';

const INCOMPATIBLE = 'incompatible types for comparison';
const BAD_TYPE = 'invalid type for comparison';

/** Numeric view used to compare int and uint kinds with each other. */
const intValue = (v: GoValue): bigint => (v.kind === 'int' ? v.value : BigInt((v as { value: number }).value));

function scalarEqual(a: GoValue, b: GoValue): boolean {
  switch (basicKind(a)) {
    case 'bool':
    case 'string':
      return (a as { value: unknown }).value === (b as { value: unknown }).value;
    case 'float':
      return (a as { value: number }).value === (b as { value: number }).value;
    case 'int':
    case 'uint':
      return intValue(a) === intValue(b);
    case 'complex':
      return (a as { re: number }).re === (b as { re: number }).re && (a as { im: number }).im === (b as { im: number }).im;
    default:
      return false;
  }
}

function eq(arg1: GoValue, rest: GoValue[]): boolean {
  if (rest.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) truth = intValue(arg1) === intValue(arg);
      else if (!isZero(arg1) && !isZero(arg)) throw new GoCallError(INCOMPATIBLE);
    } else if (k1 !== 'invalid') truth = scalarEqual(arg1, arg);
    else {
      if (typeName(arg1) !== typeName(arg)) {
        throw new GoCallError(`non-comparable types ${sprint([arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprint([arg])}`);
      }
      if (arg.kind === 'stringMap' || arg.kind === 'anyMap' || arg.kind === 'alertData') {
        throw new GoCallError(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
      }
      truth = arg1.kind === 'time' && arg.kind === 'time' ? arg1 === arg : isZero(arg1) && isZero(arg);
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoCallError(BAD_TYPE);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return intValue(a) < intValue(b);
    throw new GoCallError(INCOMPATIBLE);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new GoCallError(BAD_TYPE);
    case 'float':
      return (a as { value: number }).value < (b as { value: number }).value;
    case 'string':
      return goCompare((a as { value: string }).value, (b as { value: string }).value) < 0;
    default:
      return intValue(a) < intValue(b);
  }
}

const le = (a: GoValue, b: GoValue) => lt(a, b) || eq(a, [b]);

const boolean = (value: boolean): GoValue => ({ kind: 'bool', value });

/** text/template's evalArgs: one plain string passes through, anything else goes via Sprint. */
function evalArgs(args: GoValue[]): string {
  const only = args[0];
  if (args.length === 1 && only?.kind === 'string' && !only.html) return only.value;
  return sprint(args.map((a) => (a.kind === 'invalid' || a.kind === 'nil' ? { kind: 'string', value: '<no value>' } : a)));
}

function indexArg(index: GoValue, cap: number): number {
  let x: bigint;
  if (index.kind === 'int') x = index.value;
  else if (index.kind === 'uint8') x = BigInt(index.value);
  else if (isZero(index)) throw new GoCallError('cannot index slice/array with nil');
  else throw new GoCallError(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new GoCallError(`index out of range: ${x}`);
  return Number(x);
}

function mapKey(index: GoValue): string {
  if (index.kind === 'string' && !index.html) return index.value;
  if (isZero(index)) throw new GoCallError('value is nil; should be of type string');
  throw new GoCallError(`value has type ${typeName(index)}; should be string`);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  if (isZero(item)) throw new GoCallError('index of untyped nil');
  for (const idx of indexes) {
    switch (item.kind) {
      case 'string': {
        const bytes = utf8Bytes(item.value);
        const x = indexArg(idx, bytes.length);
        if (x >= bytes.length) throw new GoCallError('reflect: string index out of range');
        item = { kind: 'uint8', value: bytes[x]! };
        break;
      }
      case 'stringMap': {
        const v: string | undefined = item.value[mapKey(idx)];
        item = { kind: 'string', value: v ?? '' };
        break;
      }
      case 'anyMap':
        item = item.value.get(mapKey(idx)) ?? { kind: 'nil' };
        break;
      default:
        throw new GoCallError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: GoValue, indexes: GoValue[]): GoValue {
  if (isZero(item)) throw new GoCallError('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallError(`too many slice indexes: ${indexes.length}`);
  if (item.kind !== 'string') throw new GoCallError(`can't slice item of type ${typeName(item)}`);
  if (indexes.length === 3) throw new GoCallError('cannot 3-index slice a string');
  const bytes = utf8Bytes(item.value);
  const idx = [0, bytes.length];
  indexes.forEach((v, i) => (idx[i] = indexArg(v, bytes.length)));
  if (idx[0]! > idx[1]!) throw new GoCallError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  return { ...item, value: new TextDecoder().decode(bytes.slice(idx[0], idx[1])) };
}

function length(item: GoValue): GoValue {
  let n: number;
  if (item.kind === 'string') n = utf8Bytes(item.value).length;
  else if (item.kind === 'stringMap') n = Object.keys(item.value).length;
  else if (item.kind === 'anyMap') n = item.value.size;
  else throw new GoCallError(`len of type ${typeName(item)}`);
  return { kind: 'int', value: BigInt(n), type: 'int' };
}

const str = (value: string): GoValue => ({ kind: 'string', value });
const arg = (args: GoValue[], i: number): GoValue => args[i] ?? { kind: 'invalid' };

export const BUILTINS: Record<string, GoFunc> = {
  and: { params: ['value'], variadic: 'value', builtin: true, call: (a) => a.find((v) => !isTrue(v)) ?? arg(a, a.length - 1) },
  or: { params: ['value'], variadic: 'value', builtin: true, call: (a) => a.find((v) => isTrue(v)) ?? arg(a, a.length - 1) },
  not: { params: ['value'], builtin: true, call: (a) => boolean(!isTrue(arg(a, 0))) },
  len: { params: ['value'], builtin: true, call: (a) => length(arg(a, 0)) },
  index: { params: ['value'], variadic: 'value', builtin: true, call: (a) => index(arg(a, 0), a.slice(1)) },
  slice: { params: ['value'], variadic: 'value', builtin: true, call: (a) => slice(arg(a, 0), a.slice(1)) },
  print: { params: [], variadic: 'any', builtin: true, call: (a) => str(sprint(a)) },
  println: { params: [], variadic: 'any', builtin: true, call: (a) => str(sprintln(a)) },
  printf: {
    params: ['string'],
    variadic: 'any',
    builtin: true,
    call: (a) => str(sprintf((arg(a, 0) as { value: string }).value, a.slice(1))),
  },
  html: { params: [], variadic: 'any', builtin: true, call: (a) => str(htmlEscape(evalArgs(a))) },
  js: { params: [], variadic: 'any', builtin: true, call: (a) => str(jsEscape(evalArgs(a))) },
  urlquery: { params: [], variadic: 'any', builtin: true, call: (a) => str(queryEscape(evalArgs(a))) },
  eq: { params: ['value'], variadic: 'value', builtin: true, call: (a) => boolean(eq(arg(a, 0), a.slice(1))) },
  ne: { params: ['value', 'value'], builtin: true, call: (a) => boolean(!eq(arg(a, 0), [arg(a, 1)])) },
  lt: { params: ['value', 'value'], builtin: true, call: (a) => boolean(lt(arg(a, 0), arg(a, 1))) },
  le: { params: ['value', 'value'], builtin: true, call: (a) => boolean(le(arg(a, 0), arg(a, 1))) },
  gt: { params: ['value', 'value'], builtin: true, call: (a) => boolean(!le(arg(a, 0), arg(a, 1))) },
  ge: { params: ['value', 'value'], builtin: true, call: (a) => boolean(!lt(arg(a, 0), arg(a, 1))) },
  call: {
    params: ['value'],
    variadic: 'value',
    builtin: true,
    call: (a) => {
      const fn = arg(a, 0);
      if (isZero(fn)) throw new GoCallError('call of nil');
      throw new GoCallError(`non-function of type ${typeName(fn)}`);
    },
  },
};
