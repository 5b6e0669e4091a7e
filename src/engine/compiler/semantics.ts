import type { Semantics } from '../../library/semantics.js';
import { compileLabelRegexp, matchesLabel, RegexpSyntaxError } from '../goregexp/index.js';
import { analyzeTemplate } from '../gotemplate/index.js';
import { BUILTINS } from '../gotemplate/builtins.js';
import { lex } from '../gotemplate/lexer.js';
import { parseTemplate } from '../gotemplate/parse.js';

/**
 * The library's checks see Go's regexps and templates through the interfaces of
 * src/library/semantics.ts; these are the engine's ports behind them, passed in by analyze()
 * and compileRouting().
 */
export const goSemantics: Semantics = {
  regexps: {
    problem(pattern) {
      try {
        compileLabelRegexp(pattern);
        return undefined;
      } catch (e) {
        return { kind: e instanceof RegexpSyntaxError ? 'syntax' : 'unsupported', message: e instanceof Error ? e.message : String(e) };
      }
    },
    matches: matchesLabel,
  },
  templates: {
    analyze: analyzeTemplate,
    parse: (text, options) => parseTemplate(text, options),
    lex,
    builtins: Object.keys(BUILTINS),
  },
};
