import type { Client } from './client.ts';

/**
 * Wraps a client so that it can be killed: once `kill()` is called every request fails, the way a
 * crashed process's requests never reach the API server. Used to stop a controller between two writes.
 * @public
 */
export function createGuardedClient(client: Client, owner: string): { client: Client; kill(): void; inFlight(): number } {
  let dead = false;
  let inFlight = 0;
  const fail = (): Promise<never> => Promise.reject(new Error(`${owner} was stopped; request not sent`));
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (dead) return fail();
      inFlight++;
      return fn(...args).finally(() => {
        inFlight--;
      });
    };
  const guarded: Client = {
    resource: (t) => client.resource(t),
    resources: () => client.resources(),
    create: wrap(client.create),
    get: wrap(client.get) as Client['get'],
    list: wrap(client.list) as Client['list'],
    update: wrap(client.update),
    updateStatus: wrap(client.updateStatus),
    mutate: wrap(client.mutate) as Client['mutate'],
    patch: wrap(client.patch) as Client['patch'],
    delete: wrap(client.delete) as Client['delete'],
    deleteCollection: wrap(client.deleteCollection) as Client['deleteCollection'],
    finalizeNamespace: wrap(client.finalizeNamespace),
    watch: (type, opts) => {
      if (dead) throw new Error(`${owner} was stopped; watch not opened`);
      return client.watch(type, opts);
    },
  };
  return {
    client: guarded,
    kill: () => {
      dead = true;
    },
    inFlight: () => inFlight,
  };
}
