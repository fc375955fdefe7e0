/** The fixture's slot: every time in it is written for ANCHOR, and the tests collect at AS_OF = ANCHOR. */
export const ANCHOR = '2025-06-15T12:00:00Z';
export const AS_OF = new Date(ANCHOR);

/** `06-10T12:00` → `2025-06-10T12:00:00Z`. */
export const d = (dayTime: string) => `2025-${dayTime}:00Z`;
