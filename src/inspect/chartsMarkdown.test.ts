import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { chartsMarkdown } from './chartsMarkdown.ts';

const docs = new URL('../../docs/charts.md', import.meta.url);

describe('chartsMarkdown', () => {
  it('should match the committed docs/charts.md (run `npm run charts:docs` after changing a machine)', () => {
    expect(readFileSync(docs, 'utf8')).toBe(chartsMarkdown(catalogue));
  });

  it('should give every catalogued machine a section with its description, writes and a Mermaid diagram', () => {
    const text = chartsMarkdown(catalogue);
    for (const e of catalogue) {
      const section = text.slice(text.indexOf(`\n## ${e.name}\n`));
      expect(section.length, e.name).toBeLessThan(text.length);
      expect(section).toContain(e.description);
      expect(section).toContain('```mermaid\nstateDiagram-v2\n');
      for (const w of e.writes) expect(section).toContain(`\`${w}\``);
    }
  });
});
