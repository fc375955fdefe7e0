// The project builds to CommonJS. Recent @octokit/* packages are ESM-only: the build loads them
// through Node's require(esm) (Node >= 20.19), and jest through its swc transform. This test
// proves the jest side; test/build.test.ts proves the built side.
import { Octokit } from '@octokit/rest';

test('imports the ESM-only @octokit/rest and builds a client with a custom base URL', () => {
  const octokit = new Octokit({ baseUrl: 'http://127.0.0.1:1' });
  expect(typeof octokit.rest.pulls.list).toBe('function');
  expect(octokit.request.endpoint.DEFAULTS.baseUrl).toBe('http://127.0.0.1:1');
});
