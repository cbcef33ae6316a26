import { Kafka, CompressionTypes, logLevel, type Producer } from 'kafkajs';

/**
 * Orderflow publishes every state change of an order to Kafka; the
 * fulfilment, invoicing and e-mail services consume it. The topic is the
 * source of truth for fulfilment: an order that never reaches it is never
 * shipped.
 */
const kafka = new Kafka({
  clientId: 'orderflow-api',
  brokers: (process.env.KAFKA_BROKERS ?? 'kafka-0:9092,kafka-1:9092,kafka-2:9092').split(','),
  logLevel: logLevel.WARN,
});

const NO_WAIT = 0;

let producer: Producer | null = null;

async function getProducer(): Promise<Producer> {
  if (!producer) {
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  }
  return producer;
}

export type OrderEvent = {
  orderId: string;
  type: 'placed' | 'paid' | 'cancelled' | 'shipped';
  at: string;
  payload: Record<string, unknown>;
};

export async function publishOrderEvent(event: OrderEvent): Promise<void> {
  const p = await getProducer();
  await p.send({
    topic: 'orders.events',
    acks: -1, // near-miss: no-unacknowledged-write (all in-sync replicas)
    compression: CompressionTypes.GZIP,
    messages: [{ key: event.orderId, value: JSON.stringify(event) }],
  });
}

/**
 * Bulk re-publish used when a merchant imports orders from a CSV or another
 * shop system. Written for throughput.
 */
export async function publishImportedOrders(events: OrderEvent[]): Promise<void> {
  const p = await getProducer();
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await p.send({
      topic: 'orders.events',
      acks: NO_WAIT, // expect: no-unacknowledged-write
      messages: chunk.map((e) => ({ key: e.orderId, value: JSON.stringify(e) })),
    });
  }
}

/** Stock reservations for several topics at once. */
export async function publishReservations(reservations: Array<{ sku: string; orderId: string; qty: number }>): Promise<void> {
  const p = await getProducer();
  await p.sendBatch({
    topicMessages: [
      {
        topic: 'inventory.reservations',
        messages: reservations.map((r) => ({ key: r.sku, value: JSON.stringify(r) })),
      },
      {
        topic: 'orders.reservations',
        messages: reservations.map((r) => ({ key: r.orderId, value: JSON.stringify(r) })),
      },
    ],
  });
}

/** Stock releases when an order is cancelled: same batch, waits for the replicas. */
export async function publishReleases(releases: Array<{ sku: string; orderId: string; qty: number }>): Promise<void> {
  const p = await getProducer();
  await p.sendBatch({
    topicMessages: [
      {
        topic: 'inventory.releases',
        messages: releases.map((r) => ({ key: r.sku, value: JSON.stringify(r) })),
      },
    ],
  });
}

/** Page-view style metrics: one broker acknowledgement is plenty. */
export async function publishCheckoutMetric(name: string, value: number): Promise<void> {
  const p = await getProducer();
  await p.send({
    topic: 'metrics.checkout',
    acks: 1, // near-miss: no-unacknowledged-write (leader acknowledgement)
    messages: [{ value: JSON.stringify({ name, value, at: Date.now() }) }],
  });
}

export async function shutdownProducer(): Promise<void> {
  await producer?.disconnect();
  producer = null;
}
