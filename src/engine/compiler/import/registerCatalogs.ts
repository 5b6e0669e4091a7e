import path from 'node:path';
import { Node, type SourceFile } from 'ts-morph';
import { catalogExports, catalogList, parseConfig } from './catalogs.js';

/** A catalog to list in the config: its export, and the module file that exports it. */
export interface CatalogEntry {
  exportName: string;
  /** Absolute path of the `.ts` module. */
  file: string;
}

function withoutExtension(file: string): string {
  return file.replace(/\.m?[jt]s$/, '');
}

/** `./metrics.js` as the config writes its own imports: relative, with its quote and extension. */
function specifierFor(config: SourceFile, file: string): { specifier: string; quote: string } {
  const relativeImports = config.getImportDeclarations().filter((d) => d.getModuleSpecifierValue().startsWith('.'));
  const ext = relativeImports.some((d) => d.getModuleSpecifierValue().endsWith('.ts')) ? '.ts' : '.js';
  const quote = config.getImportDeclarations()[0]?.getModuleSpecifier().getText()[0] ?? "'";
  let rel = path.relative(path.dirname(config.getFilePath()), file).split(path.sep).join('/').replace(/\.m?ts$/, ext);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return { specifier: rel, quote };
}

/**
 * The config with `import { x } from './x.js'` and `x` appended to `defineProject({ catalogs:
 * [...] })`, for each entry; or why the config cannot be edited safely: lookout only edits a
 * `catalogs` written as an array literal in the `defineProject` call, and checks afterwards
 * that reading the edited config finds each new catalog where it was added.
 */
export function registerCatalogs(configFile: string, text: string, entries: readonly CatalogEntry[]): { text: string } | { problem: string } {
  const config = parseConfig(configFile, text);
  const list = catalogList(config);
  if (!list) return { problem: 'its defineProject({ catalogs: [...] }) is not written as an array literal lookout can add to' };
  if (list.getElements().some((e) => Node.isSpreadElement(e))) return { problem: 'its catalogs list spreads another list, so lookout cannot tell where an entry lands' };
  const before = list.getElements().length;
  // Inserting text at known offsets keeps every other byte of the config as the user wrote it.
  const edits: { at: number; text: string }[] = [];
  const imports = config.getImportDeclarations();
  const importAt = imports.length ? imports[imports.length - 1]!.getEnd() : 0;
  // One import per module, naming each of its catalogs.
  const byFile = new Map<string, string[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e.exportName]);
  const lines = [...byFile].map(([file, names]) => {
    const { specifier, quote } = specifierFor(config, file);
    return `import { ${names.join(', ')} } from ${quote}${specifier}${quote};`;
  });
  edits.push({ at: importAt, text: imports.length ? `\n${lines.join('\n')}` : `${lines.join('\n')}\n` });
  const elements = list.getElements();
  const names = entries.map((e) => e.exportName);
  if (elements.length === 0) edits.push({ at: list.getStart() + 1, text: names.join(', ') });
  else {
    const last = elements[elements.length - 1]!;
    const multiline = list.getText().includes('\n');
    const indent = multiline ? (last.getIndentationText() ?? '') : '';
    edits.push({ at: last.getEnd(), text: names.map((n) => (multiline ? `,\n${indent}${n}` : `, ${n}`)).join('') });
  }
  let edited = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) edited = edited.slice(0, e.at) + e.text + edited.slice(e.at);

  const found = catalogExports(configFile, edited);
  const added = found.slice(before);
  const ok =
    found.length === before + entries.length &&
    entries.every((e, i) => added[i]?.name === e.exportName && withoutExtension(added[i]!.module) === withoutExtension(e.file));
  if (!ok) return { problem: 'after the edit, the config did not list the new catalogs where they were added' };
  return { text: edited };
}
