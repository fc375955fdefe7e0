/** `collectors.wandb`: defaults, what is refused and why, `--project` flags, and the target list. */
import { planContext } from '../../../src/collectors/kit/unit-context';
import { PermanentError } from '../../../src/errors';
import { wandbCollector } from '../../../src/collectors/wandb';
import { settingsFromFlags, settingsSchema } from '../../../src/collectors/wandb/settings';
import { startFakeWandb, type FakeWandb } from '../../../src/fakes/wandb';
import { API_KEY, DATASET, secretsStub } from './fixture';

const issues = (input: unknown) => {
  const result = settingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('settings', () => {
  it('defaults: 100 a page, 30 s a request, accuracy (max) and loss (min)', () => {
    expect(settingsSchema.parse({ targets: [{ entity: 'acme', projects: ['p'] }] }).options).toEqual({
      pageSize: 100,
      requestTimeout: '30s',
      bestMetrics: [
        { key: 'accuracy', goal: 'max' },
        { key: 'loss', goal: 'min' },
      ],
    });
  });

  it('refuses what it cannot do, saying where', () => {
    expect(issues({ targets: [] })).toEqual([
      'targets: list at least one entity: [{ entity: my-team, projects: [my-project] }]',
    ]);
    expect(issues({ targets: [{ entity: 'acme', projects: ['p'], include: ['x*'] }] })).toEqual([
      'targets.0: list projects, or filter every project of the entity with include/exclude, not both',
    ]);
    expect(issues({ targets: [{ entity: 'acme/p' }] })).toEqual([
      'targets.0.entity: must be a W&B entity name (letters, digits, - _ .)',
    ]);
    expect(
      issues({
        targets: [{ entity: 'acme' }],
        options: {
          pageSize: 500,
          bestMetrics: [
            { key: 'Acc', goal: 'max' },
            { key: 'acc', goal: 'min' },
          ],
        },
      }),
    ).toEqual([
      'options.pageSize: Too big: expected number to be <=100',
      'options.bestMetrics: each summary key once (keys are compared in lower case, as tags)',
    ]);
    expect(
      issues({ targets: [{ entity: 'acme' }], options: { bestMetrics: [{ key: 'a b', goal: 'max' }] } }),
    ).toEqual([
      'options.bestMetrics.0.key: must be a summary key of letters, digits and _ - . / : (it becomes the tag key:<key>)',
    ]);
  });

  it('--project entity/name (repeatable) groups the projects by entity', () => {
    const input = settingsFromFlags({ project: ['acme/a', 'acme/b', 'lab/c'] });
    expect(settingsSchema.parse(input).targets).toEqual([
      { entity: 'acme', projects: ['a', 'b'] },
      { entity: 'lab', projects: ['c'] },
    ]);
    expect(issues(settingsFromFlags({ project: ['acme'] }))).toEqual([
      'targets.0.projects.0: must be a W&B project name (letters, digits, - _ .)',
    ]);
  });
});

describe('targets', () => {
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.requests.splice(0));

  const targets = (targetList: unknown[]) =>
    wandbCollector.targets(
      planContext({
        settings: settingsSchema.parse({ targets: targetList, options: { baseUrl: fake.url } }),
        secrets: secretsStub({ 'wandb/api-key': API_KEY }),
      }),
    );

  it('lists projects as written, without a request; ids entity/project, tags entity and project', async () => {
    expect(await targets([{ entity: 'acme-ml', projects: ['llm', 'gone'] }])).toEqual([
      { id: 'acme-ml/gone', tags: { entity: 'acme-ml', project: 'gone' } },
      { id: 'acme-ml/llm', tags: { entity: 'acme-ml', project: 'llm' } },
    ]);
    expect(fake.requests).toHaveLength(0);
  });

  it('expands an entity into its projects that pass the globs (case-insensitive)', async () => {
    expect(
      (await targets([{ entity: 'acme-ml', exclude: ['*-SCRATCH'] }, { entity: 'other-team' }])).map(
        (t) => t.id,
      ),
    ).toEqual(['acme-ml/empty', 'acme-ml/llm', 'other-team/vision']);
    expect(fake.requests.map((r) => r.operation)).toEqual(['CollectorProjects', 'CollectorProjects']);
    expect((await targets([{ entity: 'acme-ml', include: ['llm*'] }])).map((t) => t.id)).toEqual([
      'acme-ml/llm',
      'acme-ml/llm-scratch',
    ]);
  });

  it('an unknown entity fails the plan, naming it', async () => {
    await expect(targets([{ entity: 'nobody' }])).rejects.toThrow(
      new PermanentError(
        "W&B entity nobody does not exist or the API key's user cannot see its projects",
        'check the entity under collectors.wandb.targets, or give the key’s user access to it',
      ),
    );
  });
});

describe('probe', () => {
  it('says whose key it is', async () => {
    const fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY });
    try {
      const line = await wandbCollector.probe(
        planContext({
          settings: settingsSchema.parse({
            targets: [{ entity: 'acme-ml' }],
            options: { baseUrl: fake.url },
          }),
          secrets: secretsStub({ 'wandb/api-key': API_KEY }),
        }),
      );
      expect(line).toBe(`W&B at ${fake.url}: the key belongs to collector-bot (default entity acme-ml)`);
    } finally {
      await fake.close();
    }
  });
});
