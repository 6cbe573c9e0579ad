import { describe, it, expect } from 'vitest';
import { produce, type Draft } from 'immer';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { defaultPod } from '../defaults/defaultPod.ts';
import { messages, pod } from './testObjects.ts';
import { POD_UPDATE_FORBIDDEN, validatePod, validatePodUpdate } from './validatePod.ts';

const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const ENV =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** A defaulted pod with `edit` applied first. */
function build(edit: (p: Draft<Pod>) => void): Pod {
  return defaultPod(produce(pod(), edit));
}

function errorsOf(edit: (p: Draft<Pod>) => void): string[] {
  return messages(validatePod(build(edit)));
}

describe('validatePod', () => {
  it('should accept a defaulted minimal pod and a richer one', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(
      errorsOf((p) => {
        p.spec!.volumes = [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }];
        p.spec!.initContainers = [{ name: 'init', image: 'busybox', command: ['true'] }];
        p.spec!.containers[0] = {
          name: 'web',
          image: 'nginx:1.25',
          ports: [{ name: 'http', containerPort: 80 }],
          env: [{ name: 'MY_ENV.NAME', value: 'x' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg', readOnly: true }],
          resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
          readinessProbe: { exec: { command: ['cat', '/ready'] } },
        };
        p.spec!.nodeSelector = { 'kubernetes.io/os': 'linux' };
        p.spec!.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' }];
        p.spec!.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } };
      }),
    ).toEqual([]);
  });

  it.each<[string, (p: Draft<Pod>) => void, string[]]>([
    ['no containers', (p) => void (p.spec!.containers = []), ['spec.containers: Required value']],
    ['a bad container name', (p) => void (p.spec!.containers[0]!.name = 'Web'), [`spec.containers[0].name: Invalid value: "Web": ${LABEL}`]],
    ['a missing image', (p) => void delete p.spec!.containers[0]!.image, ['spec.containers[0].image: Required value']],
    ['duplicate container names', (p) => void p.spec!.containers.push({ name: 'web', image: 'x' }), ['spec.containers[1].name: Duplicate value: "web"']],
    ['an init container named like an app container', (p) => void (p.spec!.initContainers = [{ name: 'web', image: 'x' }]), ['spec.initContainers[0].name: Duplicate value: "web"']],
    ['a zero container port', (p) => void (p.spec!.containers[0]!.ports = [{ containerPort: 0 }]), ['spec.containers[0].ports[0].containerPort: Required value']],
    ['a port out of range', (p) => void (p.spec!.containers[0]!.ports = [{ containerPort: 70000 }]), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    [
      'an upper-case port name',
      (p) => void (p.spec!.containers[0]!.ports = [{ name: 'HTTP', containerPort: 80 }]),
      [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    ['a port name over 15 characters', (p) => void (p.spec!.containers[0]!.ports = [{ name: 'a-very-long-port-name', containerPort: 80 }]), ['spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters']],
    ['an unknown protocol', (p) => void (p.spec!.containers[0]!.ports = [{ containerPort: 80, protocol: 'HTTP' }]), ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['an unknown restart policy', (p) => void (p.spec!.restartPolicy = 'Sometimes'), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['an unknown DNS policy', (p) => void (p.spec!.dnsPolicy = 'Google'), ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ['DNS policy None without config', (p) => void (p.spec!.dnsPolicy = 'None'), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']],
    ['an unknown pull policy', (p) => void (p.spec!.containers[0]!.imagePullPolicy = 'Sometimes'), ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    [
      'requests above limits',
      (p) => void (p.spec!.containers[0]!.resources = { requests: { cpu: '2000m' }, limits: { cpu: '1' } }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    ['a negative request', (p) => void (p.spec!.containers[0]!.resources = { requests: { memory: '-1Mi' } }), ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0']],
    [
      'a malformed quantity (in requests too, copied there from limits by defaulting)',
      (p) => void (p.spec!.containers[0]!.resources = { limits: { cpu: 'lots' } }),
      [
        "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ],
    ],
    [
      'an unknown unqualified resource',
      (p) => void (p.spec!.containers[0]!.resources = { limits: { pods: '1' } }),
      [
        'spec.containers[0].resources.limits[pods]: Invalid value: "pods": must be a standard resource for containers',
        'spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
      ],
    ],
    [
      'an extended resource request without a limit',
      (p) => void (p.spec!.containers[0]!.resources = { requests: { 'example.com/gpu': '1' } }),
      ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
    ],
    [
      'a probe with two handlers',
      (p) => void (p.spec!.containers[0]!.livenessProbe = { httpGet: { path: '/', port: 80 }, tcpSocket: { port: 80 } }),
      ['spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    ['a liveness probe needing two successes', (p) => void (p.spec!.containers[0]!.livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }), ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
    ['a startup probe needing two successes', (p) => void (p.spec!.containers[0]!.startupProbe = { exec: { command: ['true'] }, successThreshold: 2 }), ['spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1']],
    ['a probe without handler', (p) => void (p.spec!.containers[0]!.readinessProbe = { periodSeconds: 3 }), ['spec.containers[0].readinessProbe: Required value: must specify a handler type']],
    ['a probe with a negative delay', (p) => void (p.spec!.containers[0]!.readinessProbe = { exec: { command: ['x'] }, initialDelaySeconds: -1 }), ['spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['a probe on a plain init container', (p) => void (p.spec!.initContainers = [{ name: 'init', image: 'x', readinessProbe: { exec: { command: ['x'] } } }]), ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']],
    ['a restartPolicy on an app container', (p) => void (p.spec!.containers[0]!.restartPolicy = 'Always'), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']],
    ['a bad env var name', (p) => void (p.spec!.containers[0]!.env = [{ name: '1X', value: 'v' }]), [`spec.containers[0].env[0].name: Invalid value: "1X": ${ENV}`]],
    [
      'an env var with value and valueFrom',
      (p) => void (p.spec!.containers[0]!.env = [{ name: 'X', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]),
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
    ],
    [
      'an env var from an unsupported field',
      (p) => void (p.spec!.containers[0]!.env = [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } }]),
      [
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.foo": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ],
    ],
    ['duplicate volumes', (p) => void (p.spec!.volumes = [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }]), ['spec.volumes[1].name: Duplicate value: "data"']],
    ['a volume with two sources', (p) => void (p.spec!.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }]), ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type']],
    ['a secret volume without secretName', (p) => void (p.spec!.volumes = [{ name: 's', secret: {} }]), ['spec.volumes[0].secret.secretName: Required value']],
    ['a mount of a missing volume', (p) => void (p.spec!.containers[0]!.volumeMounts = [{ name: 'x', mountPath: '/x' }]), ['spec.containers[0].volumeMounts[0].name: Not found: "x"']],
    [
      'two mounts on one path',
      (p) => {
        p.spec!.volumes = [{ name: 'a', emptyDir: {} }];
        p.spec!.containers[0]!.volumeMounts = [{ name: 'a', mountPath: '/x' }, { name: 'a', mountPath: '/x' }];
      },
      ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique'],
    ],
    ['a negative grace period on a probe', (p) => void (p.spec!.containers[0]!.livenessProbe = { exec: { command: ['x'] }, terminationGracePeriodSeconds: 0 }), ['spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0']],
    ['a zero activeDeadlineSeconds', (p) => void (p.spec!.activeDeadlineSeconds = 0), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['a bad node selector value', (p) => void (p.spec!.nodeSelector = { zone: 'a b' }), [expect.stringMatching(/^spec\.nodeSelector: Invalid value: "a b": a valid label must be/)]],
    ['a toleration of an empty key with Equal', (p) => void (p.spec!.tolerations = [{ value: 'x' }]), ['spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    ['an unknown toleration operator', (p) => void (p.spec!.tolerations = [{ key: 'k', operator: 'In' }]), ['spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"']],
    ['an unknown toleration effect', (p) => void (p.spec!.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoRun' }]), ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['tolerationSeconds without NoExecute', (p) => void (p.spec!.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]), ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set']],
    [
      'a pod affinity term without topology key',
      (p) => void (p.spec!.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', labelSelector: {} }] } }),
      [
        'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
        expect.stringMatching(/topologyKey: Invalid value: "": name part must consist of/),
      ],
    ],
    [
      'a spread constraint with zero skew',
      (p) => void (p.spec!.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]),
      ['spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero'],
    ],
    ['ephemeral containers on create', (p) => void (p.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]), ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });
});

describe('validatePodUpdate', () => {
  const old = build((p) => {
    p.metadata!.uid = 'u1';
    p.metadata!.resourceVersion = '3';
    p.spec!.tolerations = [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
    p.spec!.activeDeadlineSeconds = 100;
  });
  const update = (edit: (p: Draft<Pod>) => void): string[] => messages(validatePodUpdate(produce(old, edit), old));

  it('should allow image, activeDeadlineSeconds decrease, added tolerations and tolerationSeconds changes', () => {
    expect(
      update((p) => {
        p.spec!.containers[0]!.image = 'nginx:1.26';
        p.spec!.activeDeadlineSeconds = 50;
        p.spec!.tolerations![0]!.tolerationSeconds = 30;
        p.spec!.tolerations!.push({ key: 'b', operator: 'Exists' });
        p.metadata!.labels = { a: 'b' };
      }),
    ).toEqual([]);
  });

  it('should forbid changing any other field, with upstream wording', () => {
    const errs = update((p) => void (p.spec!.containers[0]!.ports = [{ containerPort: 80, protocol: 'TCP' }]));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n`);
    expect(POD_UPDATE_FORBIDDEN).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it.each<[string, (p: Draft<Pod>) => void, string[]]>([
    ['adding a container', (p) => void p.spec!.containers.push({ name: 'b', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    ['raising activeDeadlineSeconds', (p) => void (p.spec!.activeDeadlineSeconds = 200), ['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']],
    ['removing activeDeadlineSeconds', (p) => void delete p.spec!.activeDeadlineSeconds, ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']],
    ['changing an existing toleration', (p) => void (p.spec!.tolerations![0]!.effect = 'NoSchedule'), expect.arrayContaining(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'])],
    ['an image with whitespace', (p) => void (p.spec!.containers[0]!.image = ' nginx'), ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']],
  ])('should report %s', (_what, edit, want) => {
    expect(update(edit)).toEqual(want);
  });

  it('should allow a negative grace period to become 1 and nothing else', () => {
    const neg = produce(old, (p) => void (p.spec!.terminationGracePeriodSeconds = -1));
    expect(validatePodUpdate(produce(neg, (p) => void (p.spec!.terminationGracePeriodSeconds = 1)), neg)).toEqual([]);
    expect(messages(validatePodUpdate(produce(neg, (p) => void (p.spec!.terminationGracePeriodSeconds = 2)), neg))[0]).toMatch(/^spec: Forbidden: pod updates may not change fields/);
  });
});
