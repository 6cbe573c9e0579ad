import type { AnyObject } from '../../api/meta.ts';
import { isNotFound } from '../../api/status.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import type { TypeRef } from '../../client/client.ts';
import type { Client } from '../../client/client.ts';

/**
 * A condition to wait for, like `kubectl wait`: `--for=condition=Ready` (`condition`, status `True`
 * unless given), `--for=delete` (`deleted: true`), or `--for=jsonpath='{.status.phase}'=Running`
 * (`field` as a dotted path and `value`).
 * @public
 */
export interface WaitCondition {
  readonly type: TypeRef;
  readonly name: string;
  readonly namespace?: string;
  readonly condition?: string;
  readonly status?: 'True' | 'False' | 'Unknown';
  readonly deleted?: boolean;
  readonly field?: string;
  readonly value?: unknown;
}

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Turns a {@link WaitCondition} into a predicate over the store, and a description for errors. */
export function conditionPredicate(api: ApiServer, client: Client, c: WaitCondition): { check: () => boolean; description: string } {
  const info = client.resource(c.type);
  const what = `${info.plural}/${c.name}`;
  const read = (): AnyObject | undefined => {
    try {
      return api.get<AnyObject>(info, c.name, c.namespace);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  };
  if (c.deleted === true) return { check: () => read() === undefined, description: `${what} deleted` };
  if (c.condition !== undefined) {
    const want = c.status ?? 'True';
    return {
      check: () => {
        const conditions = (at(read(), 'status.conditions') as { type?: string; status?: string }[] | undefined) ?? [];
        return conditions.some((x) => x.type === c.condition && x.status === want);
      },
      description: `${what} condition ${c.condition}=${want}`,
    };
  }
  if (c.field !== undefined) {
    const field = c.field;
    return { check: () => JSON.stringify(at(read(), field)) === JSON.stringify(c.value), description: `${what} ${field}=${JSON.stringify(c.value)}` };
  }
  return { check: () => read() !== undefined, description: `${what} exists` };
}
