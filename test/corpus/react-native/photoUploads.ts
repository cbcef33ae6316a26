// Photos taken offline are remembered in MMKV until they reach the album service.
import { MMKV } from 'react-native-mmkv';
import axios from 'axios';

const uploads = new MMKV({ id: 'pending-uploads' });
const ALBUM_API = 'https://api.snapalbum.io';

export type PendingPhoto = { id: string; uri: string; albumId: string; takenAt: string };

const inFlight = new Set<string>();
const thumbnailCache = new Map<string, string>();

function pending(): PendingPhoto[] {
  return uploads
    .getAllKeys()
    .map((key) => uploads.getString(key))
    .filter((raw): raw is string => raw != null)
    .map((raw) => JSON.parse(raw) as PendingPhoto);
}

export function rememberPhoto(photo: PendingPhoto): void {
  uploads.set(photo.id, JSON.stringify(photo)); // near-miss: no-floating-write
}

async function presign(photo: PendingPhoto): Promise<string> {
  const { data } = await axios.post<{ url: string }>(`${ALBUM_API}/uploads`, { // near-miss: no-unchecked-upload-response
    albumId: photo.albumId,
    id: photo.id,
    takenAt: photo.takenAt,
  });
  return data.url;
}

async function readBlob(uri: string): Promise<Blob> {
  const res = await fetch(uri); // near-miss: no-unchecked-upload-response
  return res.blob();
}

export async function uploadPhoto(photo: PendingPhoto): Promise<void> {
  const url = await presign(photo);
  const blob = await readBlob(photo.uri);
  await fetch(url, { method: 'PUT', body: blob, headers: { 'Content-Type': 'image/jpeg' } }); // expect: no-unchecked-upload-response
  uploads.delete(photo.id); // expect: no-destroy-before-backup
}

async function uploadPhotoChecked(photo: PendingPhoto): Promise<void> {
  const url = await presign(photo);
  const blob = await readBlob(photo.uri);
  const res = await fetch(url, { method: 'PUT', body: blob, headers: { 'Content-Type': 'image/jpeg' } }); // near-miss: no-unchecked-upload-response
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`upload of ${photo.id} failed with HTTP ${res.status}`);
  }
  uploads.delete(photo.id); // near-miss: no-destroy-before-backup
}

export function uploadAllThenForget(): Promise<void> {
  return Promise.all(pending().map(uploadPhotoChecked))
    .then(() => undefined)
    .finally(() => uploads.clearAll()); // expect: no-destroy-before-backup
}

export async function uploadAll(): Promise<{ uploaded: number; failed: string[] }> {
  const failed: string[] = [];
  let uploaded = 0;
  try {
    for (const photo of pending()) {
      if (inFlight.has(photo.id)) continue;
      inFlight.add(photo.id);
      try {
        await uploadPhotoChecked(photo);
        uploaded++;
      } catch (err) { // near-miss: no-swallowed-write-error
        failed.push(photo.id);
      }
    }
  } finally {
    inFlight.clear(); // near-miss: no-destroy-before-backup
  }
  return { uploaded, failed };
}

export function dropThumbnails(): void {
  thumbnailCache.clear(); // near-miss: no-destroy-before-backup
}
