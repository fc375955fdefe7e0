/** Turns an activity or child failure into one readable line for results and logs. */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  TimeoutFailure,
} from '@temporalio/workflow';

export function describeFailure(err: unknown): string {
  const cause = err instanceof ActivityFailure || err instanceof ChildWorkflowFailure ? err.cause : err;
  if (cause instanceof TimeoutFailure) return `timed out (${timeoutName(cause.timeoutType)})`;
  if (cause instanceof ApplicationFailure) return cause.message;
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

/**
 * The activity never started: no worker took it from its queue within its schedule-to-start timeout
 * (a replica's own queue whose replica is gone). The server does not retry it.
 */
export function notStarted(err: unknown): boolean {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof TimeoutFailure)) return false;
  const type: unknown = err.cause.timeoutType;
  return type === 'SCHEDULE_TO_START' || type === 2;
}

function timeoutName(type: unknown): string {
  // TimeoutType is a numeric enum in the workflow sandbox; name the usual ones.
  switch (type) {
    case 1:
    case 'START_TO_CLOSE':
      return 'start-to-close timeout';
    case 2:
    case 'SCHEDULE_TO_START':
      return 'schedule-to-start timeout';
    case 3:
    case 'SCHEDULE_TO_CLOSE':
      return 'schedule-to-close timeout';
    case 4:
    case 'HEARTBEAT':
      return 'heartbeat timeout';
    default:
      return String(type);
  }
}
