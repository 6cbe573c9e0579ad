import { describe, it, expect } from 'vitest';
import { defaultImagePullPolicy, parseImageReference } from './imagePullPolicy.ts';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('defaultImagePullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    [`nginx@${DIGEST}`, 'IfNotPresent'],
    [`nginx:latest@${DIGEST}`, 'Always'],
    [`nginx:1.25@${DIGEST}`, 'IfNotPresent'],
    ['localhost:5000/team/app', 'Always'],
    ['localhost:5000/team/app:v2', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['', 'IfNotPresent'],
    ['Nginx', 'IfNotPresent'],
  ])('should give %j the policy %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});

describe('parseImageReference', () => {
  it('should split a registry with a port from the tag', () => {
    expect(parseImageReference('localhost:5000/app:1')).toEqual({ repository: 'localhost:5000/app', tag: '1', digest: '' });
  });

  it('should refuse references that do not parse', () => {
    expect(parseImageReference('a b')).toBeUndefined();
    expect(parseImageReference('nginx@sha256:short')).toBeUndefined();
  });
});
