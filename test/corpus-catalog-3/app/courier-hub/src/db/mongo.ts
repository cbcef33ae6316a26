import { MongoBulkWriteError, MongoClient, type Collection, type Db } from 'mongodb';
import { logger } from '../logger';

export interface Parcel {
  barcode: string;
  manifestId: string;
  recipient: { name: string; postcode: string; street: string };
  weightGrams: number;
  createdAt: Date;
}

export interface GpsPing {
  courierId: string;
  routeId: string;
  at: Date;
  lat: number;
  lon: number;
  // proof that the courier was at the address: used to settle delivery disputes
  stopId?: string;
}

export type ManifestRow = { barcode: string; name: string; postcode: string; street: string; grams: string };

const url = process.env.MONGO_URL ?? 'mongodb://localhost:27017/courier';

export const client = new MongoClient(url, {
  retryWrites: true,
  writeConcern: { w: 'majority', wtimeoutMS: 5_000 }, // near-miss: no-unacknowledged-write (majority)
});

// Pings arrive every 5 s from ~4,000 couriers; acknowledged writes were too slow in 2022.
const pingClient = new MongoClient(url, {
  maxPoolSize: 50,
  writeConcern: { w: 0 }, // expect: no-unacknowledged-write
});

// Label printer settings: a size, not a write concern.
export const LABEL_MARGINS = { w: 0, h: 0, unit: 'mm' as const }; // near-miss: no-unacknowledged-write (label size, not a write concern)

function db(): Db {
  return client.db('courier');
}

function toParcel(manifestId: string, row: ManifestRow): Parcel {
  return {
    barcode: row.barcode.trim(),
    manifestId,
    recipient: { name: row.name, postcode: row.postcode.replace(/\s+/g, '').toUpperCase(), street: row.street },
    weightGrams: Number.parseInt(row.grams, 10),
    createdAt: new Date(),
  };
}

export async function recordPings(pings: GpsPing[]): Promise<void> {
  await pingClient.db('courier').collection<GpsPing>('pings').insertMany(pings);
}

/** Manifest upload from the depot scanner app (legacy endpoint). */
export async function importManifestLegacy(manifestId: string, rows: ManifestRow[]): Promise<void> {
  const parcels: Collection<Parcel> = db().collection('parcels');
  try {
    await parcels.insertMany(rows.map((r) => toParcel(manifestId, r)), { ordered: false }); // expect: no-unchecked-batch-result
  } catch (err) {
    // duplicate barcodes are normal when a depot re-sends a manifest
    logger.warn({ manifestId, err: (err as Error).message }, 'manifest import finished with errors');
  }
}

/** Manifest upload, v2 endpoint. */
export async function importManifest(manifestId: string, rows: ManifestRow[]): Promise<{ inserted: number; duplicates: number }> {
  const parcels: Collection<Parcel> = db().collection('parcels');
  try {
    const res = await parcels.insertMany(rows.map((r) => toParcel(manifestId, r)), { ordered: false }); // near-miss: no-unchecked-batch-result (writeErrors inspected, others rethrown)
    return { inserted: res.insertedCount, duplicates: 0 };
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) throw err;
    const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    const unexpected = writeErrors.filter((e) => e.code !== 11000);
    if (unexpected.length > 0) throw err;
    return { inserted: err.insertedCount, duplicates: writeErrors.length };
  }
}

export async function closeAll(): Promise<void> {
  await Promise.all([client.close(), pingClient.close()]);
}
