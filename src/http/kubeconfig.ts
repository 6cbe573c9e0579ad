import { stringify } from 'yaml';

/** What a kubeconfig for one API server says. */
export interface KubeconfigOptions {
  readonly server: string;
  readonly token: string;
  /** PEM of the server's CA (omitted for plain HTTP). */
  readonly certificateAuthority?: string | undefined;
  /** Name of the cluster, user and context (default `kubeactors`). */
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * A kubeconfig (YAML) with one cluster, one user holding the bearer token, and one context, set as
 * the current context: `KUBECONFIG=<file> kubectl get pods` works as is.
 */
export function kubeconfigYaml(o: KubeconfigOptions): string {
  const name = o.name ?? 'kubeactors';
  const cluster: Record<string, string> = { server: o.server };
  if (o.certificateAuthority !== undefined) cluster['certificate-authority-data'] = Buffer.from(o.certificateAuthority).toString('base64');
  return stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster }],
      users: [{ name: `${name}-admin`, user: { token: o.token } }],
      contexts: [{ name, context: { cluster: name, user: `${name}-admin`, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}) } }],
      'current-context': name,
      preferences: {},
    },
    { lineWidth: 0 },
  );
}
