/** One entry of an `Accept` header: `type/subtype` with its parameters (lower-cased names). */
export interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses an `Accept` (or `Content-Type`) header into media ranges, in the order given. */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    return { type: type.toLowerCase(), params };
  });
}

/** The media type of a `Content-Type` header, without parameters (`application/json`). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** How an ordinary (non-discovery) response is encoded. */
export type ResponseEncoding = 'json' | 'yaml' | 'table-v1' | 'table-v1beta1';

function plainJson(m: MediaRange): boolean {
  return (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') && m.params['as'] === undefined;
}

/**
 * Chooses the encoding of a response from `Accept`, as kube-apiserver negotiates: the first acceptable
 * range wins. `as=Table` is honoured when `table` is allowed (reads). Protobuf, CBOR and other
 * conversions (`as=PartialObjectMetadata`) are not served, so a client that accepts nothing else gets 406.
 */
export function negotiateEncoding(accept: string | undefined, table: boolean): ResponseEncoding | undefined {
  for (const m of parseMediaRanges(accept)) {
    if (m.type === 'application/json' && m.params['as'] === 'Table' && m.params['g'] === 'meta.k8s.io') {
      if (!table) continue;
      if (m.params['v'] === 'v1') return 'table-v1';
      if (m.params['v'] === 'v1beta1') return 'table-v1beta1';
      continue;
    }
    if (plainJson(m)) return 'json';
    if (m.type === 'application/yaml' && m.params['as'] === undefined) return 'yaml';
  }
  return undefined;
}
