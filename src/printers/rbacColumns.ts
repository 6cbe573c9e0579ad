import type { RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** Subjects split into users, groups and `namespace/name` service accounts (upstream `rbac.SubjectsStrings`). */
export function subjectsStrings(subjects: readonly Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingPrinter(roleRefDoc: string, what: string): KindPrinter {
  return {
    columns: [
      NAME_COLUMN,
      col('Role', 'string', roleRefDoc),
      AGE_COLUMN,
      col('Users', 'string', `Users in the ${what}`, 1),
      col('Groups', 'string', `Groups in the ${what}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    row(obj: KubeObject, now: number): TableCell[] {
      const b = obj as RoleBinding;
      const { users, groups, serviceAccounts } = subjectsStrings(b.subjects);
      return [nameOf(obj), `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, ageOf(obj, now), users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
    },
  };
}

/** `kubectl get rolebindings`: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. @public */
export const roleBindingPrinter: KindPrinter = bindingPrinter(FIELD_DOCS.roleBindingRoleRef, 'roleBinding');

/** `kubectl get clusterrolebindings`: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. @public */
export const clusterRoleBindingPrinter: KindPrinter = bindingPrinter(FIELD_DOCS.clusterRoleBindingRoleRef, 'clusterRoleBinding');
