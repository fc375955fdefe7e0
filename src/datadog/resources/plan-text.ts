/** A plan as an operator reads it: one line per change, then the counts. */
import { describeChanges } from './compare';
import { label } from './apply';
import { summarize, type Plan, type PlanItem } from './plan';

const SIGN: Readonly<Record<string, string>> = { create: '+', update: '~', delete: '-', stale: '!' };

function line(item: PlanItem): string {
  const id = item.id !== undefined ? ` (${item.id})` : '';
  switch (item.action) {
    case 'update':
      return `~ ${label(item)}${id}: ${describeChanges(item.changes ?? [])}`;
    case 'delete':
      return `- ${label(item)}${id}: ${item.reason ?? 'delete'}`;
    case 'stale':
      return `! ${label(item)}${id}: ${item.reason ?? 'stale'}; --prune deletes it`;
    default:
      return `${SIGN[item.action] ?? ' '} ${label(item)}`;
  }
}

/** The changes (creates, updates, deletes, stale objects), then one line of counts. */
export function formatPlan(plan: Plan): string {
  const lines = plan.items.filter((i) => i.action in SIGN).map(line);
  const c = summarize(plan);
  const waits =
    c.waits > 0
      ? `; metadata of ${c.waits} metric(s) waits for data (set by the first apply after their first points)`
      : '';
  const stale = c.stale > 0 ? `, ${c.stale} stale` : '';
  lines.push(
    `Plan for deployment ${plan.deployment}: ${c.create} to create, ${c.update} to update, ` +
      `${c.delete} to delete, ${c.unchanged} unchanged${stale}${waits}.`,
  );
  return lines.join('\n');
}
