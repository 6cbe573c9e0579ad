import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { sampleChartMachine } from '../testing/sampleChartMachine.ts';
import { toScxml } from './toScxml.ts';

// Checks what a schema would: balanced tags, unique ids, and every target/initial naming an id.
function check(text: string): void {
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<scxml xmlns="http:\/\/www.w3.org\/2005\/07\/scxml" version="1.0" name="[^"]+" initial="[^"]+" datamodel="ecmascript">/);
  const stack: string[] = [];
  for (const m of text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (m[1] === '/') expect(stack.pop()).toBe(m[2]);
    else if (m[3] !== '/') stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  const ids = [...text.matchAll(/<(?:state|parallel|final|history) id="([^"]+)"/g)].map((m) => m[1]!);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
  for (const m of text.matchAll(/ (?:target|initial)="([^"]+)"/g)) for (const id of m[1]!.split(' ')) expect(ids, id).toContain(id);
}

describe('toScxml', () => {
  it('should map states, parallel regions, finals, guards, eventless transitions and delays', () => {
    const text = toScxml(sampleChartMachine);
    check(text);
    expect(text).toContain('<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" name="sample" initial="sample.idle" datamodel="ecmascript">');
    expect(text).toContain('<!-- invoke worker -->');
    expect(text).toContain('<transition event="start" cond="ok" target="sample.busy"/>');
    expect(text).toContain('<parallel id="sample.busy">');
    expect(text).toContain('<state id="sample.busy.work" initial="sample.busy.work.step1">');
    expect(text).toContain('<send event="xstate.after.10000.sample.busy.work.step1" id="xstate.after.10000.sample.busy.work.step1" delay="10s"/>');
    expect(text).toContain('<cancel sendid="xstate.after.10000.sample.busy.work.step1"/>');
    expect(text).toContain('<transition event="xstate.after.10000.sample.busy.work.step1" target="sample.busy.work.step2"/>');
    expect(text).toContain('delayexpr="backoff"');
    expect(text).toContain('<transition cond="ready" target="sample.busy.work.step3"/>');
    expect(text).toContain('<transition event="restart" target="sample.busy.work.step1" type="internal"/>');
    expect(text).toContain('<final id="sample.done"/>');
    expect(text).toContain('<!-- actions: note -->');
  });

  it('should wrap a machine whose root has transitions in one state', () => {
    const text = toScxml(catalogue.find((e) => e.name === 'replicaSet')!.machine);
    check(text);
    expect(text).toContain('initial="replicaSet"');
    expect(text).toContain('<state id="replicaSet" initial="replicaSet.steady">');
  });

  it('should produce well-formed documents for every catalogued machine', () => {
    for (const e of catalogue) check(toScxml(e.machine));
  });
});
