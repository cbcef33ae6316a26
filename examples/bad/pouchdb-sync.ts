// Shows: no-floating-write, no-destroy-before-backup
//
// A todo app with a local PouchDB replicated to CouchDB. New todos are written without
// waiting, and sign-out pushes to the server, logs a failure, and destroys the local
// database anyway.
import PouchDB from 'pouchdb-browser';

interface Todo {
  _id: string;
  _rev?: string;
  title: string;
  done: boolean;
}

const local = new PouchDB<Todo>('todos');

export function addTodo(title: string): void {
  // no-floating-write: a failed put (quota, conflict) is lost; the list shows the todo anyway.
  local.put({ _id: new Date().toISOString(), title, done: false });
}

export async function signOut(remoteUrl: string): Promise<void> {
  const remote = new PouchDB<Todo>(remoteUrl, { skip_setup: true });
  try {
    await local.replicate.to(remote);
  } catch (err) {
    console.warn('final push failed', err);
  }
  // no-destroy-before-backup: runs after a failed push too; unsynced todos are gone.
  await local.destroy();
}
