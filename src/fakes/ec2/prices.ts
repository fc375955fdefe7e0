/**
 * Price List records in AWS's real shape (`GetProducts` PriceList items: product attributes and
 * on-demand terms with iterated term and rate codes), for the types the fake serves. The amounts are
 * close to AWS's Linux on-demand prices for these regions; they are fixtures, not quotes.
 */

/** USD per hour, Linux, shared tenancy, by region and instance type. */
export const ON_DEMAND: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': {
    't3.micro': 0.0104,
    'm7i.large': 0.1008,
    'c6i.xlarge': 0.17,
    'r6i.2xlarge': 0.504,
    'g5.xlarge': 1.006,
    'g6.xlarge': 0.8048,
    'g6f.large': 0.2,
    'p4d.24xlarge': 21.9576,
    'p5.48xlarge': 55.04,
    'trn1.32xlarge': 21.5,
    'inf2.xlarge': 0.7582,
  },
  'us-west-2': {
    't3.micro': 0.0104,
    'm7i.large': 0.1008,
    'c6i.xlarge': 0.17,
    'r6i.2xlarge': 0.504,
    'g5.xlarge': 1.006,
    'g6.xlarge': 0.8048,
    'p4d.24xlarge': 21.9576,
    'trn1.32xlarge': 21.5,
  },
  'eu-west-1': {
    't3.micro': 0.0114,
    'm7i.large': 0.1176,
    'c6i.xlarge': 0.192,
    'g5.xlarge': 1.123,
    'g6.xlarge': 0.8936,
  },
  'ap-northeast-1': {
    't3.micro': 0.0136,
    'm7i.large': 0.1302,
    'c6i.xlarge': 0.214,
    'g5.xlarge': 1.459,
  },
};

/** USD per GB-month of EBS storage, by region and volume type. */
export const EBS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': { gp3: 0.08, gp2: 0.1, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 },
  'us-west-2': { gp3: 0.08, gp2: 0.1, io2: 0.125, st1: 0.045, sc1: 0.015 },
  'eu-west-1': { gp3: 0.088, gp2: 0.11, io2: 0.138 },
  'ap-northeast-1': { gp3: 0.096, gp2: 0.12 },
};

const LOCATION: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
};

/** The on-demand offer-term and hourly rate codes AWS uses; readers must not depend on them. */
const TERM = 'JRTCKXETXF';
const RATE = '6YS6EN2CT7';

function sku(...parts: string[]): string {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return `FAKE${h.toString(36).toUpperCase().padStart(8, '0')}`;
}

function record(
  attributes: Record<string, string>,
  productFamily: string,
  unit: string,
  usd: number,
  description: string,
): Record<string, unknown> {
  const id = sku(productFamily, ...Object.values(attributes));
  return {
    product: { productFamily, sku: id, attributes: { servicecode: 'AmazonEC2', ...attributes } },
    serviceCode: 'AmazonEC2',
    version: '20261120000000',
    publicationDate: '2026-11-20T00:00:00Z',
    terms: {
      OnDemand: {
        [`${id}.${TERM}`]: {
          offerTermCode: TERM,
          sku: id,
          effectiveDate: '2026-11-01T00:00:00Z',
          termAttributes: {},
          priceDimensions: {
            [`${id}.${TERM}.${RATE}`]: {
              rateCode: `${id}.${TERM}.${RATE}`,
              description,
              unit,
              beginRange: '0',
              endRange: 'Inf',
              appliesTo: [],
              pricePerUnit: { USD: usd.toFixed(10) },
            },
          },
        },
      },
    },
  };
}

/**
 * Every product the fake's Price List holds: per region and instance type the Linux SKU the collector
 * asks for, plus the SKUs its filters must leave out (Windows, dedicated, reservation capacity); per
 * region and volume type the EBS storage SKU.
 */
export function priceRecords(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [region, types] of Object.entries(ON_DEMAND)) {
    for (const [type, usd] of Object.entries(types)) {
      const base = {
        instanceType: type,
        regionCode: region,
        location: LOCATION[region] ?? region,
        locationType: 'AWS Region',
        preInstalledSw: 'NA',
        licenseModel: 'No License required',
        usagetype: `BoxUsage:${type}`,
      };
      const variant = (over: Record<string, string>, factor: number, what: string) =>
        out.push(
          record(
            {
              ...base,
              operatingSystem: 'Linux',
              tenancy: 'Shared',
              capacitystatus: 'Used',
              operation: 'RunInstances',
              ...over,
            },
            'Compute Instance',
            'Hrs',
            usd * factor,
            `$${(usd * factor).toFixed(4)} per ${what} ${type} Instance Hour`,
          ),
        );
      variant({}, 1, 'On Demand Linux');
      variant(
        { operatingSystem: 'Windows', operation: 'RunInstances:0002', licenseModel: 'No License required' },
        1.6,
        'On Demand Windows',
      );
      variant({ tenancy: 'Dedicated', usagetype: `DedicatedUsage:${type}` }, 1.1, 'Dedicated Linux');
      variant(
        { capacitystatus: 'UnusedCapacityReservation', usagetype: `UnusedBox:${type}` },
        1,
        'Unused Reservation Linux',
      );
    }
  }
  for (const [region, types] of Object.entries(EBS)) {
    for (const [volume, usd] of Object.entries(types)) {
      out.push(
        record(
          {
            regionCode: region,
            location: LOCATION[region] ?? region,
            locationType: 'AWS Region',
            volumeApiName: volume,
            usagetype: `EBS:VolumeUsage.${volume}`,
            operation: '',
          },
          'Storage',
          'GB-Mo',
          usd,
          `$${usd} per GB-month of ${volume} provisioned storage`,
        ),
      );
    }
  }
  return out;
}
