/**
 * What every registered collector declares for the rest of the project: a catalog that passes its
 * self-check, secrets whose variables are the ones the resolver reads, a sandbox fake, and only
 * reviewed exemptions from "every metric on the happy path".
 */
import { checkCatalog } from '../../src/catalog/check';
import { secretEnvName } from '../../src/secrets/names';
import { REGISTERED } from './collectors';

describe.each(REGISTERED)('%s', (_name, collector) => {
  it('passes the catalog self-check', () => {
    expect(checkCatalog(collector.catalog)).toEqual([]);
  });

  it('declares its secrets, each with the variable the resolver reads', () => {
    expect(collector.deploy).toBeDefined();
    const declared = collector.deploy!.secrets;
    expect(declared.map((s) => s.name)).toEqual(collector.secrets);
    for (const secret of declared) {
      expect([secret.name, secret.env]).toEqual([secret.name, secretEnvName(secret.name)]);
      expect([secret.name, secret.description.trim().length > 0]).toEqual([secret.name, true]);
    }
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
