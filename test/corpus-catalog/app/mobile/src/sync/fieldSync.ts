import PouchDB from 'pouchdb';
import PouchFind from 'pouchdb-find';

PouchDB.plugin(PouchFind);

type Checkin = {
  _id: string;
  type: 'checkin';
  siteId: string;
  at: string;
  lat: number;
  lng: number;
  note?: string;
};

type PhotoNote = {
  _id: string;
  type: 'photo-note';
  siteId: string;
  caption: string;
  takenAt: string;
};

type Comment = {
  _id: string;
  _rev?: string;
  type: 'comment';
  taskId: string;
  body: string;
  createdAt: string;
};

/**
 * Field app sync. Tasks and comments replicate through the local PouchDB;
 * check-ins and photo notes are queued in memory and pushed straight to the server.
 */
export class FieldSync {
  private readonly local: PouchDB.Database;
  private readonly remote: PouchDB.Database;
  private live?: PouchDB.Replication.Sync<{}>;
  private pendingCheckins: Checkin[] = [];
  private pendingPhotoNotes: PhotoNote[] = [];

  constructor(userId: string, remoteUrl: string) {
    this.local = new PouchDB(`field-${userId}`);
    this.remote = new PouchDB(`${remoteUrl}/field-${userId}`, { skip_setup: true });
  }

  start(): void {
    this.live = this.local.sync(this.remote, { live: true, retry: true });
    this.live.on('error', (err) => console.error('[sync] stopped', err));
  }

  queueCheckin(checkin: Omit<Checkin, '_id' | 'type'>): void {
    this.pendingCheckins.push({ ...checkin, _id: `checkin:${checkin.at}:${checkin.siteId}`, type: 'checkin' });
  }

  queuePhotoNote(note: Omit<PhotoNote, '_id' | 'type'>): void {
    this.pendingPhotoNotes.push({ ...note, _id: `photo:${note.takenAt}`, type: 'photo-note' });
  }

  async pushCheckins(): Promise<void> {
    if (this.pendingCheckins.length === 0) return;
    const batch = this.pendingCheckins.slice();
    await this.remote.bulkDocs(batch); // expect: no-unchecked-batch-result
    this.pendingCheckins = this.pendingCheckins.slice(batch.length);
  }

  async pushPhotoNotes(): Promise<void> {
    if (this.pendingPhotoNotes.length === 0) return;
    const batch = this.pendingPhotoNotes.slice();
    const results = await this.remote.bulkDocs(batch); // near-miss: no-unchecked-batch-result (per-item errors kept in the queue)
    const rejected = new Set<string>();
    results.forEach((r, i) => {
      if ('error' in r && r.error) rejected.add(batch[i]._id);
    });
    this.pendingPhotoNotes = [
      ...batch.filter((n) => rejected.has(n._id)),
      ...this.pendingPhotoNotes.slice(batch.length),
    ];
  }

  /** Bulk import from the CSV tool; the caller shows which rows failed. */
  importComments(comments: Comment[]) {
    return this.local.bulkDocs(comments); // near-miss: no-unchecked-batch-result (result returned to the caller)
  }

  async findComments(taskId: string): Promise<Comment[]> {
    const { docs } = await this.local.find({ selector: { type: 'comment', taskId }, sort: ['createdAt'] });
    return docs as unknown as Comment[];
  }

  async logout(): Promise<void> {
    this.live?.cancel();
    await this.local.destroy(); // expect: no-reset-without-sync
    this.pendingCheckins = [];
    this.pendingPhotoNotes = [];
  }

  async switchUser(): Promise<void> {
    this.live?.cancel();
    // one-shot push of everything still local, then the queued items
    await this.local.replicate.to(this.remote);
    await this.pushCheckins();
    await this.pushPhotoNotes();
    if (this.pendingCheckins.length + this.pendingPhotoNotes.length > 0) {
      throw new Error('Some check-ins or photo notes were not uploaded');
    }
    await this.local.destroy(); // near-miss: no-reset-without-sync (local changes replicated first)
  }
}
