import { describe, expect, it } from 'vitest';
import { wantsAggregated } from './aggregatedDiscovery.ts';
import { negotiateEncoding } from './mediaTypes.ts';

describe('negotiateEncoding', () => {
  it('should pick the first range it can write, as kubectl orders them', () => {
    expect(negotiateEncoding('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', true)).toBe('table-v1');
    expect(negotiateEncoding('application/json;as=Table;v=v1;g=meta.k8s.io,application/json', false)).toBe('json');
    expect(negotiateEncoding('application/vnd.kubernetes.protobuf,application/json', true)).toBe('json');
    expect(negotiateEncoding(undefined, true)).toBe('json');
    expect(negotiateEncoding('application/yaml', true)).toBe('yaml');
  });

  it('should find nothing for protobuf-only and other conversions', () => {
    expect(negotiateEncoding('application/vnd.kubernetes.protobuf', true)).toBeUndefined();
    expect(negotiateEncoding('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', true)).toBeUndefined();
  });
});

describe('wantsAggregated', () => {
  it('should answer v2, then v2beta1, and legacy when plain JSON comes first', () => {
    expect(wantsAggregated('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2');
    expect(wantsAggregated('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2beta1');
    expect(wantsAggregated('application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')).toBeUndefined();
    expect(wantsAggregated(undefined)).toBeUndefined();
  });
});
