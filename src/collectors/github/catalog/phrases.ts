/** Window phrases shared by the descriptions, so every metric says its window the same way. */
export const W = 'in W = (asOf − 7 d, asOf]';
export const NOW = 'at asOf';
