/** The pull policies a container can have. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

// A repository path component is lowercase (distribution/reference); anything else fails to parse
// upstream, and a reference that fails to parse gets IfNotPresent (the tag is then unknown).
const repositoryRe = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const domainRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** The parts of an image reference (`registry/repo:tag@digest`), or undefined when it does not parse. */
export interface ImageReference {
  readonly repository: string;
  /** Empty when absent. */
  readonly tag: string;
  /** Empty when absent. */
  readonly digest: string;
}

/** Parses an image reference like the kubelet's `parsers.ParseImageName` (before its `latest` default). */
export function parseImageReference(image: string): ImageReference | undefined {
  if (image === '' || /\s/.test(image)) return undefined;
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return undefined;
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) return undefined;
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  // As in docker's normalisation, the first component is a registry only if it looks like a host.
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  if (hasDomain && !domainRe.test(first)) return undefined;
  const path = hasDomain ? rest.slice(slash + 1) : rest;
  if (!repositoryRe.test(path)) return undefined;
  return { repository: rest, tag, digest };
}

/**
 * The `imagePullPolicy` kube-apiserver defaults a container to (`SetDefaults_Container`): `Always` when the
 * tag is `latest` or there is neither tag nor digest, else `IfNotPresent` (also for unparseable images).
 */
export function defaultImagePullPolicy(image: string): PullPolicy {
  const ref = parseImageReference(image);
  if (ref === undefined) return 'IfNotPresent';
  const tag = ref.tag === '' && ref.digest === '' ? 'latest' : ref.tag;
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}
