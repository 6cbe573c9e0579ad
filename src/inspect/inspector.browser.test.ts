import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, catalogueEntry } from '../../machines/catalogue.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { chromiumSkipReason, launchChromium } from '../testing/launchChromium.ts';
import type { LaunchedChromium } from '../testing/launchChromium.ts';
import { recordCoverage } from './coverage.ts';
import { createTracer } from './createTracer.ts';
import { startInspector } from './startInspector.ts';
import type { Inspector } from './startInspector.ts';
import { toMermaid } from './toMermaid.ts';
import { toScxml } from './toScxml.ts';

const skip = chromiumSkipReason();
const artifacts = join(process.cwd(), 'test-artifacts');
// The pod chart once a pod machine is catalogued (it is); the reconciler chart otherwise.
const followed = catalogueEntry('pod') !== undefined ? { machine: 'pod', actor: 'pod:default/web', first: 'active.phase.pending', later: 'active.phase.running' } : { machine: 'reconciler', actor: 'controller/deployment', first: 'waitingForCacheSync', later: 'running' };

describe.skipIf(skip !== undefined)(`inspector page in Chromium${skip !== undefined ? ` (skipped: ${skip})` : ''}`, () => {
  let browser: LaunchedChromium;
  let cluster: Cluster;
  let inspector: Inspector;

  beforeAll(async () => {
    browser = await launchChromium();
    // One node: its kubelet runs the pod's statechart on the cluster clock.
    cluster = createCluster({ tracer: createTracer(), inspect: recordCoverage(), nodes: 1 });
    inspector = await startInspector(cluster);
    await cluster.apply('apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: default }\nspec: { containers: [{ name: app, image: nginx:1.27 }] }\n');
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.close();
    await cluster?.stop();
  });

  const active = (path: string): string => `svg.chart g.state.active[data-path="${path}"]`;

  it(`should show the ${followed.machine} chart and move the highlight as the cluster advances`, async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${inspector.url}?machine=${followed.machine}`);
    await page.waitForSelector(`svg.chart[data-machine="${catalogueEntry(followed.machine)!.machine.id}"]`);
    expect(await page.textContent('#chart-name')).toContain(followed.actor);
    await page.waitForSelector(active(followed.first));
    expect(await page.$(active(followed.later))).toBeNull();
    expect(await page.textContent(`#actor-tree [data-actor="${followed.actor}"]`)).toContain(followed.actor);

    await cluster.advance(60_000);
    await page.waitForSelector(active(followed.later), { timeout: 10_000 });
    expect(await page.$(active(followed.first))).toBeNull();
    expect(await page.getAttribute('#current-state', 'data-state')).toContain(followed.later);
    expect(await page.$$eval('#timeline li.transition', (lis) => lis.map((li) => li.textContent ?? ''))).toEqual(expect.arrayContaining([expect.stringContaining(`${followed.actor}:`)]));
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'inspector.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('should replay a loaded JSON-lines trace with the time slider', async () => {
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-replay-'));
    try {
      const records = cluster.tracer!.records();
      const file = join(dir, 'trace.jsonl');
      writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await page.setInputFiles('#trace-file', file);
      await page.waitForFunction(() => document.getElementById('mode')?.textContent === 'replay');
      expect(await page.textContent('#slider-label')).toBe(`0 / ${records.length}`);
      // Just after the followed actor appeared it is in its first state; at the end, in the later one.
      const born = records.findIndex((r) => r.actor === followed.actor) + 1;
      const slide = async (to: number): Promise<void> => {
        await page.$eval('#time-slider', (el, v) => {
          (el as HTMLInputElement).value = String(v);
          el.dispatchEvent(new Event('input'));
        }, to);
      };
      await slide(born);
      await page.click(`#actor-tree [data-actor="${followed.actor}"]`);
      await page.waitForSelector(active(followed.first));
      await slide(records.length);
      await page.waitForSelector(active(followed.later));
      await page.screenshot({ path: join(artifacts, 'inspector-replay.png') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should have Mermaid parse and render, and the browser parse the SCXML of, every catalogued machine', { timeout: 180_000 }, async () => {
    const page = await browser.context.newPage();
    try {
      await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js') });
      for (const e of catalogue) {
        const problem = await page.evaluate(
          async ([name, mermaidText, scxml]) => {
            const m = (window as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
            m.initialize({ startOnLoad: false });
            try {
              await m.parse(mermaidText);
              const { svg } = await m.render(`chart-${name}`, mermaidText);
              if (!svg.includes('<svg')) return 'mermaid rendered no svg';
            } catch (err) {
              return `mermaid: ${String(err)}`;
            }
            const doc = new DOMParser().parseFromString(scxml, 'application/xml');
            if (doc.getElementsByTagName('parsererror').length > 0) return `scxml: ${doc.getElementsByTagName('parsererror')[0]?.textContent ?? ''}`;
            const root = doc.documentElement;
            return root.namespaceURI === 'http://www.w3.org/2005/07/scxml' && root.localName === 'scxml' && root.getAttribute('version') === '1.0' ? '' : 'scxml: wrong root element';
          },
          [e.name, toMermaid(e.machine), toScxml(e.machine)] as const,
        );
        expect(problem, e.name).toBe('');
      }
    } finally {
      await page.close();
    }
  });
});
