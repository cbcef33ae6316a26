import Dexie, { type Table } from 'dexie';
import ky from 'ky';

export interface EncryptedItem {
  id: string;
  folderId: string | null;
  revision: number;
  blob: string; // base64 ciphertext
  updatedAt: string;
}

interface OutboxOp {
  seq?: number;
  itemId: string;
  kind: 'upsert' | 'delete';
  item?: EncryptedItem;
}

class VaultCache extends Dexie {
  items!: Table<EncryptedItem, string>;
  outbox!: Table<OutboxOp, number>;

  constructor() {
    super('keyhaven');
    this.version(4).stores({ items: 'id, folderId, updatedAt', outbox: '++seq, itemId' });
  }
}

const local = new VaultCache();
const api = ky.create({ prefixUrl: 'https://sync.keyhaven.app/v2', timeout: 30_000, retry: 2 });

declare global {
  interface Window {
    keyhaven: { lock(): void; token(): Promise<string> };
  }
}

function isEncryptedItem(value: unknown): value is EncryptedItem {
  const v = value as EncryptedItem;
  return !!v && typeof v.id === 'string' && typeof v.blob === 'string' && Number.isInteger(v.revision);
}

async function authHeaders(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await window.keyhaven.token()}` };
}

async function pushOutbox(): Promise<void> {
  const ops = await local.outbox.orderBy('seq').toArray();
  for (const op of ops) {
    await api.post('ops', { json: op, headers: await authHeaders() });
    await local.outbox.delete(op.seq!);
  }
}

/** Vault list: "Reload from server" in the overflow menu. */
export async function pullVaultItems(): Promise<void> {
  await local.items.clear(); // expect: no-wipe-then-refill
  const items = await api.get('items', { headers: await authHeaders() }).json<EncryptedItem[]>();
  await local.items.bulkPut(items);
}

/** Background sync after unlock. */
export async function refreshVaultItems(): Promise<number> {
  const items = await api.get('items', { headers: await authHeaders() }).json<unknown[]>();
  if (!Array.isArray(items) || !items.every(isEncryptedItem)) {
    throw new Error('sync: server returned malformed items; local vault left untouched');
  }
  await local.transaction('rw', local.items, local.outbox, async () => {
    const pendingIds = new Set((await local.outbox.toArray()).map((op) => op.itemId));
    const keep = await local.items.where('id').anyOf([...pendingIds]).toArray();
    await local.items.clear(); // near-miss: no-wipe-then-refill (validated, Dexie transaction, unsent items kept)
    await local.items.bulkPut([...items.filter((i) => !pendingIds.has(i.id)), ...keep]);
  });
  return items.length;
}

/** "Remove vault from this computer" in Preferences → Devices. */
export async function wipeLocalVault(): Promise<void> {
  local.close();
  await Dexie.delete('keyhaven'); // expect: no-reset-without-sync
  sessionStorage.clear();
  window.keyhaven.lock();
}

/** Account menu → "Sign out". */
export async function signOut(): Promise<void> {
  const unsynced = await local.outbox.count();
  if (unsynced > 0) {
    await pushOutbox();
  }
  local.close();
  await Dexie.delete('keyhaven'); // near-miss: no-reset-without-sync (outbox pushed first; a failed push throws)
  sessionStorage.clear();
  window.keyhaven.lock();
}

export async function saveItem(item: EncryptedItem): Promise<void> {
  await local.transaction('rw', local.items, local.outbox, async () => {
    await local.items.put(item);
    await local.outbox.add({ itemId: item.id, kind: 'upsert', item });
  });
}
