import PouchDB from 'pouchdb-browser';
import type { RxCollection } from 'rxdb';
import { uploadPhoto, uploadAudio } from './uploads';
import { loadSpeciesList, loadSiteBoundaries } from './reference';
import type { Observation, PhotoAttachment, AudioClip, SiteVisit } from '../types';

/**
 * Fieldnotes: ecologists record observations offline in the field. The local
 * PouchDB "outbox" holds observations not yet replicated to the project's
 * CouchDB; photos and audio go to object storage separately.
 */
const outbox = new PouchDB<Observation>('fieldnotes-outbox', { auto_compaction: true });
const sent = new PouchDB<Observation>('fieldnotes-sent');

export type SyncReport = { observations: number; failed: number; media: number; mediaFailed: number };

async function removeFromOutbox(docs: Array<PouchDB.Core.ExistingDocument<Observation>>): Promise<void> {
  for (const d of docs) {
    await outbox.remove(d);
  }
}

/**
 * First version: copy everything to `sent` and empty the outbox.
 */
export async function moveToSent(): Promise<number> {
  const { rows } = await outbox.allDocs({ include_docs: true });
  const docs = rows.map((r) => r.doc!).filter(Boolean);
  await sent.bulkDocs(docs.map(({ _rev, ...rest }) => rest)); // expect: no-unchecked-batch-result
  await removeFromOutbox(docs);
  return docs.length;
}

/**
 * Current version: only observations that `sent` accepted leave the outbox.
 */
export async function moveToSentChecked(): Promise<number> {
  const { rows } = await outbox.allDocs({ include_docs: true });
  const docs = rows.map((r) => r.doc!).filter(Boolean);
  const results = await sent.bulkDocs(docs.map(({ _rev, ...rest }) => rest)); // near-miss: no-unchecked-batch-result (per-item errors filtered)
  const accepted = new Set<string>();
  for (const r of results) {
    if ('error' in r && r.error) {
      console.warn('observation not copied', r.id, r.name, r.message);
      continue;
    }
    accepted.add(r.id!);
  }
  await removeFromOutbox(docs.filter((d) => accepted.has(d._id)));
  return accepted.size;
}

// ---------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------

export async function uploadPhotos(photos: PhotoAttachment[], markUploaded: (ids: string[]) => Promise<void>): Promise<number> {
  const outcomes = await Promise.allSettled(photos.map((p) => uploadPhoto(p))); // expect: no-unchecked-batch-result
  console.info('photo upload finished', outcomes.length);
  await markUploaded(photos.map((p) => p.id));
  return photos.length;
}

export async function uploadAudioClips(clips: AudioClip[], markUploaded: (ids: string[]) => Promise<void>): Promise<SyncReport> {
  const outcomes = await Promise.allSettled(clips.map((c) => uploadAudio(c))); // near-miss: no-unchecked-batch-result (rejected results filtered)
  const uploaded = clips.filter((_, i) => outcomes[i].status === 'fulfilled');
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  for (const f of failed) console.warn('audio upload failed', f.reason);
  await markUploaded(uploaded.map((c) => c.id));
  return { observations: 0, failed: 0, media: uploaded.length, mediaFailed: failed.length };
}

/** Reference data for the species picker; settling reads is not a write question. */
export async function warmReferenceData(projectId: string): Promise<void> {
  const [species, sites] = await Promise.allSettled([loadSpeciesList(projectId), loadSiteBoundaries(projectId)]); // near-miss: no-unchecked-batch-result (reads, not writes)
  if (species.status === 'fulfilled') console.debug('species', species.value.length);
  if (sites.status === 'fulfilled') console.debug('sites', sites.value.length);
}

// ---------------------------------------------------------------------------
// Site visits (RxDB, used by the tablet build)
// ---------------------------------------------------------------------------

export async function importSiteVisits(visits: RxCollection<SiteVisit>, incoming: SiteVisit[]): Promise<void> {
  await visits.bulkInsert(incoming); // expect: no-unchecked-batch-result
}

export async function importSiteVisitsChecked(visits: RxCollection<SiteVisit>, incoming: SiteVisit[]): Promise<number> {
  const { success, error } = await visits.bulkUpsert(incoming); // near-miss: no-unchecked-batch-result (error list read)
  if (error.length > 0) {
    throw new Error(`${error.length} site visits could not be saved: ${error.map((e) => e.documentId).join(', ')}`);
  }
  return success.length;
}
