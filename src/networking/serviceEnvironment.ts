import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1.js';
import { serviceIP } from './serviceFields.ts';

/** The namespace whose `kubernetes` Service every pod sees (upstream `metav1.NamespaceDefault`). */
export const MASTER_SERVICE_NAMESPACE = 'default';
/** Services whose variables every pod gets, even with `enableServiceLinks: false`. */
export const MASTER_SERVICES: readonly string[] = ['kubernetes'];

/** `kubia-svc` → `KUBIA_SVC` (upstream `makeEnvVariableName`). */
export function envVariableName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

// Upstream makeLinkVariables: Docker-link style variables, the first port also as <NAME>_PORT.
function linkVariables(svc: Service, ip: string): EnvVar[] {
  const prefix = envVariableName(svc.metadata?.name ?? '');
  const out: EnvVar[] = [];
  (svc.spec?.ports ?? []).forEach((sp, i) => {
    const protocol = sp.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${ip.includes(':') ? `[${ip}]` : ip}:${sp.port}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    out.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(sp.port) },
      { name: `${portPrefix}_ADDR`, value: ip },
    );
  });
  return out;
}

/**
 * The variables of a set of Services (upstream `envvars.FromServices`): `<NAME>_SERVICE_HOST`,
 * `<NAME>_SERVICE_PORT` (first port), `<NAME>_SERVICE_PORT_<PORTNAME>` per named port and the
 * Docker-link variables. Services without a ClusterIP (headless, ExternalName) are skipped.
 * @public
 */
export function envFromServices(services: readonly Service[]): EnvVar[] {
  const out: EnvVar[] = [];
  for (const svc of services) {
    const ip = serviceIP(svc);
    const first = svc.spec?.ports?.[0];
    if (ip === undefined || first === undefined) continue;
    const name = envVariableName(svc.metadata?.name ?? '');
    out.push({ name: `${name}_SERVICE_HOST`, value: ip }, { name: `${name}_SERVICE_PORT`, value: String(first.port) });
    for (const sp of svc.spec?.ports ?? []) if (sp.name) out.push({ name: `${name}_SERVICE_PORT_${envVariableName(sp.name)}`, value: String(sp.port) });
    out.push(...linkVariables(svc, ip));
  }
  return out;
}

/**
 * The service variables a pod's containers get (the kubelet's `getServiceEnvVarMap`): the
 * `kubernetes` Service of `default` always, and, when `spec.enableServiceLinks` is not false, every
 * Service of the pod's namespace with a ClusterIP. `services` is whatever the caller considers to
 * exist for the pod (see `ServiceLinks`); Services of other namespaces in it are ignored.
 * Sorted by name, as a map would print.
 * @public
 */
export function serviceEnvironment(pod: Pod, services: readonly Service[]): EnvVar[] {
  const ns = pod.metadata?.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (serviceIP(svc) === undefined) continue;
    const name = svc.metadata?.name ?? '';
    const svcNs = svc.metadata?.namespace ?? 'default';
    if (svcNs === MASTER_SERVICE_NAMESPACE && MASTER_SERVICES.includes(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svcNs === ns && links) {
      chosen.set(name, svc);
    }
  }
  const vars = new Map(envFromServices([...chosen.values()]).map((e) => [e.name, e.value ?? '']));
  return [...vars.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
}

/**
 * `$(VAR)` expansion as the kubelet does it for `env[].value`, `command` and `args`
 * (`third_party/forked/golang/expansion`): a defined variable is replaced, an undefined reference
 * is left as written, `$$` is an escaped `$`.
 * @public
 */
export function expandEnv(text: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = text.indexOf(')', i + 2);
      if (end < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, end);
      const v = lookup(name);
      out += v ?? `$(${name})`;
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A container's environment as the kubelet composes it: the container's own `env` (literal values,
 * with `$(VAR)` expanded against the variables before it and the service variables), then every
 * service variable the container did not define itself. `valueFrom` sources and `envFrom` are the
 * kubelet's to resolve; here they appear only if `resolveValueFrom` gives a value.
 * @public
 */
export function containerEnvironment(container: Container, serviceEnv: readonly EnvVar[], resolveValueFrom?: (env: EnvVar) => string | undefined): Record<string, string> {
  const service = new Map(serviceEnv.map((e) => [e.name, e.value ?? '']));
  const env = new Map<string, string>();
  const lookup = (name: string): string | undefined => env.get(name) ?? service.get(name);
  for (const e of container.env ?? []) {
    if (e.valueFrom !== undefined) {
      const v = resolveValueFrom?.(e);
      if (v !== undefined) env.set(e.name, v);
      continue;
    }
    env.set(e.name, expandEnv(e.value ?? '', lookup));
  }
  for (const [k, v] of service) if (!env.has(k)) env.set(k, v);
  return Object.fromEntries([...env.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
