// Upstream ValidateTolerations, validateTaintEffect and validateNodeTaints.
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabelName } from '../labelValidation.ts';
import { labelValueErrors } from '../names.ts';
import { arr } from './validationUtils.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Upstream `validateTaintEffect`. */
export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: string): FieldError[] {
  if (!effect) return allowEmpty ? [] : [fieldError.required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldError.notSupported(path, effect, TAINT_EFFECTS)];
}

/** Upstream `ValidateTolerations`. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(fieldError.invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(fieldError.invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = labelValueErrors(t.value ?? '');
        if (msgs.length > 0) errs.push(fieldError.invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fieldError.invalid(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldError.notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    errs.push(...validateTaintEffect(t.effect, true, `${p}.effect`));
  });
  return errs;
}

/** Upstream `validateNodeTaints`: valid key, value and effect; unique by key and effect. */
export function validateTaints(taints: readonly Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(taints).forEach((t, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateLabelName(t.key ?? '', `${p}.key`));
    const msgs = labelValueErrors(t.value ?? '');
    if (msgs.length > 0) errs.push(fieldError.invalid(`${p}.value`, t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, `${p}.effect`));
    const key = `${t.effect}\u0000${t.key}`;
    // Upstream sets the detail "taints must be unique by key and effect pair" on this Duplicate.
    if (seen.has(key)) errs.push(fieldError.duplicate(p, t));
    seen.add(key);
  });
  return errs;
}
