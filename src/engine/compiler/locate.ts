import { Node, Project as TsProject } from 'ts-morph';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';

/** `labels.team` → ['labels', 'team']; `buckets[3]` → ['buckets', '3']. */
function fieldSegments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

function child(node: Node, segment: string): Node | undefined {
  if (Node.isObjectLiteralExpression(node)) {
    const prop = node.getProperty(segment) ?? node.getProperty(`'${segment}'`) ?? node.getProperty(`"${segment}"`);
    if (prop && Node.isPropertyAssignment(prop)) return prop.getInitializer();
    return prop;
  }
  if (Node.isArrayLiteralExpression(node) && /^\d+$/.test(segment)) return node.getElements()[Number(segment)];
  return undefined;
}

/** The offset in a literal's source text of its `decoded`-th character, skipping escapes. */
function rawOffset(raw: string, decoded: number): number {
  let i = 0;
  for (let n = 0; n < decoded && i < raw.length; n++) {
    if (raw[i] !== '\\') {
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next === 'u') i += raw[i + 2] === '{' ? raw.indexOf('}', i) + 1 - i : 6;
    else if (next === 'x') i += 4;
    else i += 2;
  }
  return i;
}

/** A project that only parses, for pointing diagnostics at fields; no type information needed. */
export function syntaxProject(): TsProject {
  return new TsProject({ compilerOptions: { allowJs: false }, skipFileDependencyResolution: true });
}

/**
 * Moves a diagnostic from the call that created a definition (`alert({...})` at line 12) to
 * the field it is about (`for: '10s'` at line 16), and into a PromQL string literal to the
 * exact column of the offending selector. Leaves the location alone when the field was not
 * written literally there (a helper built it).
 */
export function refineLocation(d: Diagnostic, absoluteFile: string, program: TsProject): void {
  if (d.line === undefined || d.column === undefined) return;
  const sf = program.getSourceFile(absoluteFile) ?? program.addSourceFileAtPathIfExists(absoluteFile);
  if (!sf) return;
  let pos: number;
  try {
    pos = sf.compilerNode.getPositionOfLineAndCharacter(d.line - 1, d.column - 1);
  } catch {
    return;
  }
  let node: Node | undefined = sf.getDescendantAtPos(pos);
  while (node && !Node.isCallExpression(node)) node = node.getParent();
  if (!node || !Node.isCallExpression(node)) return;
  let current: Node | undefined = node.getArguments()[0];
  if (!current) return;
  const segments = fieldSegments(d.path).slice(1);
  let found: Node | undefined;
  for (const seg of segments) {
    const next: Node | undefined = child(current, seg);
    if (!next) break;
    found = next;
    current = next;
  }
  if (!found) return;
  let at = found.getStart();
  if (d.snippet && (Node.isStringLiteral(found) || Node.isNoSubstitutionTemplateLiteral(found)) && found.getLiteralText() === d.snippet.text) {
    at += 1 + rawOffset(found.getText().slice(1, -1), d.snippet.from);
  }
  const lc = sf.getLineAndColumnAtPos(at);
  d.line = lc.line;
  d.column = lc.column;
}
