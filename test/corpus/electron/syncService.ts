// Main process: journal sync. Local edits are appended to NDJSON journal files; a full
// journal is pushed to the server and then deleted.
import axios, { type AxiosInstance } from 'axios';
import { readFile, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface SyncStatus {
  lastPushAt?: number;
  pendingJournals: number;
}

export class SyncService {
  private readonly http: AxiosInstance;
  private status: SyncStatus = { pendingJournals: 0 };

  constructor(baseURL: string, token: string, private readonly journalDir: string) {
    // Lenient on purpose: the cursor endpoint answers 404 for a new account.
    this.http = axios.create({
      baseURL,
      headers: { Authorization: `Bearer ${token}` },
      timeout: 30_000,
      validateStatus: () => true,
    });
  }

  async pushJournalLegacy(file: string): Promise<void> {
    const entries = await readFile(file, 'utf8');
    await this.http.post('/journal', entries, { headers: { 'Content-Type': 'application/x-ndjson' } }); // expect: no-unchecked-upload-response
    await unlink(file); // expect: no-destroy-before-backup
  }

  async pushJournal(file: string): Promise<void> {
    const entries = await readFile(file, 'utf8');
    const res = await this.http.post('/journal', entries, { headers: { 'Content-Type': 'application/x-ndjson' } }); // near-miss: no-unchecked-upload-response
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`journal ${path.basename(file)} rejected: ${res.status} ${JSON.stringify(res.data)}`);
    }
    await unlink(file); // near-miss: no-destroy-before-backup
    this.status.lastPushAt = Date.now();
  }

  async fetchRemoteCursor(): Promise<string | null> {
    const res = await this.http.get<{ cursor: string }>('/cursor'); // near-miss: no-unchecked-upload-response
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`cursor request failed: ${res.status}`);
    return res.data.cursor;
  }

  async pushAll(): Promise<SyncStatus> {
    const names = (await readdir(this.journalDir)).filter((n) => n.endsWith('.ndjson.full')).sort();
    this.status.pendingJournals = names.length;
    for (const name of names) {
      await this.pushJournal(path.join(this.journalDir, name));
      this.status.pendingJournals--;
    }
    return { ...this.status };
  }
}
