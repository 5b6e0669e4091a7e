import { register } from 'node:module';

/**
 * A resolve hook that makes a project's own TypeScript an ES module whatever its package.json
 * says. npm 11's `npm init -y` writes `"type": "commonjs"`, and a service written in CommonJS
 * keeps it; under it, tsx loads `.ts` files as CommonJS, where `import './metrics.js'` finds no
 * file and `export default` is not the module's default. A definition is always written as an
 * ES module (lookout's own library is one), so `.ts` files outside node_modules load as one;
 * `.cts` files and packages keep the format they declare.
 *
 * Plain JavaScript in a data: URL, so the hooks thread loads it without a TypeScript loader.
 */
const HOOKS = `
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!resolved.url.startsWith('file:') || (resolved.format !== 'commonjs' && resolved.format !== 'commonjs-typescript')) return resolved;
  const url = new URL(resolved.url);
  // For CommonJS, tsx writes its namespace into the path (\`.ts%3Fnamespace=x\`) and marks the
  // file with a query parameter; an ES module keeps the namespace in its query only.
  url.pathname = url.pathname.replace(/%3F.*$/, '');
  if (!url.pathname.endsWith('.ts') || url.pathname.includes('/node_modules/')) return resolved;
  url.searchParams.delete('tsx-commonjs-virtual-query');
  return { ...resolved, url: url.href, format: 'module-typescript' };
}
`;

let registered = false;

/** Registers the hook on this thread, once; registered after tsx, it runs before tsx's own resolve sees the result. */
export function loadProjectTypeScriptAsModules(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
