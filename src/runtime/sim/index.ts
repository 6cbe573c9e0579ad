export type { Clock, TimerId } from './clock.ts';
export { VirtualClock, DEFAULT_VIRTUAL_EPOCH_MS } from './virtualClock.ts';
export { RealClock } from './realClock.ts';
export type { Rng } from './rng.ts';
export { createRng } from './rng.ts';
export type { IdSource } from './ids.ts';
export { createIdSource, GENERATE_NAME_ALPHABET } from './ids.ts';
