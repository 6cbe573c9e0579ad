import fc from 'fast-check';

// Building a regex arbitrary parses the regex, which costs more than generating from it: build each once.
const cache = new Map<string, fc.Arbitrary<string>>();

/** `fc.stringMatching(re, { maxLength })`, built once per regex and length. */
export function regexString(re: RegExp, maxLength?: number): fc.Arbitrary<string> {
  const key = `${re.flags}/${re.source}/${maxLength ?? ''}`;
  let arb = cache.get(key);
  if (arb === undefined) {
    arb = fc.stringMatching(re, maxLength !== undefined ? { maxLength } : {});
    cache.set(key, arb);
  }
  return arb;
}
