/**
 * On-demand and EBS prices from the AWS Price List API (`GetProducts`), kept a day in the worker's
 * memory per pricing endpoint, region and product (instance type or volume type). One call (a page
 * per 100 products) asks for every product of a region not yet known: `ANY_OF` on the type. A refresh
 * that fails keeps the last good price; a product AWS does not list is remembered as unknown.
 *
 * The JS SDK returns `PriceList` items as `String` objects, not primitives: they are read with
 * `String(item)`, never tested with `typeof item === 'string'`.
 */
import { GetProductsCommand, type Filter, type GetProductsCommandOutput } from '@aws-sdk/client-pricing';
import type { Logger } from '../../log';
import type { AwsClients } from './aws';

export const PRICE_TTL_MS = 24 * 3_600_000;

/** What is priced: an instance type (USD per hour) or an EBS volume type (USD per GB-month). */
export type ProductKind = 'instance' | 'volume';

interface Entry {
  /** USD per unit, or undefined when AWS lists no such product. */
  readonly price: number | undefined;
  readonly fetchedAt: number;
}

const cache = new Map<string, Entry>();

/** Forgets every price (tests). */
export function forgetPrices(): void {
  cache.clear();
}

const keyOf = (clients: AwsClients, kind: ProductKind, region: string, product: string) =>
  `${clients.pricingRegion}|${clients.account.endpoints?.pricing ?? ''}|${kind}|${region}|${product}`;

const FILTERS: Record<ProductKind, (region: string) => Filter[]> = {
  // The region itself: Local Zones, Wavelength Zones and Outposts have prices of their own.
  instance: (region) => [
    { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
    { Type: 'TERM_MATCH', Field: 'locationType', Value: 'AWS Region' },
    { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
    { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
    { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
    { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
    { Type: 'TERM_MATCH', Field: 'licenseModel', Value: 'No License required' },
  ],
  volume: (region) => [
    { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
    { Type: 'TERM_MATCH', Field: 'locationType', Value: 'AWS Region' },
    { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Storage' },
  ],
};
const PRODUCT_FIELD: Record<ProductKind, string> = { instance: 'instanceType', volume: 'volumeApiName' };
const UNIT: Record<ProductKind, string> = { instance: 'Hrs', volume: 'GB-Mo' };

/**
 * Prices of `products` in `region`, by product; a product without a price is absent from the map.
 * Calls GetProducts only for products not priced in the last day.
 */
export async function pricesOf(
  clients: AwsClients,
  kind: ProductKind,
  region: string,
  products: readonly string[],
  now: number,
  log: Logger,
): Promise<Map<string, number>> {
  const stale = [...new Set(products)].filter((p) => {
    const entry = cache.get(keyOf(clients, kind, region, p));
    return !entry || now - entry.fetchedAt >= PRICE_TTL_MS;
  });
  if (stale.length) {
    try {
      const found = await readPrices(clients, kind, region, stale, log);
      for (const p of stale)
        cache.set(keyOf(clients, kind, region, p), { price: found.get(p), fetchedAt: now });
      const missing = stale.filter((p) => !found.has(p));
      if (missing.length)
        log.warn('AWS lists no price for these products', { kind, region, products: missing });
    } catch (err) {
      // The last good prices stand in; without any, the unit fails and is retried.
      const known = stale.filter((p) => cache.has(keyOf(clients, kind, region, p)));
      if (known.length < stale.length) throw err;
      log.warn('AWS prices could not be refreshed; the last good ones are used', {
        kind,
        region,
        error: (err as Error).message,
      });
    }
  }
  const out = new Map<string, number>();
  for (const p of products) {
    const price = cache.get(keyOf(clients, kind, region, p))?.price;
    if (price !== undefined) out.set(p, price);
  }
  return out;
}

async function readPrices(
  clients: AwsClients,
  kind: ProductKind,
  region: string,
  products: readonly string[],
  log: Logger,
): Promise<Map<string, number>> {
  const candidates = new Map<string, Set<number>>();
  let token: string | undefined;
  do {
    const out: GetProductsCommandOutput = await clients.send(
      (o) =>
        clients.pricing.send(
          new GetProductsCommand({
            ServiceCode: 'AmazonEC2',
            FormatVersion: 'aws_v1',
            Filters: [
              ...FILTERS[kind](region),
              { Type: 'ANY_OF', Field: PRODUCT_FIELD[kind], Value: products.join(',') },
            ],
            MaxResults: 100,
            ...(token ? { NextToken: token } : {}),
          }),
          o,
        ),
      'pricing:GetProducts',
    );
    for (const item of out.PriceList ?? []) {
      const parsed = parsePriceItem(String(item), kind);
      if (!parsed) continue;
      const set = candidates.get(parsed.product) ?? new Set<number>();
      set.add(parsed.price);
      candidates.set(parsed.product, set);
    }
    token = out.NextToken;
  } while (token);
  const prices = new Map<string, number>();
  for (const [product, set] of candidates) {
    // Several SKUs with different prices for the same filters: no single price is true.
    if (set.size === 1) prices.set(product, [...set][0]!);
    else
      log.warn('AWS lists several prices for one product; left unpriced', {
        kind,
        region,
        product,
        prices: [...set],
      });
  }
  return prices;
}

interface PriceItem {
  readonly product?: { readonly attributes?: Record<string, string | undefined> };
  readonly terms?: {
    readonly OnDemand?: Record<
      string,
      { readonly priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
    >;
  };
}

/**
 * The product and its on-demand USD price per unit (hour, GB-month) from one PriceList item, or
 * undefined when it has none. Term and rate codes are iterated, never assumed.
 */
export function parsePriceItem(
  text: string,
  kind: ProductKind,
): { product: string; price: number } | undefined {
  let item: PriceItem;
  try {
    item = JSON.parse(text) as PriceItem;
  } catch {
    return undefined;
  }
  const attributes = item.product?.attributes ?? {};
  const product = attributes[PRODUCT_FIELD[kind]];
  // Instances: only the plain RunInstances SKU (Linux, no SQL, no reservation).
  if (!product || (kind === 'instance' && attributes.operation && attributes.operation !== 'RunInstances'))
    return undefined;
  const prices: number[] = [];
  for (const term of Object.values(item.terms?.OnDemand ?? {})) {
    for (const dim of Object.values(term.priceDimensions ?? {})) {
      const usd = Number(dim.pricePerUnit?.USD);
      if (dim.unit === UNIT[kind] && dim.pricePerUnit?.USD !== undefined && Number.isFinite(usd) && usd >= 0)
        prices.push(usd);
    }
  }
  // A tiered storage price (rare) has several dimensions: left unpriced rather than guessed.
  return prices.length === 1 ? { product, price: prices[0]! } : undefined;
}
