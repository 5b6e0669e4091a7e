import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';

/** One `ignore` entry, with what it covers. */
export interface IgnoreEntry {
  code: string;
  reason: unknown;
  /** Who wrote it, for messages: `alert "ShopDown"`, `the project`. */
  owner: string;
  /** The call site of the definition that wrote it: where problems with the entry are reported. */
  source?: SourceLocation | undefined;
  /** `ShopDown.ignore`: the field, for diagnostics. */
  path: string;
  /** Call sites of the definitions it covers (`file:line:column`); undefined: the whole project. */
  covers?: ReadonlySet<string> | undefined;
  /** Narrower entries win: 0 a definition, 1 a rule group, 2 the project. */
  breadth: 0 | 1 | 2;
}
