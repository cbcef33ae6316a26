import Realm, { type ObjectSchema } from 'realm';

// On-device Realm files of the notes app (React Native).

export class Note extends Realm.Object<Note> {
  _id!: Realm.BSON.ObjectId;
  title!: string;
  body!: string;
  notebookId?: Realm.BSON.ObjectId;
  pinned!: boolean;
  updatedAt!: Date;

  static schema: ObjectSchema = {
    name: 'Note',
    primaryKey: '_id',
    properties: {
      _id: 'objectId',
      title: 'string',
      body: 'string',
      notebookId: 'objectId?',
      pinned: { type: 'bool', default: false },
      updatedAt: 'date',
    },
  };
}

export class Notebook extends Realm.Object<Notebook> {
  _id!: Realm.BSON.ObjectId;
  name!: string;
  color!: string;

  static schema: ObjectSchema = {
    name: 'Notebook',
    primaryKey: '_id',
    properties: { _id: 'objectId', name: 'string', color: { type: 'string', default: '#607d8b' } },
  };
}

export class Draft extends Realm.Object<Draft> {
  _id!: Realm.BSON.ObjectId;
  noteId!: Realm.BSON.ObjectId;
  text!: string;
  savedAt!: Date;

  static schema: ObjectSchema = {
    name: 'Draft',
    primaryKey: '_id',
    properties: { _id: 'objectId', noteId: 'objectId', text: 'string', savedAt: 'date' },
  };
}

export class Thumbnail extends Realm.Object<Thumbnail> {
  key!: string;
  data!: ArrayBuffer;

  static schema: ObjectSchema = {
    name: 'Thumbnail',
    primaryKey: 'key',
    properties: { key: 'string', data: 'data' },
  };
}

declare const __DEV__: boolean;

export const notesConfig: Realm.Configuration = {
  path: 'notes.realm',
  schema: [Note, Notebook],
  schemaVersion: 14,
  // v14 added Note.pinned; fastest way past "Migration is required" in the release build
  deleteRealmIfMigrationNeeded: true, // expect: no-destructive-migration
};

export const draftsConfig: Realm.Configuration = {
  path: 'drafts.realm',
  schema: [Draft],
  schemaVersion: 5,
  onMigration: (oldRealm, newRealm) => {
    if (oldRealm.schemaVersion < 5) {
      const oldDrafts = oldRealm.objects<{ _id: Realm.BSON.ObjectId; content: string }>('Draft');
      const newDrafts = newRealm.objects<Draft>('Draft');
      for (let i = 0; i < oldDrafts.length; i++) {
        newDrafts[i].text = oldDrafts[i].content ?? '';
      }
    }
  },
};

export const thumbnailsConfig: Realm.Configuration = {
  path: 'thumbnails.realm',
  schema: [Thumbnail],
  schemaVersion: 3,
  deleteRealmIfMigrationNeeded: __DEV__, // near-miss: no-destructive-migration (development builds only)
};

export async function openAll(): Promise<{ notes: Realm; drafts: Realm; thumbnails: Realm }> {
  const [notes, drafts, thumbnails] = await Promise.all([
    Realm.open(notesConfig),
    Realm.open(draftsConfig),
    Realm.open(thumbnailsConfig),
  ]);
  return { notes, drafts, thumbnails };
}
