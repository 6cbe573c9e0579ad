/** An int-or-string value (`intstr.IntOrString`): a count or a percentage like `'25%'`. */
export type IntOrString = number | string;

/**
 * Upstream `intstr.GetScaledValueFromIntOrPercent`: an integer as is, a percentage of `total`
 * rounded up or down. Throws with upstream's wording for a value that is neither.
 * @example scaledValueFromIntOrPercent('25%', 10, true) // 3
 */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) throw new Error('nil value for IntOrString');
  if (typeof value === 'number') return Math.trunc(value);
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`);
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
