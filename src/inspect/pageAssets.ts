import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The page's files: `src/inspect/page/` (copied to `dist/src/inspect/page/` by the build). */
export const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A page asset by file name (`index.html`, `inspector.js`), or `undefined` (unknown names, paths with folders). */
export function readPageAsset(name: string): { readonly type: string; readonly body: Buffer } | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return undefined;
  const type = TYPES[name.slice(name.lastIndexOf('.') + 1)];
  if (type === undefined) return undefined;
  try {
    return { type, body: readFileSync(`${PAGE_DIR}${name}`) };
  } catch {
    return undefined;
  }
}
