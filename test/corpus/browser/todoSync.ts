// Todo app: a local PouchDB in the browser, replicated to the user's CouchDB database.
import PouchDB from 'pouchdb-browser';

export interface Todo {
  _id: string;
  _rev?: string;
  title: string;
  done: boolean;
}

export class TodoSync {
  private readonly local: PouchDB.Database<Todo>;
  private readonly remote: PouchDB.Database<Todo>;
  private live?: PouchDB.Replication.Sync<Todo>;

  constructor(userId: string, couchUrl: string) {
    this.local = new PouchDB<Todo>('todos');
    this.remote = new PouchDB<Todo>(`${couchUrl}/userdb-${userId}`, { skip_setup: true });
  }

  start(onError: (err: unknown) => void): void {
    this.live = this.local.sync(this.remote, { live: true, retry: true }).on('error', onError); // near-miss: no-floating-write
  }

  addTodo(title: string): void {
    this.local.put({ _id: new Date().toISOString(), title, done: false }); // expect: no-floating-write
  }

  async add(title: string): Promise<Todo> {
    const todo: Todo = { _id: new Date().toISOString(), title, done: false };
    const { rev } = await this.local.put(todo); // near-miss: no-floating-write
    return { ...todo, _rev: rev };
  }

  async toggle(todo: Todo): Promise<void> {
    await this.local.put({ ...todo, done: !todo.done });
  }

  async signOut(): Promise<void> {
    this.live?.cancel();
    try {
      await this.local.replicate.to(this.remote);
    } catch (err) { // near-miss: no-swallowed-write-error (log-only handler, reportLogOnly is off by default)
      console.warn('final push before sign-out failed', err);
    }
    await this.local.destroy(); // expect: no-destroy-before-backup
  }

  async signOutAfterPush(): Promise<void> {
    this.live?.cancel();
    const result = await this.local.replicate.to(this.remote); // near-miss: no-floating-write
    if (result.doc_write_failures > 0) {
      throw new Error(`${result.doc_write_failures} todos did not reach the server; staying signed in`);
    }
    await this.local.destroy(); // near-miss: no-destroy-before-backup
  }
}
