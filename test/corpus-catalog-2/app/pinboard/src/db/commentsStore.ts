import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Attachment, Comment, RenderedMarkdown } from '../types';

interface CommentsSchema extends DBSchema {
  comments: { key: string; value: Comment; indexes: { byCard: string } };
  attachments: { key: string; value: Attachment; indexes: { byCard: string } };
  rendered: { key: string; value: RenderedMarkdown };
}

const DB_NAME = 'pinboard-comments';
let dbPromise: Promise<IDBPDatabase<CommentsSchema>> | undefined;

export function commentsDb(): Promise<IDBPDatabase<CommentsSchema>> {
  dbPromise ??= openDB<CommentsSchema>(DB_NAME, 3, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const comments = database.createObjectStore('comments', { keyPath: 'id' });
        comments.createIndex('byCard', 'cardId');
      }
      if (oldVersion < 2) {
        const attachments = database.createObjectStore('attachments', { keyPath: 'id' });
        attachments.createIndex('byCard', 'cardId');
      }
      if (oldVersion < 3) {
        database.createObjectStore('rendered', { keyPath: 'commentId' });
      }
    },
  });
  return dbPromise;
}

/** A comment typed while offline; the outbox sends it later. */
export async function saveComment(comment: Comment): Promise<void> {
  const database = await commentsDb();
  const tx = database.transaction('comments', 'readwrite');
  await tx.store.put(comment);
  await tx.done;
}

/** Attachments picked from disk; written with the browser's default durability. */
export async function saveAttachment(attachment: Attachment): Promise<void> {
  const database = await commentsDb();
  const tx = database.transaction('attachments', 'readwrite');
  await tx.store.put(attachment);
  await tx.done;
}

/** Edits to an existing comment: wait for the flush before reporting "saved". */
export async function updateComment(id: string, body: string): Promise<Comment> {
  const database = await commentsDb();
  const tx = database.transaction('comments', 'readwrite', { durability: 'strict' }); // near-miss: no-unacknowledged-write (strict durability)
  const existing = await tx.store.get(id);
  if (!existing) throw new Error(`comment ${id} not found`);
  const next = { ...existing, body, editedAt: Date.now() };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Raw IndexedDB path used by the web worker that imports Trello exports. */
export function importComments(database: IDBDatabase, comments: Comment[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = database.transaction(['comments'], 'readwrite', { durability: 'relaxed' }); // expect: no-unacknowledged-write
    const store = tx.objectStore('comments');
    for (const comment of comments) store.put(comment);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('import aborted'));
  });
}

export function importAttachments(database: IDBDatabase, attachments: Attachment[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = database.transaction(['attachments'], 'readwrite', { durability: 'default' }); // near-miss: no-unacknowledged-write (default durability)
    const store = tx.objectStore('attachments');
    for (const attachment of attachments) store.put(attachment);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

export async function commentsForCard(cardId: string): Promise<Comment[]> {
  const database = await commentsDb();
  return database.getAllFromIndex('comments', 'byCard', cardId);
}
