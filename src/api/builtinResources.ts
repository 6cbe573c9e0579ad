import type { ResourceInfo, Verb } from './resourceInfo.ts';

const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Row {
  g: string;
  v: string;
  kind: string;
  plural: string;
  short?: string[];
  ns: boolean;
  sub?: string[];
  verbs?: Verb[];
  cat?: string[];
  stored?: boolean;
}

function row(r: Row): ResourceInfo {
  return Object.freeze({
    group: r.g,
    version: r.v,
    kind: r.kind,
    plural: r.plural,
    singular: r.kind.toLowerCase(),
    shortNames: Object.freeze(r.short ?? []),
    namespaced: r.ns,
    subresources: Object.freeze(r.sub ?? []),
    verbs: Object.freeze(r.verbs ?? ALL_VERBS),
    categories: Object.freeze(r.cat ?? []),
    stored: r.stored ?? true,
  });
}

const CREATE_ONLY: Verb[] = ['create'];

/**
 * Every built-in resource the seeds use (the `kubectl api-resources` table of seeds-003a §4.2),
 * at the versions modern Kubernetes (v1.30+) serves. Versions removed upstream (batch/v1beta1 CronJob,
 * extensions/v1beta1 Ingress, policy/v1beta1, PodSecurityPolicy) are not served, as in v1.30.
 * @public
 */
export const BUILTIN_RESOURCES: readonly ResourceInfo[] = Object.freeze([
  row({ g: '', v: 'v1', kind: 'Binding', plural: 'bindings', ns: true, verbs: CREATE_ONLY, stored: false }),
  row({ g: '', v: 'v1', kind: 'ComponentStatus', plural: 'componentstatuses', short: ['cs'], ns: false, verbs: ['get', 'list'], stored: false }),
  row({ g: '', v: 'v1', kind: 'ConfigMap', plural: 'configmaps', short: ['cm'], ns: true }),
  row({ g: '', v: 'v1', kind: 'Endpoints', plural: 'endpoints', short: ['ep'], ns: true }),
  row({ g: '', v: 'v1', kind: 'Event', plural: 'events', short: ['ev'], ns: true }),
  row({ g: '', v: 'v1', kind: 'LimitRange', plural: 'limitranges', short: ['limits'], ns: true }),
  row({ g: '', v: 'v1', kind: 'Namespace', plural: 'namespaces', short: ['ns'], ns: false, sub: ['status', 'finalize'] }),
  row({ g: '', v: 'v1', kind: 'Node', plural: 'nodes', short: ['no'], ns: false, sub: ['status', 'proxy'] }),
  row({ g: '', v: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', short: ['pvc'], ns: true, sub: ['status'] }),
  row({ g: '', v: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', short: ['pv'], ns: false, sub: ['status'] }),
  row({ g: '', v: 'v1', kind: 'Pod', plural: 'pods', short: ['po'], ns: true, sub: ['status', 'binding', 'eviction', 'log', 'ephemeralcontainers', 'resize', 'exec', 'attach', 'portforward', 'proxy'], cat: ['all'] }),
  row({ g: '', v: 'v1', kind: 'PodTemplate', plural: 'podtemplates', ns: true }),
  row({ g: '', v: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', short: ['rc'], ns: true, sub: ['status', 'scale'], cat: ['all'] }),
  row({ g: '', v: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', short: ['quota'], ns: true, sub: ['status'] }),
  row({ g: '', v: 'v1', kind: 'Secret', plural: 'secrets', ns: true }),
  row({ g: '', v: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', short: ['sa'], ns: true, sub: ['token'] }),
  row({ g: '', v: 'v1', kind: 'Service', plural: 'services', short: ['svc'], ns: true, sub: ['status', 'proxy'], cat: ['all'] }),
  row({ g: 'admissionregistration.k8s.io', v: 'v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', ns: false }),
  row({ g: 'admissionregistration.k8s.io', v: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', ns: false }),
  row({ g: 'apiextensions.k8s.io', v: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', short: ['crd', 'crds'], ns: false, sub: ['status'] }),
  row({ g: 'apiregistration.k8s.io', v: 'v1', kind: 'APIService', plural: 'apiservices', ns: false, sub: ['status'] }),
  row({ g: 'apps', v: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', ns: true }),
  row({ g: 'apps', v: 'v1', kind: 'DaemonSet', plural: 'daemonsets', short: ['ds'], ns: true, sub: ['status'], cat: ['all'] }),
  row({ g: 'apps', v: 'v1', kind: 'Deployment', plural: 'deployments', short: ['deploy'], ns: true, sub: ['status', 'scale'], cat: ['all'] }),
  row({ g: 'apps', v: 'v1', kind: 'ReplicaSet', plural: 'replicasets', short: ['rs'], ns: true, sub: ['status', 'scale'], cat: ['all'] }),
  row({ g: 'apps', v: 'v1', kind: 'StatefulSet', plural: 'statefulsets', short: ['sts'], ns: true, sub: ['status', 'scale'], cat: ['all'] }),
  row({ g: 'authentication.k8s.io', v: 'v1', kind: 'TokenReview', plural: 'tokenreviews', ns: false, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'authentication.k8s.io', v: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', ns: false, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'authorization.k8s.io', v: 'v1', kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', ns: true, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'authorization.k8s.io', v: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', ns: false, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'authorization.k8s.io', v: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', ns: false, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'authorization.k8s.io', v: 'v1', kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', ns: false, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'autoscaling', v: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', short: ['hpa'], ns: true, sub: ['status'], cat: ['all'] }),
  row({ g: 'batch', v: 'v1', kind: 'CronJob', plural: 'cronjobs', short: ['cj'], ns: true, sub: ['status'], cat: ['all'] }),
  row({ g: 'batch', v: 'v1', kind: 'Job', plural: 'jobs', ns: true, sub: ['status'], cat: ['all'] }),
  row({ g: 'certificates.k8s.io', v: 'v1', kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', short: ['csr'], ns: false, sub: ['status', 'approval'] }),
  row({ g: 'coordination.k8s.io', v: 'v1', kind: 'Lease', plural: 'leases', ns: true }),
  row({ g: 'discovery.k8s.io', v: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', ns: true }),
  row({ g: 'events.k8s.io', v: 'v1', kind: 'Event', plural: 'events', short: ['ev'], ns: true }),
  row({ g: 'flowcontrol.apiserver.k8s.io', v: 'v1', kind: 'FlowSchema', plural: 'flowschemas', ns: false, sub: ['status'] }),
  row({ g: 'flowcontrol.apiserver.k8s.io', v: 'v1', kind: 'PriorityLevelConfiguration', plural: 'prioritylevelconfigurations', ns: false, sub: ['status'] }),
  row({ g: 'networking.k8s.io', v: 'v1', kind: 'IngressClass', plural: 'ingressclasses', ns: false }),
  row({ g: 'networking.k8s.io', v: 'v1', kind: 'Ingress', plural: 'ingresses', short: ['ing'], ns: true, sub: ['status'] }),
  row({ g: 'networking.k8s.io', v: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', short: ['netpol'], ns: true }),
  row({ g: 'node.k8s.io', v: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', ns: false }),
  row({ g: 'policy', v: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', short: ['pdb'], ns: true, sub: ['status'] }),
  row({ g: 'policy', v: 'v1', kind: 'Eviction', plural: 'evictions', ns: true, verbs: CREATE_ONLY, stored: false }),
  row({ g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', ns: false }),
  row({ g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'ClusterRole', plural: 'clusterroles', ns: false }),
  row({ g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'RoleBinding', plural: 'rolebindings', ns: true }),
  row({ g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'Role', plural: 'roles', ns: true }),
  row({ g: 'scheduling.k8s.io', v: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', short: ['pc'], ns: false }),
  row({ g: 'storage.k8s.io', v: 'v1', kind: 'CSIDriver', plural: 'csidrivers', ns: false }),
  row({ g: 'storage.k8s.io', v: 'v1', kind: 'CSINode', plural: 'csinodes', ns: false }),
  row({ g: 'storage.k8s.io', v: 'v1', kind: 'StorageClass', plural: 'storageclasses', short: ['sc'], ns: false }),
  row({ g: 'storage.k8s.io', v: 'v1', kind: 'VolumeAttachment', plural: 'volumeattachments', ns: false, sub: ['status'] }),
]);
