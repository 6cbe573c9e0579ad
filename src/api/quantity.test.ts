import { describe, it, expect } from 'vitest';
import {
  addQuantities,
  compareQuantities,
  ERR_FORMAT_WRONG,
  formatQuantity,
  isValidQuantity,
  parseQuantity,
  parseQuantityOrZero,
  quantityFromMilli,
  quantityFromNumber,
  quantityToMilli,
  quantityToNumber,
  subtractQuantities,
  sumQuantities,
  type QuantityFormat,
} from './quantity.ts';
import { StatusError } from './status.ts';

const canon = (s: string): string => formatQuantity(parseQuantity(s));

// value as mantissa * 10^exp, in nanos; like upstream's decQuantity(m, exp, format) helper.
function dec(m: number, exp: number, format: QuantityFormat): { nanos: bigint; format: QuantityFormat } {
  const e = exp + 9;
  return { nanos: e >= 0 ? BigInt(m) * 10n ** BigInt(e) : BigInt(m) / 10n ** BigInt(-e), format };
}

describe('parseQuantity', () => {
  // From apimachinery's TestQuantityParse.
  it.each([
    ['0', 0, 0, 'DecimalSI'],
    ['1Ki', 1024, 0, 'BinarySI'],
    ['7Mi', 7 * 1024 * 1024, 0, 'BinarySI'],
    ['5n', 5, -9, 'DecimalSI'],
    ['4u', 4, -6, 'DecimalSI'],
    ['3m', 3, -3, 'DecimalSI'],
    ['50k', 5, 4, 'DecimalSI'],
    ['1E', 1, 18, 'DecimalSI'],
    ['12E', 12, 18, 'DecimalSI'],
    ['1E-3', 1, -3, 'DecimalExponent'],
    ['1e3', 1, 3, 'DecimalExponent'],
    ['1E18', 1, 18, 'DecimalExponent'],
    ['100.035k', 100035, 0, 'DecimalSI'],
    ['0.0005k', 5, -1, 'DecimalSI'],
    ['0.5e-2', 5, -3, 'DecimalExponent'],
    ['1.3E+6', 13, 5, 'DecimalExponent'],
    ['1.01E', 101, 16, 'DecimalSI'],
    ['3.001n', 4, -9, 'DecimalSI'],
    ['1.1E-9', 2, -9, 'DecimalExponent'],
    ['0.0000000005', 1, -9, 'DecimalSI'],
    ['0.00000012345', 124, -9, 'DecimalSI'],
    ['100.035Ki', 10243584, -2, 'BinarySI'],
    ['0.5Mi', 0.5 * 1024 * 1024, 0, 'BinarySI'],
    ['0.05Gi', 536870912, -1, 'BinarySI'],
    ['0.000000000001Ki', 2, -9, 'DecimalSI'],
    ['.001', 1, -3, 'DecimalSI'],
    ['.0001k', 100, -3, 'DecimalSI'],
    ['1.', 1, 0, 'DecimalSI'],
    ['1.G', 1, 9, 'DecimalSI'],
    ['-1.5', -15, -1, 'DecimalSI'],
  ] as const)('should parse %s exactly', (input, m, exp, format) => {
    expect(parseQuantity(input)).toEqual(dec(m, exp, format));
  });

  it('should cap BinarySI at 2^63-1 like upstream', () => {
    const max = (2n ** 63n - 1n) * 1_000_000_000n;
    expect(parseQuantity('9Ei').nanos).toBe(max);
    expect(parseQuantity('9223372036854775807Ki').nanos).toBe(max);
    expect(parseQuantity('3Ei').nanos).toBe(3n * 2n ** 60n * 1_000_000_000n);
  });

  it('should accept JSON numbers', () => {
    expect(parseQuantity(2)).toEqual(dec(2, 0, 'DecimalSI'));
    expect(formatQuantity(parseQuantity(0.25))).toBe('250m');
  });

  it.each(['1.1.M', '1+1.0M', 'aoeu', ' 1', '1 ', '', '0.1am'])('should reject %j with the regex message', (input) => {
    expect(() => parseQuantity(input)).toThrow(ERR_FORMAT_WRONG);
    expect(isValidQuantity(input)).toBe(false);
  });

  it.each(['0.1mi', '.5i', '1i', '-3.01i', '-3.01e-', '1K'])('should reject the suffix of %j', (input) => {
    expect(() => parseQuantity(input)).toThrow("unable to parse quantity's suffix");
  });

  it('should throw a 400 BadRequest StatusError', () => {
    try {
      parseQuantity('abc');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).code).toBe(400);
      expect((e as StatusError).reason).toBe('BadRequest');
    }
  });

  it('should reject a digitless number where upstream needs inf.Dec', () => {
    expect(() => parseQuantity('Pi')).toThrow('unable to parse numeric part of quantity');
    expect(parseQuantity('-Ki').nanos).toBe(0n);
  });
});

describe('formatQuantity', () => {
  // From apimachinery's TestQuantityParseEmit and TestQuantityString.
  it.each([
    ['1Ki', '1Ki'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['1000m', '1'],
    ['0.5', '500m'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.001T', '1G'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['1.2e3', '1200'],
    ['00', '0'],
    ['0Ki', '0'],
    ['-1.5Gi', '-1536Mi'],
    ['100.035Ki', '102435840m'],
    ['8Ei', '9223372036854775807'],
  ])('should print %s as %s', (input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('should print small or fractional BinarySI values as DecimalSI', () => {
    expect(formatQuantity(quantityFromNumber(5, 'BinarySI'))).toBe('5');
    expect(formatQuantity(quantityFromMilli(500, 'BinarySI'))).toBe('500m');
    expect(formatQuantity(quantityFromMilli(1234567, 'BinarySI'))).toBe('1234567m');
    expect(formatQuantity(quantityFromNumber(1025, 'BinarySI'))).toBe('1025');
  });

  it('should honour an explicit format', () => {
    expect(formatQuantity(parseQuantity('1Gi'), 'DecimalSI')).toBe('1073741824');
    expect(formatQuantity(parseQuantity('3k'), 'DecimalExponent')).toBe('3e3');
    expect(formatQuantity(parseQuantity('300M'), 'DecimalExponent')).toBe('300e6');
  });

  it('should keep values above E readable instead of dropping the suffix', () => {
    expect(canon('1000E')).toBe('1000E');
    expect(parseQuantity(canon('1000E'))).toEqual(parseQuantity('1000E'));
  });
});

describe('quantity arithmetic', () => {
  it('should add decimals without drift', () => {
    expect(compareQuantities(addQuantities(parseQuantity('0.1'), parseQuantity('0.2')), parseQuantity('300m'))).toBe(0);
    expect(formatQuantity(sumQuantities(['100m', '250m', '1'].map((s) => parseQuantity(s))))).toBe('1350m');
  });

  it('should take the first operand format unless it is zero', () => {
    expect(addQuantities(parseQuantity('1Ki'), parseQuantity('1k')).format).toBe('BinarySI');
    expect(addQuantities(parseQuantity('0'), parseQuantity('1Ki')).format).toBe('BinarySI');
    expect(formatQuantity(subtractQuantities(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('512Mi');
  });

  it('should compare across formats', () => {
    expect(compareQuantities(parseQuantity('1Ki'), parseQuantity('1k'))).toBe(1);
    expect(compareQuantities(parseQuantity('1k'), parseQuantity('1e3'))).toBe(0);
    expect(compareQuantities(parseQuantity('999m'), parseQuantity('1'))).toBe(-1);
  });

  it('should round milli and whole values up away from zero', () => {
    expect(quantityToMilli(parseQuantity('1.0001'))).toBe(1001n);
    expect(quantityToMilli(parseQuantity('1Ki'))).toBe(1_024_000n);
    expect(quantityToMilli(parseQuantity('-1.0001'))).toBe(-1001n);
    expect(quantityToNumber(parseQuantity('500m'))).toBe(1);
    expect(quantityToNumber(parseQuantity('1.1'))).toBe(2);
    expect(quantityToNumber(parseQuantity('2Gi'))).toBe(2 * 1024 ** 3);
  });

  it('should read missing or invalid values as zero', () => {
    expect(parseQuantityOrZero(undefined).nanos).toBe(0n);
    expect(parseQuantityOrZero(null).nanos).toBe(0n);
    expect(parseQuantityOrZero('junk').nanos).toBe(0n);
    expect(parseQuantityOrZero('2').nanos).toBe(2_000_000_000n);
  });
});
