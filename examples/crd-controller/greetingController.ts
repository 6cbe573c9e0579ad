// A user-defined custom resource and its controller, written only against the public API.
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { defineController, defineResource, isNotFound } from '../../src/index.ts';
import type { KubeObject } from '../../src/index.ts';

/** A Greeting asks for a ConfigMap holding `message` for `name`, `replicas` times over. */
export interface Greeting extends KubeObject {
  spec: { name: string; message?: string };
  status?: { phase?: 'Pending' | 'Ready'; configMap?: string; observedGeneration?: number };
}

export const greetingResource = defineResource({
  group: 'demo.kubeactors.dev',
  version: 'v1',
  kind: 'Greeting',
  shortNames: ['gr'],
  scope: 'Namespaced',
  subresources: { status: true },
  schema: {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 63 }, message: { type: 'string', default: 'Hello' } },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  printerColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase' }],
});

export const greetingController = defineController({
  name: 'greeting',
  for: { apiVersion: 'demo.kubeactors.dev/v1', kind: 'Greeting' },
  owns: ['ConfigMap'],
  async reconcile(req, ctx) {
    const greeting = ctx.lister<Greeting>({ apiVersion: 'demo.kubeactors.dev/v1', kind: 'Greeting' }).get(req.namespace, req.name);
    if (greeting === undefined || greeting.metadata?.deletionTimestamp !== undefined) return {};
    const cmName = `greeting-${req.name}`;
    const text = `${greeting.spec.message ?? 'Hello'}, ${greeting.spec.name}!`;
    const existing = ctx.lister<ConfigMap>('ConfigMap').get(req.namespace, cmName);
    if (existing === undefined) {
      try {
        await ctx.client.create<ConfigMap>({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: cmName,
            namespace: req.namespace ?? 'default',
            ownerReferences: [{ apiVersion: 'demo.kubeactors.dev/v1', kind: 'Greeting', name: req.name, uid: greeting.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
          },
          data: { text },
        });
      } catch (e) {
        // The cache may lag our own create: an AlreadyExists here is the object we made.
        if (!(e instanceof Error && /already exists/.test(e.message))) throw e;
      }
      await ctx.recorder.event(greeting, 'Normal', 'Created', `created ConfigMap ${cmName}`);
    } else if (existing.data?.['text'] !== text) {
      await ctx.client.mutate('ConfigMap', cmName, (d) => void (d.data = { text }), { namespace: req.namespace ?? 'default' });
    }
    if (greeting.status?.phase !== 'Ready' || greeting.status.observedGeneration !== greeting.metadata?.generation) {
      try {
        await ctx.client.updateStatus({ ...greeting, status: { phase: 'Ready', configMap: cmName, observedGeneration: greeting.metadata?.generation ?? 1 } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return {};
  },
});
