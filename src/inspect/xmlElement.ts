/** An XML element: a tag, attributes in order, and children (elements or comments). */
export interface XmlElement {
  readonly tag: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlNode[];
}

/** An XML comment. */
export interface XmlComment {
  readonly comment: string;
}

/** A node of an XML tree. */
export type XmlNode = XmlElement | XmlComment;

/** Builds an element, dropping attributes whose value is `undefined`. */
export function el(tag: string, attrs: Readonly<Record<string, string | undefined>>, children: readonly XmlNode[] = []): XmlElement {
  return { tag, attrs: Object.entries(attrs).filter((e): e is [string, string] => e[1] !== undefined), children };
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// `--` may not appear inside a comment, nor may one end with `-`.
const escapeComment = (s: string): string => s.replace(/-{2,}/g, (m) => m.split('').join(' ')).replace(/-$/, '- ');

/** Serializes a tree with two-space indentation. */
export function renderXml(node: XmlNode, indent = ''): string {
  if ('comment' in node) return `${indent}<!-- ${escapeComment(node.comment)} -->`;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `${indent}<${node.tag}${attrs}/>`;
  return [`${indent}<${node.tag}${attrs}>`, ...node.children.map((c) => renderXml(c, `${indent}  `)), `${indent}</${node.tag}>`].join('\n');
}
