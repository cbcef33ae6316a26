// Old workouts are archived to the server and pruned from the on-device Realm.
import Realm, { BSON } from 'realm';
import ky from 'ky';

export class Workout extends Realm.Object<Workout> {
  _id!: BSON.ObjectId;
  name!: string;
  finishedAt!: Date;
  sets!: Realm.List<WorkoutSet>;
  synced!: boolean;

  static schema: Realm.ObjectSchema = {
    name: 'Workout',
    primaryKey: '_id',
    properties: {
      _id: 'objectId',
      name: 'string',
      finishedAt: 'date',
      sets: 'WorkoutSet[]',
      synced: { type: 'bool', default: false },
    },
  };
}

export class WorkoutSet extends Realm.Object<WorkoutSet> {
  exercise!: string;
  reps!: number;
  weightKg!: number;
  static schema: Realm.ObjectSchema = {
    name: 'WorkoutSet',
    embedded: true,
    properties: { exercise: 'string', reps: 'int', weightKg: 'double' },
  };
}

const backupApi = ky.create({ prefixUrl: 'https://sync.liftlog.app/api/', timeout: 20_000 });

function toJSON(w: Workout) {
  return {
    id: w._id.toHexString(),
    name: w.name,
    finishedAt: w.finishedAt.toISOString(),
    sets: w.sets.map((s) => ({ exercise: s.exercise, reps: s.reps, weightKg: s.weightKg })),
  };
}

export async function archiveOldWorkouts(realm: Realm, before: Date): Promise<void> {
  const old = realm.objects(Workout).filtered('finishedAt < $0', before);
  const res = await backupApi.post('archive', { json: old.map(toJSON), throwHttpErrors: false }); // expect: no-unchecked-upload-response
  const summary = await res.json<{ archived?: number }>();
  console.log(`archived ${summary.archived ?? old.length} workouts`);
  realm.write(() => {
    realm.delete(old); // expect: no-destroy-before-backup
  });
}

export async function archiveWorkouts(realm: Realm, before: Date): Promise<number> {
  const old = realm.objects(Workout).filtered('finishedAt < $0', before);
  if (old.isEmpty()) return 0;
  const ids = old.map((w) => w._id);
  await backupApi.post('archive', { json: old.map(toJSON) }); // near-miss: no-unchecked-upload-response
  realm.write(() => {
    realm.delete(realm.objects(Workout).filtered('_id IN $0', ids)); // near-miss: no-destroy-before-backup
  });
  return ids.length;
}

export async function pushUnsynced(realm: Realm): Promise<void> {
  const unsynced = realm.objects(Workout).filtered('synced == false');
  const res = await backupApi.put('workouts', { json: unsynced.map(toJSON), throwHttpErrors: false }); // near-miss: no-unchecked-upload-response
  if (!res.ok) {
    throw new Error(`workouts rejected: ${res.status} ${await res.text()}`);
  }
  realm.write(() => {
    for (const w of unsynced) w.synced = true;
  });
}

export async function wipeDeviceAfterSnapshot(realm: Realm, config: Realm.Configuration): Promise<void> {
  await backupApi.post('snapshot', { json: realm.objects(Workout).map(toJSON) }); // near-miss: no-unchecked-upload-response
  realm.close();
  Realm.deleteFile(config); // near-miss: no-destroy-before-backup
}
