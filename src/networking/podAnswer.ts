import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { renderTemplate } from '../kubelet/simulatedLogs.ts';
import { resolveBehavior } from '../kubelet/workloadBehavior.ts';
import type { ImageProfiles } from '../kubelet/workloadBehavior.ts';

/** What a pod answers an HTTP request with. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  /** The container that answered. */
  readonly container: string;
}

/** The container listening on `port`: the one declaring it, else the first (apps need not declare ports). */
export function listeningContainer(pod: Pod, port: number): Container | undefined {
  const containers = pod.spec?.containers ?? [];
  return containers.find((c) => (c.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP')) ?? containers[0];
}

function isRunning(pod: Pod, container: string): boolean {
  if (pod.status?.phase !== 'Running' || !pod.status.podIP) return false;
  const statuses = pod.status.containerStatuses;
  if (statuses === undefined || statuses.length === 0) return true;
  return statuses.some((s) => s.name === container && s.state?.running != null);
}

/**
 * The one place the network asks a pod for an HTTP answer: the container listening on `port` must
 * be running (else the connection is refused); its answer is the `http` part of its simulated
 * behaviour (`resolveBehavior` in src/kubelet/workloadBehavior.ts: pod annotation
 * `behavior.kubeactors.dev/<container>`, image profile, command idioms, default 200 with an empty
 * body), with `{{hostname}}`, `{{podIP}}` and `{{namespace}}` filled in — so a luksa/kubia profile
 * `http: { body: "You've hit {{hostname}}\n" }` answers like the book's app.
 * @public
 */
export function podHttpAnswer(pod: Pod, port: number, profiles?: ImageProfiles): HttpAnswer | 'refused' {
  const container = listeningContainer(pod, port);
  if (container === undefined || !isRunning(pod, container.name)) return 'refused';
  const behavior = resolveBehavior(pod, container, profiles);
  if (behavior.configError !== undefined) return 'refused';
  const vars = { hostname: pod.spec?.hostname ?? pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? 'default', podIP: pod.status?.podIP ?? '' };
  return { status: behavior.http.status, body: renderTemplate(behavior.http.body, vars), container: container.name };
}
