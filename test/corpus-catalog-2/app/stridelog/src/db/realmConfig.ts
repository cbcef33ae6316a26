import Realm, { ObjectSchema } from 'realm';

export class Shoe extends Realm.Object<Shoe> {
  _id!: string;
  name!: string;
  km!: number;
  retired!: boolean;

  static schema: ObjectSchema = {
    name: 'Shoe',
    primaryKey: '_id',
    properties: {
      _id: 'string',
      name: 'string',
      km: { type: 'double', default: 0 },
      retired: { type: 'bool', default: false },
    },
  };
}

export class PersonalRecord extends Realm.Object<PersonalRecord> {
  _id!: string;
  distance!: string;
  seconds!: number;
  achievedAt!: Date;
  workoutId?: string;

  static schema: ObjectSchema = {
    name: 'PersonalRecord',
    primaryKey: '_id',
    properties: {
      _id: 'string',
      distance: 'string',
      seconds: 'double',
      achievedAt: 'date',
      workoutId: 'string?',
    },
  };
}

export class RouteTile extends Realm.Object<RouteTile> {
  key!: string;
  png!: ArrayBuffer;
  fetchedAt!: Date;

  static schema: ObjectSchema = {
    name: 'RouteTile',
    primaryKey: 'key',
    properties: { key: 'string', png: 'data', fetchedAt: 'date' },
  };
}

/**
 * Gear and records. Schema version 7 renamed `PersonalRecord.time` to `seconds`.
 */
export const gearRealmConfig: Realm.Configuration = {
  path: 'gear.realm',
  schema: [Shoe, PersonalRecord],
  schemaVersion: 7,
  deleteRealmIfMigrationNeeded: true, // expect: no-destructive-migration
};

/**
 * The same records in the coach app: migrate in release builds, and only let
 * Realm throw the file away while developing.
 */
export const coachRealmConfig: Realm.Configuration = {
  path: 'coach.realm',
  schema: [Shoe, PersonalRecord],
  schemaVersion: 7,
  ...(__DEV__
    ? { deleteRealmIfMigrationNeeded: true } // near-miss: no-destructive-migration (behind __DEV__)
    : {
        onMigration: (oldRealm: Realm, newRealm: Realm) => {
          if (oldRealm.schemaVersion < 7) {
            const oldRecords = oldRealm.objects<{ _id: string; time: number }>('PersonalRecord');
            const newRecords = newRealm.objects<PersonalRecord>('PersonalRecord');
            for (let i = 0; i < oldRecords.length; i++) {
              newRecords[i].seconds = oldRecords[i].time;
            }
          }
        },
      }),
};

export function openGearRealm(): Promise<Realm> {
  return Realm.open(gearRealmConfig);
}

export function openCoachRealm(): Promise<Realm> {
  return Realm.open(coachRealmConfig);
}
