import localforage from 'localforage';
import ky from 'ky';
import {
  collection,
  getDocs,
  query,
  where,
  waitForPendingWrites,
  type Firestore,
} from 'firebase/firestore';
import type { Auth } from 'firebase/auth';
import { z } from 'zod';

// Local mirrors for the site-inspection app. Checklists are filled in offline and
// written to Firestore (queued while offline); the stores below let the UI open fast.
const checklists = localforage.createInstance({ name: 'site-app', storeName: 'checklists' });
const templates = localforage.createInstance({ name: 'site-app', storeName: 'templates' });
const projects = localforage.createInstance({ name: 'site-app', storeName: 'projects' });
const labels = localforage.createInstance({ name: 'site-app', storeName: 'labels' });

const ACTIVE_SITE_KEY = 'site-app.activeSite';

const http = ky.create({ prefixUrl: '/api', timeout: 20_000, retry: 2 });

type Checklist = { id: string; siteId: string; items: Array<{ id: string; label: string; done: boolean }> };

const Template = z.object({
  id: z.string(),
  title: z.string(),
  sections: z.array(z.object({ heading: z.string(), items: z.array(z.string()) })),
});
const TemplateList = z.array(Template).min(1);

export async function refreshChecklists(siteId: string): Promise<void> {
  await checklists.clear(); // expect: no-wipe-then-refill
  const items = await http.get(`sites/${siteId}/checklists`).json<Checklist[]>();
  for (const item of items) {
    await checklists.setItem(item.id, item);
  }
}

export async function refreshTemplates(): Promise<void> {
  const body = await http.get('templates').json();
  const list = TemplateList.parse(body);
  await templates.clear(); // near-miss: no-wipe-then-refill (response validated with schema.parse before the clear)
  await Promise.all(list.map((t) => templates.setItem(t.id, t)));
}

export async function pullProjects(db: Firestore, orgId: string): Promise<void> {
  const snap = await getDocs(query(collection(db, 'projects'), where('orgId', '==', orgId)));
  await projects.clear(); // expect: no-wipe-then-refill
  await Promise.all(snap.docs.map((d) => projects.setItem(d.id, { id: d.id, ...d.data() })));
}

export async function pullLabels(db: Firestore, orgId: string): Promise<void> {
  const snap = await getDocs(query(collection(db, 'labels'), where('orgId', '==', orgId)));
  if (snap.empty) {
    console.warn('[mirror] server returned no labels; keeping the local copy');
    return;
  }
  await labels.clear(); // near-miss: no-wipe-then-refill (empty result guarded before the clear)
  await Promise.all(snap.docs.map((d) => labels.setItem(d.id, { id: d.id, ...d.data() })));
}

export async function getChecklist(id: string): Promise<Checklist | null> {
  return checklists.getItem<Checklist>(id);
}

export async function setActiveSite(siteId: string): Promise<void> {
  localStorage.setItem(ACTIVE_SITE_KEY, siteId);
}

/** "Switch site team" in the header: drops the local mirrors for the previous team. */
export async function resetWorkspace(): Promise<void> {
  await checklists.clear(); // expect: no-reset-without-sync
  await projects.clear();
  await labels.clear();
  localStorage.removeItem(ACTIVE_SITE_KEY);
}

export async function signOut(db: Firestore, auth: Auth): Promise<void> {
  // Firestore keeps offline writes in its queue; make sure they reached the server.
  await waitForPendingWrites(db);
  await Promise.all([checklists.clear(), projects.clear(), labels.clear(), templates.clear()]); // near-miss: no-reset-without-sync (waits for pending writes first)
  localStorage.removeItem(ACTIVE_SITE_KEY);
  await auth.signOut();
}
