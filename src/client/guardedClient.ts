import type { Client } from './client.ts';

/**
 * Wraps a client so that it can be killed (once `kill()` is called every request fails, the way a
 * crashed process's requests never reach the API server) or cut off for a while (`setConnected(false)`:
 * a network partition).
 * @public
 */
export function createGuardedClient(client: Client, owner: string): { client: Client; kill(): void; inFlight(): number; setConnected(up: boolean): void } {
  let dead = false;
  let connected = true;
  let inFlight = 0;
  const fail = (): Promise<never> => Promise.reject(new Error(`${owner} was stopped; request not sent`));
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (dead) return fail();
      if (!connected) return Promise.reject(new Error(`${owner}: dial tcp: connect: connection refused (cut off from the API server)`));
      inFlight++;
      return fn(...args).finally(() => {
        inFlight--;
      });
    };
  const guarded: Client = {
    resource: (t) => client.resource(t),
    resources: () => client.resources(),
    create: wrap((...a: Parameters<Client['create']>) => (client.create as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['create'],
    get: wrap((...a: Parameters<Client['get']>) => (client.get as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['get'],
    list: wrap((...a: Parameters<Client['list']>) => (client.list as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['list'],
    update: wrap((...a: Parameters<Client['update']>) => (client.update as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['update'],
    updateStatus: wrap((...a: Parameters<Client['updateStatus']>) => (client.updateStatus as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['updateStatus'],
    mutate: wrap((...a: Parameters<Client['mutate']>) => (client.mutate as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['mutate'],
    patch: wrap((...a: Parameters<Client['patch']>) => (client.patch as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['patch'],
    delete: wrap((...a: Parameters<Client['delete']>) => (client.delete as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['delete'],
    deleteCollection: wrap((...a: Parameters<Client['deleteCollection']>) => (client.deleteCollection as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['deleteCollection'],
    getScale: wrap((...a: Parameters<Client['getScale']>) => client.getScale(...a)),
    updateScale: wrap((...a: Parameters<Client['updateScale']>) => client.updateScale(...a)),
    bind: wrap((...a: Parameters<Client['bind']>) => client.bind(...a)),
    evict: wrap((...a: Parameters<Client['evict']>) => client.evict(...a)),
    finalizeNamespace: wrap((...a: Parameters<Client['finalizeNamespace']>) => (client.finalizeNamespace as (...x: unknown[]) => Promise<unknown>)(...a)) as Client['finalizeNamespace'],
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
    setConnected: (up) => {
      connected = up;
    },
  };
}
