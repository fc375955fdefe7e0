/**
 * What every registered collector declares for the rest of the project: a catalog that passes its
 * self-check, secrets each with a variable of its own, a sandbox fake, and only
 * reviewed exemptions from "every metric on the happy path".
 */
import { checkCatalog } from '../../src/catalog/check';
import { deploymentSecrets } from '../../src/collectors/secrets';
import { registry } from '../../src/collectors/registry';
import { REGISTERED } from './collectors';

describe.each(REGISTERED)('%s', (_name, collector) => {
  it('passes the catalog self-check', () => {
    expect(checkCatalog(collector.catalog)).toEqual([]);
  });

  it('declares its secrets, each with a variable of its own and a description', () => {
    expect(collector.deploy).toBeDefined();
    const declared = collector.deploy!.secrets;
    expect(declared.map((s) => s.name)).toEqual(collector.secrets);
    // A variable another secret of the deployment also uses would set both (the harness's happy
    // path proves the resolver reads each declared variable).
    const others = deploymentSecrets(registry).filter((s) => !declared.includes(s));
    for (const secret of declared) {
      expect([secret.name, secret.env]).toEqual([secret.name, expect.stringMatching(/^[A-Z][A-Z0-9_]*$/)]);
      expect(others.filter((o) => o.env === secret.env || o.name === secret.name)).toEqual([]);
      expect([secret.name, secret.description.trim().length > 0]).toEqual([secret.name, true]);
    }
  });

  it('computes roll-ups exactly when its catalog declares roll-up metrics', () => {
    expect(collector.rollup !== undefined).toBe(collector.catalog.rollup !== undefined);
  });

  it('declares a sandbox fake', () => {
    expect(collector.sandbox?.service).toEqual(expect.any(String));
  });

  it('exempts from the happy path only declared metrics documented "absent when …", each with a reason', () => {
    for (const [metric, why] of Object.entries(collector.sandbox?.absentOnHappyPath ?? {})) {
      const def = collector.catalog.metrics.find((m) => m.name === metric);
      expect([metric, def?.description]).toEqual([metric, expect.stringMatching(/absent when/i)]);
      expect([metric, why.trim().length > 0]).toEqual([metric, true]);
    }
  });
});
