// Field inspection app (PWA): finished reports wait in IndexedDB until they are uploaded.
import { openDB, type DBSchema } from 'idb';

export interface InspectionReport {
  siteId: string;
  inspector: string;
  findings: { item: string; ok: boolean; note?: string }[];
  signedAt: string;
}

interface ReportsDB extends DBSchema {
  reports: { key: number; value: InspectionReport };
  meta: { key: string; value: string };
}

const dbPromise = openDB<ReportsDB>('inspection-reports', 2, {
  upgrade(db, oldVersion) {
    if (oldVersion < 1) db.createObjectStore('reports', { autoIncrement: true });
    if (oldVersion < 2) db.createObjectStore('meta');
  },
});

const uploading = new Set<number>();

export async function saveReport(report: InspectionReport): Promise<number> {
  const db = await dbPromise;
  return db.add('reports', report);
}

export async function uploadReportsLegacy(endpoint: string): Promise<void> {
  const db = await dbPromise;
  const reports = await db.getAll('reports');
  if (reports.length === 0) return;
  const res = await fetch(endpoint, { // near-miss: no-unchecked-upload-response
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(reports),
  });
  if (!res.ok) console.warn('report upload failed', res.status);
  await db.clear('reports'); // expect: no-destroy-before-backup
}

export async function uploadReports(endpoint: string): Promise<number> {
  const db = await dbPromise;
  const keys = await db.getAllKeys('reports');
  const pendingKeys = keys.filter((k) => !uploading.has(k));
  if (pendingKeys.length === 0) return 0;
  pendingKeys.forEach((k) => uploading.add(k));
  try {
    const reports = await Promise.all(pendingKeys.map((k) => db.get('reports', k)));
    const { ok, status } = await fetch(endpoint, { // near-miss: no-unchecked-upload-response
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(reports),
    });
    if (!ok) throw new Error(`report upload failed (HTTP ${status})`);
    const tx = db.transaction('reports', 'readwrite');
    await Promise.all([...pendingKeys.map((k) => tx.store.delete(k)), tx.done]); // near-miss: no-destroy-before-backup
    await db.put('meta', new Date().toISOString(), 'lastUpload');
    return pendingKeys.length;
  } finally {
    uploading.clear(); // near-miss: no-destroy-before-backup
  }
}

export function reportSessionEndOnHide(): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      navigator.sendBeacon('/analytics/session-end', JSON.stringify({ at: Date.now() })); // near-miss: no-floating-write, no-unchecked-upload-response
    }
  });
}

export async function lastUploadTime(): Promise<string | undefined> {
  const db = await dbPromise;
  return db.get('meta', 'lastUpload');
}
