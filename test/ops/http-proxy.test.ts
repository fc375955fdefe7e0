/**
 * Which proxy settings the process takes from its environment (the routing itself is proven by a real
 * worker process in proxy.test.ts: jest's sandbox has its own globals, so the dispatcher installed
 * here would not reach Node's fetch).
 */
import { proxySettings } from '../../src/util/http-proxy';

test('proxy variables: lower case first, NO_PROXY only alongside a proxy', () => {
  expect(proxySettings({})).toBeUndefined();
  expect(proxySettings({ NO_PROXY: 'example.com' })).toBeUndefined();
  expect(
    proxySettings({ HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', NO_PROXY: '.svc' }),
  ).toEqual({ httpsProxy: 'http://lower:3128', noProxy: '.svc' });
  expect(proxySettings({ HTTP_PROXY: 'http://p:3128', https_proxy: '' })).toEqual({
    httpProxy: 'http://p:3128',
  });
});
