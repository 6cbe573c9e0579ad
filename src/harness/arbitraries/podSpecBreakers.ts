import fc from 'fast-check';
import type { Container, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { at, badLabelKey, badLabelValue, badQuantity, breaker, negativeQuantity, type Breaker } from './breaker.ts';
import { dnsLabel } from './dnsLabel.ts';
import { labelKey } from './labels.ts';
import { cpuForms, memoryForms } from './quantityForms.ts';

/** Where the pod spec sits in an object (`spec`, `spec.template.spec`) and how to reach it. */
export interface PodSpecSite<T> {
  readonly path: string;
  readonly specOf: (obj: T) => PodSpec;
  /** A pod template (Deployment, ReplicaSet) rather than a Pod. */
  readonly template: boolean;
}

function containerAt(spec: PodSpec, n: number): { c: Container; i: number } {
  const i = at(n, spec.containers.length);
  const c = spec.containers[i];
  if (c === undefined) throw new Error('generated pod specs always have containers');
  return { c, i };
}

const RESOURCE = fc.constantFrom('cpu', 'memory');

// A request above its limit: amounts in millicores or bytes, spelt in any form.
const requestAboveLimit = fc
  .record({ resource: RESOURCE, lo: fc.integer({ min: 0, max: 4000 }), extra: fc.integer({ min: 1, max: 4000 }) }, { noNullPrototype: true })
  .chain(({ resource, lo, extra }) => {
    const forms = resource === 'cpu' ? (n: number) => cpuForms(BigInt(n), undefined) : (n: number) => memoryForms(BigInt(n) * 1024n * 1024n, undefined);
    return fc.tuple(fc.constant(resource), forms(lo + extra), forms(lo));
  });

const BAD_TOLERATIONS: readonly (readonly [Toleration, string])[] = [
  [{ key: 'k', operator: 'Exists', value: 'v' }, 'operator'],
  [{ operator: 'Equal', value: 'v' }, 'operator'],
  [{ key: 'k', operator: 'Like', value: 'v' }, 'operator'],
  [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 10 }, 'effect'],
  [{ key: 'k', operator: 'Equal', value: 'v', effect: 'Sometimes' }, 'effect'],
  [{ key: 'bad key', operator: 'Exists' }, 'key'],
  [{ key: 'k', operator: 'Equal', value: '-bad' }, 'operator'],
];

/** Broken pod specs: containers, ports, resources, policies, scheduling fields. */
export function podSpecBreakers<T extends KubeObject>(site: PodSpecSite<T>): Breaker<T>[] {
  const p = site.path;
  const breakers: Breaker<T>[] = [
    breaker<T, null>('no containers', fc.constant(null), (o) => {
      site.specOf(o).containers = [];
      return `${p}.containers`;
    }),
    breaker<T, [number, boolean]>('container without image', fc.tuple(fc.nat(), fc.boolean()), (o, [n, empty]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      if (empty) c.image = '';
      else delete c.image;
      return `${p}.containers[${i}].image`;
    }),
    breaker<T, [number, string]>(
      'container name not an RFC 1123 label',
      fc.tuple(fc.nat(), fc.oneof(dnsLabel({ maxLength: 20 }).map((l) => `X${l}`), dnsLabel({ maxLength: 20 }).map((l) => `${l}_x`), dnsLabel({ maxLength: 20 }).map((l) => `a.${l}`), fc.constantFrom('', 'a'.repeat(64), '-x'))),
      (o, [n, name]) => {
        const { c, i } = containerAt(site.specOf(o), n);
        c.name = name;
        return `${p}.containers[${i}].name`;
      },
    ),
    breaker<T, number>('duplicate container name', fc.nat(), (o, n) => {
      const spec = site.specOf(o);
      const { c } = containerAt(spec, n);
      spec.containers.push({ ...structuredClone(c), name: c.name });
      return `${p}.containers[${spec.containers.length - 1}].name`;
    }),
    breaker<T, [number, number]>('container port out of range', fc.tuple(fc.nat(), fc.oneof(fc.constant(0), fc.integer({ min: -70000, max: -1 }), fc.integer({ min: 65536, max: 1_000_000 }))), (o, [n, port]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.ports = [{ containerPort: port }];
      return `${p}.containers[${i}].ports[0].containerPort`;
    }),
    breaker<T, [number, string]>('unknown port protocol', fc.tuple(fc.nat(), fc.constantFrom('HTTP', 'tcp', 'ICMP')), (o, [n, protocol]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.ports = [{ containerPort: 8080, protocol }];
      return `${p}.containers[${i}].ports[0].protocol`;
    }),
    breaker<T, number>('duplicate port name in a container', fc.nat(), (o, n) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.ports = [
        { name: 'web', containerPort: 8080 },
        { name: 'web', containerPort: 8081 },
      ];
      return `${p}.containers[${i}].ports[1].name`;
    }),
    breaker<T, [number, [string, string, string]]>('request above its limit', fc.tuple(fc.nat(), requestAboveLimit), (o, [n, [resource, request, limit]]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.resources = { requests: { [resource]: request }, limits: { [resource]: limit } };
      return `${p}.containers[${i}].resources.requests`;
    }),
    breaker<T, [number, string, boolean, string]>('malformed or negative quantity', fc.tuple(fc.nat(), RESOURCE, fc.boolean(), fc.oneof(badQuantity, negativeQuantity)), (o, [n, resource, limit, q]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      const which = limit ? 'limits' : 'requests';
      c.resources = { [which]: { [resource]: q } };
      return `${p}.containers[${i}].resources.${which}[${resource}]`;
    }),
    breaker<T, [number, string]>('bad environment variable name', fc.tuple(fc.nat(), fc.constantFrom('1BAD', 'has space', '..', '.', 'a=b', '..x', '')), (o, [n, name]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.env = [{ name, value: 'x' }];
      return `${p}.containers[${i}].env[0].name`;
    }),
    breaker<T, [number, string]>('unknown image pull policy', fc.tuple(fc.nat(), fc.constantFrom('Sometimes', 'always', 'IfNeeded')), (o, [n, policy]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.imagePullPolicy = policy;
      return `${p}.containers[${i}].imagePullPolicy`;
    }),
    breaker<T, [number, string]>('unknown termination message policy', fc.tuple(fc.nat(), fc.constantFrom('Sometimes', 'file')), (o, [n, policy]) => {
      const { c, i } = containerAt(site.specOf(o), n);
      c.terminationMessagePolicy = policy;
      return `${p}.containers[${i}].terminationMessagePolicy`;
    }),
    breaker<T, [string, string]>('node selector with a bad key or value', fc.oneof(fc.tuple(badLabelKey, fc.constant('x')), fc.tuple(labelKey(), badLabelValue)), (o, [k, v]) => {
      const spec = site.specOf(o);
      spec.nodeSelector = { ...spec.nodeSelector, [k]: v };
      return `${p}.nodeSelector`;
    }),
    breaker<T, readonly [Toleration, string]>('invalid toleration', fc.constantFrom(...BAD_TOLERATIONS), (o, [t, field]) => {
      site.specOf(o).tolerations = [structuredClone(t)];
      return `${p}.tolerations[0].${field}`;
    }),
    breaker<T, [string, string]>('unknown DNS policy, or None without dnsConfig', fc.constantFrom(['Sometimes', 'dnsPolicy'] as [string, string], ['clusterfirst', 'dnsPolicy'] as [string, string], ['None', 'dnsConfig'] as [string, string]), (o, [policy, field]) => {
      const spec = site.specOf(o);
      spec.dnsPolicy = policy;
      delete spec.dnsConfig;
      return `${p}.${field}`;
    }),
  ];
  if (site.template) {
    breakers.push(
      breaker<T, string>('template restartPolicy other than Always', fc.constantFrom('OnFailure', 'Never'), (o, policy) => {
        site.specOf(o).restartPolicy = policy;
        return `${p}.restartPolicy`;
      }),
      breaker<T, number>('activeDeadlineSeconds in a template', fc.integer({ min: 1, max: 3600 }), (o, s) => {
        site.specOf(o).activeDeadlineSeconds = s;
        return `${p}.activeDeadlineSeconds`;
      }),
    );
  } else {
    breakers.push(
      breaker<T, string>('unknown restartPolicy', fc.constantFrom('Sometimes', 'always', 'Forever'), (o, policy) => {
        site.specOf(o).restartPolicy = policy;
        return `${p}.restartPolicy`;
      }),
      breaker<T, number>('activeDeadlineSeconds below 1', fc.integer({ min: -3600, max: 0 }), (o, s) => {
        site.specOf(o).activeDeadlineSeconds = s;
        return `${p}.activeDeadlineSeconds`;
      }),
      breaker<T, null>('ephemeral containers on create', fc.constant(null), (o) => {
        site.specOf(o).ephemeralContainers = [{ name: 'debugger', image: 'busybox' }];
        return `${p}.ephemeralContainers`;
      }),
    );
  }
  return breakers;
}
