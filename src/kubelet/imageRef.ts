/** An image reference split the way containerd reads it. */
export interface ImageRef {
  /** `docker.io/library/nginx` */
  readonly repository: string;
  /** `1.27`, `latest` when neither tag nor digest was given, `undefined` with a digest only. */
  readonly tag: string | undefined;
  /** `sha256:…` when the reference pins a digest. */
  readonly digest: string | undefined;
  /** `docker.io/library/nginx:1.27` (or `…@sha256:…`). */
  readonly full: string;
}

/**
 * Parses an image reference with Docker Hub's defaults (`nginx` → `docker.io/library/nginx:latest`,
 * `luksa/kubia` → `docker.io/luksa/kubia:latest`, `registry.k8s.io/pause:3.9` unchanged).
 */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && slash < 0) repository = `docker.io/library/${rest}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  const full = `${repository}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { repository, tag, digest, full };
}

/**
 * Whether `pattern` names `image`: a pattern with a tag or digest must match exactly; one without
 * (`nginx`, `docker.io/library/nginx`) matches every tag of that repository.
 */
export function imageMatches(pattern: string, image: string): boolean {
  const p = parseImageRef(pattern);
  const i = parseImageRef(image);
  if (p.repository !== i.repository) return false;
  const bare = !/[:@]/.test(pattern.slice(pattern.lastIndexOf('/') + 1));
  return bare || p.full === i.full;
}

/** The pull policy the API server defaults to: `Always` for `:latest` or untagged images, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const ref = parseImageRef(image);
  return ref.digest === undefined && ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
