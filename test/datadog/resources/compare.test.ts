/**
 * The normalized comparison plan makes: what Datadog adds is no change, what differs is named by its
 * path in the API's field names. Bodies in wire form, written by hand.
 */
import { describeChanges, differences } from '../../../src/datadog/resources/compare';

const monitor = {
  name: '[prod] github: repeated errors',
  type: 'query alert',
  query: 'min(last_45m):sum:collector.github.error_count{env:prod} > 5',
  message: 'Every cycle failed.',
  tags: ['managed-by:datadog-collectors', 'deployment:prod', 'monitor:github.repeated-errors'],
  options: { thresholds: { critical: 5 }, include_tags: true, require_full_window: false },
};

/** What Datadog answers for `monitor`: ids, times, states, and the options it fills in. */
const stored = {
  ...monitor,
  id: 48000001,
  created: '2026-01-05T09:00:00.000000+00:00',
  modified: '2026-01-05T09:00:00.000000+00:00',
  creator: { handle: 'collectors@example.com' },
  org_id: 321001,
  overall_state: 'No Data',
  multi: false,
  priority: null,
  restricted_roles: null,
  tags: [...monitor.tags].reverse(),
  options: {
    ...monitor.options,
    notify_audit: false,
    new_host_delay: 300,
    notify_no_data: false,
    renotify_interval: 0,
    escalation_message: '',
    silenced: {},
  },
};

test('a monitor as Datadog stores it is no change: server fields, filled-in defaults, tag order', () => {
  expect(differences('monitor', monitor, stored)).toEqual([]);
});

test('a monitor changed by hand: each field by its path, what only Datadog has as going', () => {
  const edited = {
    ...stored,
    query: stored.query.replace('> 5', '> 9'),
    priority: 2,
    options: { ...stored.options, thresholds: { critical: 9 }, renotify_interval: 60 },
  };
  const changes = differences('monitor', monitor, edited);
  expect(changes).toEqual([
    { path: 'query', from: edited.query, to: monitor.query },
    { path: 'options.thresholds.critical', from: 9, to: 5 },
    { path: 'options.renotify_interval', from: 60, to: undefined },
    { path: 'priority', from: 2, to: undefined },
  ]);
  expect(describeChanges(changes, 2)).toBe(
    'query: "min(last_45m):sum:collector.github.error_count{env:prod} > 9" → ' +
      '"min(last_45m):sum:collector.github.error_count{env:prod} > 5"; options.thresholds.critical: 9 → 5; 2 more',
  );
});

const dashboard = {
  title: '[prod] Collector: github',
  description: 'managed-by:datadog-collectors deployment:prod dashboard:github\n\nGitHub.',
  layout_type: 'ordered',
  widgets: [
    {
      definition: {
        type: 'group',
        title: 'pulls',
        widgets: [{ definition: { type: 'query_value', title: 'github.prs.open', requests: [{ q: 'a' }] } }],
      },
    },
  ],
};

test("a dashboard as Datadog stores it is no change: ids, url, times, and its widgets' own settings", () => {
  const storedDashboard = {
    ...dashboard,
    id: 'abc-def-ghi',
    url: '/dashboard/abc-def-ghi/prod-collector-github',
    created_at: '2026-01-05T09:00:00.000000+00:00',
    author_handle: 'collectors@example.com',
    is_read_only: false,
    notify_list: null,
    widgets: [
      {
        id: 1,
        definition: {
          ...dashboard.widgets[0]!.definition,
          layout_type: 'ordered',
          widgets: [
            {
              id: 2,
              definition: { ...dashboard.widgets[0]!.definition.widgets[0]!.definition, autoscale: true },
            },
          ],
        },
      },
    ],
  };
  expect(differences('dashboard', dashboard, storedDashboard)).toEqual([]);

  const retitled = structuredClone(storedDashboard);
  retitled.widgets[0]!.definition.widgets[0]!.definition.title = 'open PRs';
  expect(differences('dashboard', dashboard, { ...retitled, notify_list: ['ops@example.com'] })).toEqual([
    { path: 'widgets[0].definition.widgets[0].definition.title', from: 'open PRs', to: 'github.prs.open' },
    { path: 'notify_list', from: ['ops@example.com'], to: undefined },
  ]);

  const fewer = { ...storedDashboard, widgets: [] };
  expect(describeChanges(differences('dashboard', dashboard, fewer))).toBe('widgets: [] → 1 item');
});
