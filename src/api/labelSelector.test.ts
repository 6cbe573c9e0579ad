import { describe, it, expect } from 'vitest';
import {
  everything,
  formatLabelSelector,
  formatLabelSelectorSpec,
  formatMatchLabels,
  isEverything,
  labelSelectorFromSet,
  labelSelectorFromSpec,
  matchesLabels,
  nothing,
  parseLabelSelector,
  validateLabels,
  validateLabelSelectorSpec,
} from './labelSelector.ts';
import { StatusError } from './status.ts';

function parseError(s: string): StatusError {
  try {
    parseLabelSelector(s);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector', () => {
  it('should parse every operator and print canonically sorted', () => {
    const sel = parseLabelSelector('z=1, env != prod,tier in (web, api),x notin (a),has,!gone,n==2');
    expect(sel.requirements.map((r) => [r.key, r.operator, r.values])).toEqual([
      ['env', 'NotEquals', ['prod']],
      ['gone', 'DoesNotExist', []],
      ['has', 'Exists', []],
      ['n', 'DoubleEquals', ['2']],
      ['tier', 'In', ['api', 'web']],
      ['x', 'NotIn', ['a']],
      ['z', 'Equals', ['1']],
    ]);
    expect(formatLabelSelector(sel)).toBe('env!=prod,!gone,has,n==2,tier in (api,web),x notin (a),z=1');
  });

  it('should read the empty string as everything', () => {
    expect(isEverything(parseLabelSelector(''))).toBe(true);
    expect(isEverything(parseLabelSelector('   '))).toBe(true);
    expect(matchesLabels(parseLabelSelector(''), undefined)).toBe(true);
  });

  it('should keep upstream quirks: empty values and keywords as keys', () => {
    expect(parseLabelSelector('a=').requirements[0]?.values).toEqual(['']);
    expect(parseLabelSelector('a in ()').requirements[0]?.values).toEqual(['']);
    expect(parseLabelSelector('a in (,b)').requirements[0]?.values).toEqual(['', 'b']);
    expect(formatLabelSelector(parseLabelSelector('in in (notin)'))).toBe('in in (notin)');
  });

  it('should parse integer comparisons, which upstream accepts', () => {
    const sel = parseLabelSelector('gen>3,rank<10');
    expect(matchesLabels(sel, { gen: '4', rank: '9' })).toBe(true);
    expect(matchesLabels(sel, { gen: '3', rank: '9' })).toBe(false);
    expect(matchesLabels(sel, { gen: 'x', rank: '9' })).toBe(false);
    expect(parseError('gen>x').message).toBe(`unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`);
  });

  it('should report syntax errors with upstream wording as 400 BadRequest', () => {
    const e = parseError('a=b,');
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe("found '', expected: identifier after ','");
    expect(parseError(',a').message).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError('a b').message).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError('a in b').message).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(parseError('a in (b c)').message).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(parseError('a=b)').message).toBe("found ')', expected: ',' or 'end of string'");
    expect(parseError('!a=b').message).toBe("found '=', expected: ',' or 'end of string'");
    expect(parseError('a=!b').message).toBe("unable to parse requirement: found '!', expected: identifier");
  });

  it('should report invalid keys and values with field paths like upstream', () => {
    expect(parseError('-a').message).toBe(`unable to parse requirement: <nil>: Invalid value: "-a": ${NAME_MSG}`);
    expect(parseError('app=-x').message).toBe(`unable to parse requirement: values[0][app]: Invalid value: "-x": ${VALUE_MSG}`);
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', env: 'prod' };

  it('should treat != and notin as true when the key is missing', () => {
    expect(matchesLabels(parseLabelSelector('tier!=db'), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector('tier notin (db)'), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector('env!=prod'), labels)).toBe(false);
  });

  it('should require presence for =, in and exists', () => {
    expect(matchesLabels(parseLabelSelector('app=web,env in (prod,dev)'), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector('tier='), labels)).toBe(false);
    expect(matchesLabels(parseLabelSelector('tier='), { tier: '' })).toBe(true);
    expect(matchesLabels(parseLabelSelector('!app'), labels)).toBe(false);
    expect(matchesLabels(parseLabelSelector('constructor'), labels)).toBe(false);
  });
});

describe('labelSelectorFromSpec', () => {
  it('should match nothing for a missing selector and everything for an empty one', () => {
    expect(labelSelectorFromSpec(undefined)).toBe(nothing);
    expect(labelSelectorFromSpec(null)).toBe(nothing);
    expect(matchesLabels(labelSelectorFromSpec(undefined), {})).toBe(false);
    expect(isEverything(labelSelectorFromSpec({}))).toBe(true);
    expect(matchesLabels(labelSelectorFromSpec({ matchLabels: {}, matchExpressions: [] }), { a: 'b' })).toBe(true);
  });

  it('should combine matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromSpec({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'canary'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(formatLabelSelector(sel)).toBe('app=web,env in (canary,prod),!legacy');
    expect(matchesLabels(sel, { app: 'web', env: 'canary' })).toBe(true);
    expect(matchesLabels(sel, { app: 'web', env: 'canary', legacy: '' })).toBe(false);
  });

  it('should reject operators and value counts upstream rejects', () => {
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow('"Gt" is not a valid label selector operator');
  });
});

describe('formatting helpers', () => {
  it('should print label maps with sorted keys', () => {
    expect(formatMatchLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatMatchLabels(undefined)).toBe('');
    expect(matchesLabels(labelSelectorFromSet({ a: '1' }), { a: '1', b: '2' })).toBe(true);
    expect(labelSelectorFromSet({})).toEqual(everything);
  });

  it('should print API selectors like metav1.FormatLabelSelector', () => {
    expect(formatLabelSelectorSpec(undefined)).toBe('<none>');
    expect(formatLabelSelectorSpec({})).toBe('<none>');
    expect(formatLabelSelectorSpec({ matchLabels: { app: 'x' } })).toBe('app=x');
    expect(formatLabelSelectorSpec({ matchExpressions: [{ key: 'a', operator: 'Nope' }] })).toBe('<error>');
  });
});

describe('validateLabels', () => {
  it('should report bad keys and values on the map path', () => {
    expect(validateLabels({ ok: 'fine', '-bad': 'v', good: 'x'.repeat(64) }, 'metadata.labels')).toEqual([
      { type: 'Invalid', field: 'metadata.labels', value: '-bad', detail: NAME_MSG },
      { type: 'Invalid', field: 'metadata.labels', value: 'x'.repeat(64), detail: 'must be no more than 63 characters' },
    ]);
    expect(validateLabels(undefined, 'metadata.labels')).toEqual([]);
  });
});

describe('validateLabelSelectorSpec', () => {
  it('should report requirement problems per expression', () => {
    const errs = validateLabelSelectorSpec(
      {
        matchLabels: { a: '-' },
        matchExpressions: [
          { key: 'k', operator: 'In' },
          { key: 'k', operator: 'Exists', values: ['v'] },
          { key: 'k', operator: 'Gt', values: ['1'] },
        ],
      },
      'spec.selector',
    );
    expect(errs.map((e) => [e.type, e.field])).toEqual([
      ['Invalid', 'spec.selector.matchLabels'],
      ['Required', 'spec.selector.matchExpressions[0].values'],
      ['Forbidden', 'spec.selector.matchExpressions[1].values'],
      ['Invalid', 'spec.selector.matchExpressions[2].operator'],
    ]);
    expect(validateLabelSelectorSpec(undefined, 'spec.selector')).toEqual([]);
  });
});
