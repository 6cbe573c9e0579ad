// A port of the lexer and recursive-descent parser in k8s.io/apimachinery/pkg/labels/selector.go,
// including its quirks: `k in ()` and `k=` mean the empty value, and `in`/`notin` are identifiers
// wherever a key or value is expected. Error texts are upstream's, quirks included.
import { labelKeyError, newRequirement, RequirementError, type LabelOperator, type LabelRequirement } from './labelRequirement.ts';

type Token =
  | 'Error' | 'EndOfString' | 'ClosedPar' | 'Comma' | 'DoesNotExist' | 'DoubleEquals' | 'Equals'
  | 'GreaterThan' | 'Identifier' | 'In' | 'LessThan' | 'NotEquals' | 'NotIn' | 'OpenPar';

interface Item {
  readonly tok: Token;
  readonly lit: string;
}

const KEYWORDS: Readonly<Record<string, Token>> = {
  ')': 'ClosedPar', ',': 'Comma', '!': 'DoesNotExist', '==': 'DoubleEquals', '=': 'Equals', '>': 'GreaterThan',
  in: 'In', '<': 'LessThan', '!=': 'NotEquals', notin: 'NotIn', '(': 'OpenPar',
};
const keyword = (s: string): Token | undefined => (Object.hasOwn(KEYWORDS, s) ? KEYWORDS[s] : undefined);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s.charAt(pos))) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'EndOfString', lit: '' });
      return items;
    }
    if (isSpecial(s.charAt(pos))) {
      // Longest run of special symbols that still spells a token (`!=` but `=` then `!` in `=!`).
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s.charAt(pos))) {
        buffer += s.charAt(pos);
        const tok = keyword(buffer);
        if (tok !== undefined) last = { tok, lit: buffer };
        else if (last !== undefined) break;
        pos++;
      }
      items.push(last ?? { tok: 'Error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < s.length && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) pos++;
    const word = s.slice(start, pos);
    items.push({ tok: keyword(word) ?? 'Identifier', lit: word });
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';
const OPERATORS: Partial<Record<Token, LabelOperator>> = {
  In: 'In', NotIn: 'NotIn', Equals: 'Equals', DoubleEquals: 'DoubleEquals', NotEquals: 'NotEquals', GreaterThan: 'GreaterThan', LessThan: 'LessThan',
};

class ParseFailure extends Error {}

class Parser {
  private position = 0;
  private readonly items: Item[];

  constructor(s: string) {
    this.items = lex(s);
  }

  // In the Values context `in`/`notin` read as identifiers (upstream ParserContext).
  lookahead(values: boolean): Item {
    const item = this.items[Math.min(this.position, this.items.length - 1)] as Item;
    return values && (item.tok === 'In' || item.tok === 'NotIn') ? { tok: 'Identifier', lit: item.lit } : item;
  }

  consume(values: boolean): Item {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'EndOfString') return reqs;
      if (tok !== 'Identifier' && tok !== 'DoesNotExist') throw new ParseFailure(`found '${lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirementOrThrow());
      const next = this.consume(true);
      if (next.tok === 'EndOfString') return reqs;
      if (next.tok !== 'Comma') throw new ParseFailure(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.tok !== 'Identifier' && after.tok !== 'DoesNotExist') throw new ParseFailure(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirementOrThrow(): LabelRequirement {
    try {
      return this.requirement();
    } catch (e) {
      if (e instanceof ParseFailure || e instanceof RequirementError) throw new ParseFailure(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }

  private requirement(): LabelRequirement {
    let unary: 'Exists' | 'DoesNotExist' | undefined;
    let item = this.consume(true);
    if (item.tok === 'DoesNotExist') {
      unary = 'DoesNotExist';
      item = this.consume(true);
    }
    if (item.tok !== 'Identifier') throw new ParseFailure(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErr = labelKeyError(key);
    if (keyErr !== undefined) throw new ParseFailure(keyErr);
    const next = this.lookahead(true).tok;
    if (unary === undefined && (next === 'EndOfString' || next === 'Comma')) unary = 'Exists';
    if (unary !== undefined) return newRequirement(key, unary, []);

    const opItem = this.consume(false);
    const operator = OPERATORS[opItem.tok];
    if (operator === undefined) throw new ParseFailure(`found '${opItem.lit}', expected: ${BINARY_OPERATORS}`);
    const values = operator === 'In' || operator === 'NotIn' ? this.setValues() : this.exactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private setValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== 'OpenPar') throw new ParseFailure(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'ClosedPar') {
      this.consume(true);
      return new Set(['']);
    }
    if (tok !== 'Identifier' && tok !== 'Comma') throw new ParseFailure(`found '${lit}', expected: ',', ')' or identifier`);
    const set = this.identifiers();
    // Upstream reports the literal seen after '(' here, not the offending one.
    if (this.consume(true).tok !== 'ClosedPar') throw new ParseFailure(`found '${lit}', expected: ')'`);
    return set;
  }

  private identifiers(): Set<string> {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'Identifier') {
        set.add(lit);
        const next = this.lookahead(true);
        if (next.tok === 'ClosedPar') return set;
        if (next.tok !== 'Comma') throw new ParseFailure(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === 'Comma') {
        // Empty slots around commas (`(,a)`, `(a,)`, `(a,,b)`) stand for the empty value.
        if (set.size === 0) set.add('');
        const next = this.lookahead(true).tok;
        if (next === 'ClosedPar') {
          set.add('');
          return set;
        }
        if (next === 'Comma') {
          this.consume(true);
          set.add('');
        }
      } else {
        throw new ParseFailure(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === 'EndOfString' || next === 'Comma') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'Identifier') return new Set([lit]);
    throw new ParseFailure(`found '${lit}', expected: identifier`);
  }
}

/**
 * Parses selector text into requirements in source order, or returns the upstream error message.
 * @internal
 */
export function parseRequirements(s: string): { ok: true; requirements: LabelRequirement[] } | { ok: false; message: string } {
  try {
    return { ok: true, requirements: new Parser(s).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, message: e.message };
    throw e;
  }
}
