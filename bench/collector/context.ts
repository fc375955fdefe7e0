/**
 * A unit's context for the benches: the kit's (src/collectors/kit/unit-context.ts), keeping only
 * warnings and errors, so a bench can show what a unit complained about (see `warningsOf`).
 */
import { unitContext as kitUnitContext, type UnitContextInput } from '../../src/collectors/kit/unit-context';

export type UnitContext<S> = ReturnType<typeof kitUnitContext<S>>;

export function unitContext<S>(unit: Omit<UnitContextInput<S>, 'logLevel'>): UnitContext<S> {
  return kitUnitContext({ ...unit, logLevel: 'warn' });
}

/** What the unit logged, as `level: message` lines. */
export function warningsOf(ctx: UnitContext<unknown>): string[] {
  return ctx.log.lines.map((l) => {
    const { level, msg } = JSON.parse(l) as { level: string; msg: string };
    return `${level}: ${msg}`;
  });
}
