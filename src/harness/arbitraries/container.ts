import fc from 'fast-check';
import type { Container, ContainerPort, EnvVar } from 'kubernetes-types/core/v1.js';
import { dnsLabel } from './dnsLabel.ts';
import { regexString } from './regexString.ts';
import { resourceRequirements, type ResourceRequirementsOptions } from './resourceRequirements.ts';
import { maybe, shape } from './shape.ts';

/** What {@link container} generates. */
export interface ContainerOptions {
  /** The container's name (default: a generated RFC 1123 label). */
  readonly name?: string;
  /** `resources`: always (`true`), never (`false`) or sometimes (default). */
  readonly resources?: boolean;
  /** Bounds and spelling of the resources, when there are any. */
  readonly resourceOptions?: ResourceRequirementsOptions;
  /** `ports`: always (`true`, at least one), never (`false`) or sometimes (default). */
  readonly ports?: boolean;
}

const KNOWN_IMAGES = ['nginx', 'nginx:1.25', 'busybox:1.36', 'redis:7.2', 'registry.k8s.io/pause:3.9', 'luksa/kubia', 'docker.io/library/alpine:latest'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

/**
 * Container image references: well-known ones and generated `[host/]path[:tag]` names.
 * @example
 * fc.assert(fc.property(containerImage(), (image) => image.trim() === image && image !== ''));
 * @public
 */
export function containerImage(): fc.Arbitrary<string> {
  const segment = regexString(/^[a-z0-9]+([._-][a-z0-9]+)?$/, 12);
  const generated = fc
    .record({
      host: maybe(fc.constantFrom('registry.example.com', 'ghcr.io', 'quay.io', 'localhost:5000')),
      path: fc.array(segment, { minLength: 1, maxLength: 3 }),
      tag: maybe(regexString(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,15}$/)),
    })
    .map(({ host, path, tag }) => `${host !== undefined ? `${host}/` : ''}${path.join('/')}${tag !== undefined ? `:${tag}` : ''}`);
  return fc.oneof(fc.constantFrom(...KNOWN_IMAGES), generated);
}

// IANA service names as upstream IsValidPortName wants them: ≤ 15 characters, a letter, no '--'.
const portName = regexString(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6})?$/);

/** A container's ports: unique by port and protocol, names (where given) unique. */
export function containerPorts(minLength: number): fc.Arbitrary<ContainerPort[]> {
  const port = fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP')) }, { noNullPrototype: true });
  return fc
    .uniqueArray(port, { minLength, maxLength: 3, selector: (p) => `${p.containerPort}/${p.protocol ?? 'TCP'}` })
    .chain((ports) => fc.tuple(fc.constant(ports), fc.uniqueArray(portName, { minLength: ports.length, maxLength: ports.length }), fc.array(fc.boolean(), { minLength: ports.length, maxLength: ports.length })))
    .map(([ports, names, named]) =>
      ports.map((p, i) => ({
        ...(named[i] === true ? { name: names[i] ?? '' } : {}),
        containerPort: p.containerPort,
        ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
      })),
    );
}

const envVar: fc.Arbitrary<EnvVar> = fc.oneof(
  fc.record({ name: regexString(/^[A-Za-z_][-._A-Za-z0-9]{0,20}$/), value: fc.string({ maxLength: 20 }) }, { noNullPrototype: true }),
  fc
    .record({ name: regexString(/^[A-Z_][A-Z0-9_]{0,20}$/), fieldPath: fc.constantFrom('metadata.name', 'metadata.namespace', 'status.podIP', 'spec.nodeName') }, { noNullPrototype: true })
    .map(({ name, fieldPath }) => ({ name, valueFrom: { fieldRef: { fieldPath } } })),
);

/**
 * Containers kube-apiserver accepts: name, image, and optionally pull policy, command and args, ports
 * (unique by port and protocol, valid IANA names), environment variables (literal or downward-API) and
 * resources (requests ≤ limits). Probes, volume mounts and security contexts are not generated.
 * @example
 * fc.assert(fc.property(container({ resources: true }), (c) => c.resources !== undefined));
 * @public
 */
export function container(options: ContainerOptions = {}): fc.Arbitrary<Container> {
  const always = <T>(flag: boolean | undefined, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    flag === true ? arb : flag === false ? fc.constant(undefined) : maybe(arb);
  return shape({
    name: options.name !== undefined ? fc.constant(options.name) : dnsLabel(),
    image: containerImage(),
    imagePullPolicy: maybe(fc.constantFrom(...PULL_POLICIES), 0.3),
    command: maybe(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }), 0.3),
    args: maybe(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), 0.3),
    ports: always(options.ports, containerPorts(options.ports === true ? 1 : 0)),
    env: maybe(fc.uniqueArray(envVar, { minLength: 1, maxLength: 3, selector: (e) => e.name }), 0.3),
    resources: always(options.resources, resourceRequirements(options.resourceOptions)),
  });
}
