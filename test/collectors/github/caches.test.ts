import { BoundedCache } from '../../../src/collectors/github/client/caches';

describe('BoundedCache', () => {
  it('evicts the least recently used entries once over its byte budget', () => {
    // Each entry: 2 × (key 1 + JSON "xxxxxxxx" 10) = 22 bytes; 50 bytes hold two.
    const cache = new BoundedCache<string>(50);
    cache.set('a', 'xxxxxxxx');
    cache.set('b', 'xxxxxxxx');
    expect(cache.get('a')).toBe('xxxxxxxx'); // a is now the most recent
    cache.set('c', 'xxxxxxxx');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['xxxxxxxx', undefined, 'xxxxxxxx']);
    expect(cache.size).toEqual({ entries: 2, bytes: 44 });
  });

  it('replaces an entry in place and refuses one larger than the whole budget', () => {
    const cache = new BoundedCache<string>(50);
    cache.set('a', 'x');
    cache.set('a', 'yy');
    expect(cache.size).toEqual({ entries: 1, bytes: 2 * (1 + 4) });
    cache.set('big', 'z'.repeat(100));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('a')).toBe('yy');
  });
});
