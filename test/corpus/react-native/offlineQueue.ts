/**
 * Offline mutation queue: actions taken without connectivity are appended to
 * AsyncStorage and replayed when NetInfo reports the device is back online.
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo, { type NetInfoState } from '@react-native-community/netinfo';

export interface QueuedMutation {
  id: string;
  path: string;
  method: 'POST' | 'PATCH';
  body: unknown;
  queuedAt: number;
}

const QUEUE_KEY = 'offline-queue';
const API = 'https://api.fieldnotes.app/v1';
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readQueue(): Promise<QueuedMutation[]> {
  const raw = await AsyncStorage.getItem(QUEUE_KEY);
  return raw ? (JSON.parse(raw) as QueuedMutation[]) : [];
}

export async function enqueue(mutation: QueuedMutation): Promise<void> {
  const queue = await readQueue();
  queue.push(mutation);
  await AsyncStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
}

async function pushQueue(queue: QueuedMutation[]): Promise<void> {
  for (const m of queue) {
    try {
      const res = await fetch(API + m.path, { method: m.method, headers: JSON_HEADERS, body: JSON.stringify(m.body) }); // near-miss: no-unchecked-upload-response
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch { // expect: no-swallowed-write-error
      // offline again, it will go out next time
    }
  }
}

export async function replayQueue(): Promise<void> {
  const queue = await readQueue();
  if (queue.length === 0) return;
  await pushQueue(queue);
  await AsyncStorage.removeItem(QUEUE_KEY); // expect: no-destroy-before-backup
}

async function sendInOrder(queue: QueuedMutation[]): Promise<number> {
  let delivered = 0;
  for (const m of queue) {
    const res = await fetch(`${API}${m.path}`, { method: m.method, headers: JSON_HEADERS, body: JSON.stringify(m.body) }); // near-miss: no-unchecked-upload-response
    if (!res.ok) break;
    delivered++;
  }
  return delivered;
}

/** Sends what it can, in order, and keeps everything that was not accepted. */
export async function flushQueue(): Promise<number> {
  const queue = await readQueue();
  const delivered = await sendInOrder(queue);
  const latest = await readQueue();
  const sentIds = new Set(queue.slice(0, delivered).map((m) => m.id));
  await AsyncStorage.setItem(QUEUE_KEY, JSON.stringify(latest.filter((m) => !sentIds.has(m.id))));
  return delivered;
}

async function sendAllOrThrow(queue: QueuedMutation[]): Promise<void> {
  for (const m of queue) {
    const res = await fetch(`${API}${m.path}`, { method: m.method, headers: JSON_HEADERS, body: JSON.stringify(m.body) }); // near-miss: no-unchecked-upload-response
    if (!res.ok) throw new Error(`mutation ${m.id} rejected: ${res.status}`);
  }
}

/** Logout waits until the queue is delivered; only then is it dropped. */
export async function drainBeforeLogout(): Promise<void> {
  const queue = await readQueue();
  for (;;) {
    try {
      await sendAllOrThrow(queue);
      break;
    } catch {
      await sleep(5000);
    }
  }
  await AsyncStorage.removeItem(QUEUE_KEY); // near-miss: no-destroy-before-backup
}

export function watchConnectivityLegacy(): () => void {
  return NetInfo.addEventListener((state: NetInfoState) => {
    if (state.isConnected) replayQueue(); // expect: no-floating-write
  });
}

export function watchConnectivity(onError: (err: unknown) => void): () => void {
  return NetInfo.addEventListener((state: NetInfoState) => {
    if (state.isConnected) flushQueue().catch(onError); // near-miss: no-floating-write
  });
}
