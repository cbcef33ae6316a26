import type { Knex } from 'knex';

/**
 * Notification settings get their own table; notifications switch to a JSON payload.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_settings', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    t.boolean('email_digest').notNullable().defaultTo(true);
    t.boolean('push_mentions').notNullable().defaultTo(true);
    t.string('digest_hour', 5).notNullable().defaultTo('08:00');
    t.timestamp('updated_at').notNullable().defaultTo(knex.fn.now());
  });

  // move the opt-in flags out of users
  await knex.raw('INSERT INTO notification_settings (user_id, email_digest, push_mentions) SELECT id, email_digest_opt_in, push_opt_in FROM users');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumns('email_digest_opt_in', 'push_opt_in'); // near-miss: no-destructive-migration (copied by INSERT ... SELECT first)
  });

  // New payload format: the inbox renders `payload`; old rows only have `text`.
  await knex.schema.alterTable('notifications', (t) => {
    t.jsonb('payload');
    t.string('kind', 32);
  });
  await knex('notifications').del(); // expect: no-destructive-migration

  // Digests that were due before the switch will never be sent.
  await knex('digest_queue').where('scheduled_for', '<', knex.fn.now()).del(); // near-miss: no-destructive-migration (DELETE with a WHERE)

  // A prototype branch created push_tokens on some dev databases; this migration owns it now.
  await knex.schema.dropTableIfExists('push_tokens'); // near-miss: no-destructive-migration (drop-if-exists followed by create of the same table)
  await knex.schema.createTable('push_tokens', (t) => {
    t.increments('id');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('platform', 8).notNullable();
    t.text('token').notNullable().unique();
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('push_tokens'); // near-miss: no-destructive-migration (down is exempt)
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('payload');
    t.dropColumn('kind');
  });
  await knex.schema.alterTable('users', (t) => {
    t.boolean('email_digest_opt_in').notNullable().defaultTo(true);
    t.boolean('push_opt_in').notNullable().defaultTo(true);
  });
  await knex.raw(
    'UPDATE users SET email_digest_opt_in = s.email_digest, push_opt_in = s.push_mentions FROM notification_settings s WHERE s.user_id = users.id',
  );
  await knex.schema.dropTable('notification_settings');
}
