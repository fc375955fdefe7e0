/** The fake's Price List API (JSON 1.1): GetProducts over the fixture price records. */
import { priceRecords } from './prices';
import { error, type Answer, type Request } from './wire';

/** The price records, each with its JSON text (the PriceList item), built once per fake. */
export interface PriceEntry {
  readonly record: Record<string, unknown>;
  readonly text: string;
}

export const priceList = (): PriceEntry[] =>
  priceRecords().map((r) => ({ record: r, text: JSON.stringify(r) }));

export function getProducts(req: Request, prices: readonly PriceEntry[]): Answer {
  const body = req.json ?? {};
  if (body.ServiceCode !== 'AmazonEC2') {
    return error(req, 400, 'InvalidParameterException', `Unknown service code ${String(body.ServiceCode)}`);
  }
  const list = (body.Filters as { Type: string; Field: string; Value: string }[] | undefined) ?? [];
  const matches = prices.filter(({ record }) => {
    const p = record.product as { productFamily: string; attributes: Record<string, string> };
    const attrs: Record<string, string> = { ...p.attributes, productFamily: p.productFamily };
    return list.every((f) => {
      const have = (attrs[f.Field] ?? '').toLowerCase();
      const values = f.Value.split(',').map((v) => v.trim().toLowerCase());
      switch (f.Type) {
        case 'TERM_MATCH':
        case 'EQUALS':
          return have === f.Value.toLowerCase();
        case 'ANY_OF':
          return values.includes(have);
        case 'NONE_OF':
          return !values.includes(have);
        case 'CONTAINS':
          return have.includes(f.Value.toLowerCase());
        default:
          return false;
      }
    });
  });
  const max = Math.min(100, Number(body.MaxResults ?? 100) || 100);
  const start = Number(body.NextToken ?? 0) || 0;
  const slice = matches.slice(start, start + max);
  return {
    status: 200,
    body: JSON.stringify({
      FormatVersion: 'aws_v1',
      PriceList: slice.map((m) => m.text),
      ...(start + max < matches.length ? { NextToken: String(start + max) } : {}),
    }),
    headers: { 'content-type': 'application/x-amz-json-1.1' },
  };
}
