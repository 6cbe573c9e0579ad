/** A type as written in a kubernetes-types declaration file. */
export type TypeExpr =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'any' }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'array'; readonly of: TypeExpr }
  | { readonly kind: 'map'; readonly of: TypeExpr }
  | { readonly kind: 'union'; readonly of: readonly TypeExpr[] };

/** One field of an interface. */
export interface FieldDecl {
  readonly name: string;
  readonly doc: string;
  readonly optional: boolean;
  readonly type: TypeExpr;
}

/** One exported interface (an API type). */
export interface InterfaceDecl {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldDecl[];
}

/** What a declaration file declares, and where its imported names come from (`"../meta/v1"`). */
export interface DeclarationFile {
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  readonly aliases: ReadonlyMap<string, { readonly doc: string; readonly type: TypeExpr }>;
  readonly imports: ReadonlyMap<string, string>;
}

/** Parses a type expression (`Array<Foo>`, `number | string`, `"apps/v1"`, `{ [name: string]: T }`). */
export function parseTypeExpr(text: string): TypeExpr {
  const t = text.trim().replace(/;$/, '').trim();
  const parts = splitTopLevel(t, '|');
  if (parts.length > 1) return { kind: 'union', of: parts.map(parseTypeExpr) };
  if (t.startsWith('Array<') && t.endsWith('>')) return { kind: 'array', of: parseTypeExpr(t.slice(6, -1)) };
  if (t.endsWith('[]')) return { kind: 'array', of: parseTypeExpr(t.slice(0, -2)) };
  const index = /^\{\s*\[\w+: string\]:\s*(.+?);?\s*\}$/s.exec(t);
  if (index?.[1] !== undefined) return { kind: 'map', of: parseTypeExpr(index[1]) };
  if (/^"[^"]*"$/.test(t)) return { kind: 'literal', value: t.slice(1, -1) };
  if (t === 'string' || t === 'number' || t === 'boolean') return { kind: t };
  if (/^[A-Za-z_$][\w$]*$/.test(t)) return { kind: 'ref', name: t };
  return { kind: 'any' };
}

function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '{' || c === '(' || c === '[') depth++;
    else if (c === '>' || c === '}' || c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function cleanDoc(raw: string): string {
  return raw
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

const FIELD = /^\s*(?:readonly\s+)?([\w$]+|'[^']+'|"[^"]+")(\?)?:\s*(.*)$/;

/**
 * Parses a kubernetes-types `.d.ts` file: its exported interfaces (with field docs and optionality),
 * type aliases and imports. The files are generated and regular, so a line parser suffices.
 */
export function parseDeclarations(text: string): DeclarationFile {
  const interfaces = new Map<string, InterfaceDecl>();
  const aliases = new Map<string, { doc: string; type: TypeExpr }>();
  const imports = new Map<string, string>();
  const lines = text.split('\n');
  let doc = '';
  let current: { name: string; doc: string; fields: FieldDecl[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      let raw = trimmed;
      while (!raw.endsWith('*/') && i + 1 < lines.length) raw += `\n${lines[++i] ?? ''}`;
      doc = cleanDoc(raw.trim());
      continue;
    }
    const imp = /^import \{([^}]*)\} from "([^"]+)";/.exec(trimmed);
    if (imp?.[1] !== undefined && imp[2] !== undefined) {
      for (const n of imp[1].split(',')) if (n.trim() !== '') imports.set(n.trim(), imp[2]);
      continue;
    }
    const alias = /^export type (\w+) = (.+);$/.exec(trimmed);
    if (alias?.[1] !== undefined && alias[2] !== undefined) {
      aliases.set(alias[1], { doc, type: parseTypeExpr(alias[2]) });
      doc = '';
      continue;
    }
    const start = /^export interface (\w+) \{(\})?$/.exec(trimmed);
    if (start?.[1] !== undefined) {
      current = { name: start[1], doc, fields: [] };
      doc = '';
      if (start[2] !== undefined) {
        interfaces.set(current.name, current);
        current = undefined;
      }
      continue;
    }
    if (current === undefined) continue;
    if (trimmed === '}') {
      interfaces.set(current.name, current);
      current = undefined;
      continue;
    }
    const field = FIELD.exec(line);
    if (field?.[1] === undefined || field[3] === undefined) continue;
    let typeText = field[3];
    if (typeText.trim() === '{') {
      while (i + 1 < lines.length && (lines[i] ?? '').trim() !== '};') typeText += ` ${(lines[++i] ?? '').trim()}`;
    }
    current.fields.push({ name: field[1].replace(/^['"]|['"]$/g, ''), doc, optional: field[2] === '?', type: parseTypeExpr(typeText.replace(/;$/, '')) });
    doc = '';
  }
  return { interfaces, aliases, imports };
}
