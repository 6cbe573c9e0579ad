import type { KubeObject } from '../api/meta.ts';
import { groupResource } from '../api/resourceInfo.ts';
import type { Clock } from '../runtime/sim/clock.ts';
import type { Client, TypeRef } from './client.ts';
import type { SharedInformer, SharedInformerOptions } from './sharedInformer.ts';
import { createSharedInformer } from './sharedInformer.ts';

/** Options that distinguish one shared informer from another of the same type. */
export interface InformerQuery {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/**
 * One shared informer per type and query, created and started on first use
 * (client-go's SharedInformerFactory).
 * @public
 */
export interface InformerFactory {
  informerFor<T extends KubeObject = KubeObject>(type: TypeRef, query?: InformerQuery): SharedInformer<T>;
  /** Every informer created so far. */
  informers(): readonly SharedInformer[];
  /** Resolves when every informer created so far has synced. */
  waitForCacheSync(): Promise<void>;
  stop(): void;
}

/** Options of {@link createInformerFactory}. */
export interface InformerFactoryOptions {
  readonly client: Client;
  readonly clock: Clock;
  readonly resyncMs?: number;
  readonly interceptWatchEvent?: SharedInformerOptions['interceptWatchEvent'];
}

/** Creates an {@link InformerFactory}. */
export function createInformerFactory(options: InformerFactoryOptions): InformerFactory {
  const byKey = new Map<string, SharedInformer>();
  let stopped = false;
  return {
    informerFor<T extends KubeObject = KubeObject>(type: TypeRef, query: InformerQuery = {}): SharedInformer<T> {
      if (stopped) throw new Error('informer factory is stopped');
      const info = options.client.resource(type);
      const key = JSON.stringify([groupResource(info), query.namespace ?? '', query.labelSelector ?? '', query.fieldSelector ?? '']);
      let inf = byKey.get(key);
      if (inf === undefined) {
        inf = createSharedInformer({
          client: options.client,
          clock: options.clock,
          type: info,
          ...query,
          ...(options.resyncMs !== undefined ? { resyncMs: options.resyncMs } : {}),
          ...(options.interceptWatchEvent !== undefined ? { interceptWatchEvent: options.interceptWatchEvent } : {}),
        });
        byKey.set(key, inf);
        inf.start();
      }
      return inf as unknown as SharedInformer<T>;
    },
    informers: () => [...byKey.values()],
    waitForCacheSync: async () => {
      await Promise.all([...byKey.values()].map((i) => i.whenSynced()));
    },
    stop() {
      stopped = true;
      for (const i of byKey.values()) i.stop();
      byKey.clear();
    },
  };
}
