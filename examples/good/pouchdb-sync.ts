// The PouchDB todo app done carefully: writes are awaited, and sign-out destroys the local
// database only after a push that failed on no document.
import PouchDB from 'pouchdb-browser';

interface Todo {
  _id: string;
  _rev?: string;
  title: string;
  done: boolean;
}

const local = new PouchDB<Todo>('todos');

export async function addTodo(title: string): Promise<Todo> {
  const todo: Todo = { _id: new Date().toISOString(), title, done: false };
  const { rev } = await local.put(todo);
  return { ...todo, _rev: rev };
}

export function startLiveSync(remoteUrl: string, onError: (err: unknown) => void) {
  const remote = new PouchDB<Todo>(remoteUrl, { skip_setup: true });
  const handle = local.sync(remote, { live: true, retry: true }).on('error', onError);
  return () => handle.cancel();
}

export async function signOut(remoteUrl: string): Promise<void> {
  const remote = new PouchDB<Todo>(remoteUrl, { skip_setup: true });
  const result = await local.replicate.to(remote);
  if (result.doc_write_failures > 0) {
    throw new Error(`${result.doc_write_failures} todos were not saved on the server; you are still signed in`);
  }
  await local.destroy();
}
