import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import type { InformerFactory } from '../src/client/informerFactory.ts';
import type { SharedInformer } from '../src/client/sharedInformer.ts';
import type { Clock, TimerId } from '../src/runtime/sim/clock.ts';

/** What a kubelet hears about pods bound to its node. */
export interface NodePodHandler {
  changed(pod: Pod & KubeObject): void;
  deleted(pod: Pod & KubeObject): void;
}

/**
 * What kubelets share so that a 5,000-node cluster stays cheap: one pod informer whose events are
 * routed to the kubelet of the pod's node (instead of one watch per node), and one heartbeat ticker
 * for every node (instead of one timer chain per node).
 * @internal
 */
export class KubeletHub {
  readonly pods: SharedInformer<Pod & KubeObject>;
  private readonly handlers = new Map<string, NodePodHandler>();
  private readonly tickers = new Map<string, () => void>();
  private readonly clock: Clock;
  private timer: TimerId | undefined;
  private readonly unsubscribe: () => void;
  private readonly heartbeatMs: number;

  constructor(informers: InformerFactory, clock: Clock, heartbeatMs = 10_000) {
    this.clock = clock;
    this.heartbeatMs = heartbeatMs;
    this.pods = informers.informerFor<Pod & KubeObject>('Pod');
    const route = (pod: Pod & KubeObject, deleted: boolean): void => {
      const node = pod.spec?.nodeName;
      if (!node) return;
      const h = this.handlers.get(node);
      if (h === undefined) return;
      if (deleted) h.deleted(pod);
      else h.changed(pod);
    };
    this.unsubscribe = this.pods.addEventHandler({
      onAdd: (p) => route(p, false),
      onUpdate: (_old, p) => route(p, false),
      onDelete: (p) => route(p, true),
    });
  }

  /** Routes pod events of `node` to `handler`, replaying the pods already bound there. */
  register(node: string, handler: NodePodHandler): () => void {
    this.handlers.set(node, handler);
    for (const pod of this.pods.indexer.byIndex('nodeName', node)) handler.changed(pod);
    return () => {
      if (this.handlers.get(node) === handler) this.handlers.delete(node);
    };
  }

  /** Calls `tick` on the shared heartbeat every `heartbeatMs` of cluster time. */
  heartbeat(node: string, tick: () => void): () => void {
    this.tickers.set(node, tick);
    if (this.timer === undefined) this.schedule();
    return () => {
      if (this.tickers.get(node) === tick) this.tickers.delete(node);
    };
  }

  stop(): void {
    this.unsubscribe();
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.handlers.clear();
    this.tickers.clear();
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      for (const tick of [...this.tickers.values()]) tick();
      if (this.tickers.size > 0) this.schedule();
    }, this.heartbeatMs);
  }
}
