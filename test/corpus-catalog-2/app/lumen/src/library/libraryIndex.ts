import { readFile, writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFile as writeFileAtomically } from 'atomically';
import type { Album, PhotoId, TagIndex } from '../types';

/**
 * Lumen keeps the photo files where the user put them; everything it knows
 * about them (albums, tags, faces) lives in JSON files inside the library's
 * `.lumen` folder.
 */

export interface AlbumFile {
  version: 3;
  albums: Album[];
}

export class AlbumStore {
  private readonly file: string;

  constructor(libraryRoot: string) {
    this.file = path.join(libraryRoot, '.lumen', 'albums.json');
  }

  async read(): Promise<AlbumFile> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as AlbumFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { version: 3, albums: [] }; // near-miss: no-read-failure-as-empty (missing file only)
      }
      throw err;
    }
  }

  async update(change: (file: AlbumFile) => AlbumFile): Promise<AlbumFile> {
    const next = change(await this.read());
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, JSON.stringify(next, null, 1)); // expect: no-non-atomic-overwrite
    return next;
  }

  addToAlbum(albumId: string, photos: PhotoId[]): Promise<AlbumFile> {
    return this.update((file) => ({
      ...file,
      albums: file.albums.map((a) => (a.id === albumId ? { ...a, photos: [...new Set([...a.photos, ...photos])] } : a)),
    }));
  }
}

export class TagStore {
  private readonly file: string;

  constructor(libraryRoot: string) {
    this.file = path.join(libraryRoot, '.lumen', 'tags.json');
  }

  async read(): Promise<TagIndex> {
    try {
      const text = await readFile(this.file, 'utf8');
      return JSON.parse(text) as TagIndex;
    } catch {
      return { tags: {}, people: [] }; // expect: no-read-failure-as-empty
    }
  }

  async update(change: (index: TagIndex) => TagIndex): Promise<TagIndex> {
    const next = change(await this.read());
    await writeFileAtomically(this.file, JSON.stringify(next)); // near-miss: no-non-atomic-overwrite (atomically does temp + rename)
    return next;
  }

  tagPhotos(tag: string, photos: PhotoId[]): Promise<TagIndex> {
    return this.update((index) => ({
      ...index,
      tags: { ...index.tags, [tag]: [...new Set([...(index.tags[tag] ?? []), ...photos])] },
    }));
  }
}

/**
 * Thumbnail index: which thumbnails exist in the cache folder. Rebuilt by a
 * background scan when it is missing or stale.
 */
export class ThumbnailCacheIndex {
  private readonly file: string;

  constructor(libraryRoot: string) {
    this.file = path.join(libraryRoot, '.lumen', 'cache', 'thumbnail-cache.json');
  }

  async read(): Promise<Record<PhotoId, number>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
  }

  async write(index: Record<PhotoId, number>): Promise<void> {
    await writeFile(this.file, JSON.stringify(index)); // near-miss: no-non-atomic-overwrite (cache file)
  }
}

/** "Export album as CSV" — written for the user, never read back. */
export async function exportAlbumCsv(album: Album, target: string): Promise<void> {
  const rows = album.photos.map((p) => `${album.id},${p}`);
  await writeFile(target, ['album,photo', ...rows].join('\n')); // near-miss: no-non-atomic-overwrite (export, not state)
}
