import mongoose, { Schema, model, type InferSchemaType } from 'mongoose';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { logger } from '../logger';

const scanEventSchema = new Schema(
  {
    barcode: { type: String, required: true, index: true },
    depotId: { type: String, required: true },
    kind: { type: String, enum: ['inbound', 'sorted', 'loaded', 'out-for-delivery', 'delivered', 'returned'], required: true },
    scannerId: String,
    at: { type: Date, required: true },
  },
  {
    timestamps: true,
    writeConcern: { w: 1, j: false }, // expect: no-unacknowledged-write
  },
);
scanEventSchema.index({ barcode: 1, kind: 1, at: 1 }, { unique: true });

const proofOfDeliverySchema = new Schema(
  {
    barcode: { type: String, required: true, unique: true },
    courierId: { type: String, required: true },
    signatureUrl: String,
    photoUrl: String,
    lat: Number,
    lon: Number,
    at: { type: Date, required: true },
  },
  {
    timestamps: true,
    writeConcern: { w: 'majority', j: true }, // near-miss: no-unacknowledged-write (majority, journaled)
  },
);

export type ScanEvent = InferSchemaType<typeof scanEventSchema>;
export type ProofOfDelivery = InferSchemaType<typeof proofOfDeliverySchema>;

export const ScanEventModel = model('ScanEvent', scanEventSchema);
export const ProofOfDeliveryModel = model('ProofOfDelivery', proofOfDeliverySchema);

const kafka = new Kafka({
  clientId: 'courier-hub',
  brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
  logLevel: logLevel.WARN,
});
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

export async function connect(): Promise<void> {
  await mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/courier', { autoIndex: false });
  await producer.connect();
}

/** Scanner batches arrive every few seconds; scanners retry, so duplicates are expected. */
export async function recordScans(scans: ScanEvent[]): Promise<void> {
  try {
    await ScanEventModel.insertMany(scans, { ordered: false }); // expect: no-unchecked-batch-result
  } catch (err: any) {
    if (err?.code === 11000) return;
    logger.error({ err: err?.message, count: scans.length }, 'scan batch had failures');
  }
}

/** Proof of delivery from the courier app; retries produce duplicates too. */
export async function recordDeliveries(pods: ProofOfDelivery[]): Promise<number> {
  try {
    const inserted = await ProofOfDeliveryModel.insertMany(pods, { ordered: false }); // near-miss: no-unchecked-batch-result (writeErrors filtered, the rest rethrown)
    return inserted.length;
  } catch (err: any) {
    const writeErrors: Array<{ code?: number; err?: { code?: number } }> = err?.writeErrors ?? [];
    const real = writeErrors.filter((e) => (e.code ?? e.err?.code) !== 11000);
    if (writeErrors.length === 0 || real.length > 0) throw err;
    return err.insertedDocs?.length ?? pods.length - writeErrors.length;
  }
}

/** Status changes fan out to the customer notification service and billing. */
export async function publishStatusChanges(changes: Array<{ barcode: string; status: string; at: Date }>): Promise<void> {
  await producer.sendBatch({
    acks: 0, // expect: no-unacknowledged-write
    compression: CompressionTypes.GZIP,
    topicMessages: [
      {
        topic: 'parcel.status',
        messages: changes.map((c) => ({ key: c.barcode, value: JSON.stringify(c) })),
      },
    ],
  });
}

export async function publishDeliveryConfirmed(pod: ProofOfDelivery): Promise<void> {
  await producer.send({
    topic: 'parcel.delivered',
    acks: -1, // near-miss: no-unacknowledged-write (all in-sync replicas)
    compression: CompressionTypes.GZIP,
    messages: [{ key: pod.barcode, value: JSON.stringify(pod) }],
  });
}

/** Dashboard heat map; a lost sample is redrawn 5 s later. */
export async function publishDepotLoad(depotId: string, parcelsPerMinute: number): Promise<void> {
  await producer.send({
    topic: 'depot.load',
    acks: 1, // near-miss: no-unacknowledged-write (leader acknowledgement)
    messages: [{ key: depotId, value: JSON.stringify({ depotId, parcelsPerMinute, at: Date.now() }) }],
  });
}
