import { parseImageRef } from './imageRef.ts';

/** 64 hex characters from `text` (FNV-1a over eight seeds): stable, never random. */
export function hex64(text: string): string {
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** `containerd://<64 hex>` for one instance of one container of a pod sandbox. */
export function containerIdOf(runtimeId: string, container: string, restartCount: number): string {
  return `containerd://${hex64(`${runtimeId}/${container}/${restartCount}`)}`;
}

/** `docker.io/library/nginx@sha256:<hex>`: the pulled image's digest reference (from the name; stable). */
export function imageIdOf(image: string): string {
  const ref = parseImageRef(image);
  return `${ref.repository}@${ref.digest ?? `sha256:${hex64(ref.full)}`}`;
}
