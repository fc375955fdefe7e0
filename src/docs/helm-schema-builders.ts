/** Small builders for the JSON Schema the Helm values model is written in. */

export type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

export const str = (description: string, extra: Record<string, unknown> = {}): Schema => ({
  type: 'string',
  description,
  ...extra,
});
export const bool = (description: string): Schema => ({ type: 'boolean', description });
export const int = (description: string, minimum?: number, maximum?: number): Schema => ({
  type: 'integer',
  description,
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
export const obj = (
  description: string,
  properties: Record<string, Schema>,
  extra: Record<string, unknown> = {},
) => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});
export const stringMap = (description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string' },
});
/** A Kubernetes object the chart passes through as it is: Kubernetes validates its inside. */
export const passThrough = (description: string): Schema => ({ type: 'object', description });
