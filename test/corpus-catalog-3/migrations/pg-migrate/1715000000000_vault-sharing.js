/* eslint-disable camelcase */
'use strict';

/**
 * Keyhaven sync server: per-field item storage, folder icons, breach alerts.
 * node-pg-migrate.
 */

exports.shorthands = {
  id: { type: 'uuid', primaryKey: true, default: new (require('node-pg-migrate').PgLiteral)('gen_random_uuid()') },
};

/** @param pgm {import('node-pg-migrate').MigrationBuilder} */
exports.up = (pgm) => {
  pgm.createTable('vault_item_fields', {
    id: 'id',
    item_id: { type: 'uuid', notNull: true, references: 'vault_items', onDelete: 'CASCADE' },
    name: { type: 'text', notNull: true },
    value_enc: { type: 'bytea', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.sql(`
    INSERT INTO vault_item_fields (item_id, name, value_enc)
    SELECT id, 'password', password_enc FROM vault_items WHERE password_enc IS NOT NULL
  `);
  pgm.dropColumns('vault_items', ['password_enc']); // near-miss: no-destructive-migration (copied into vault_item_fields above)

  pgm.addColumns('vault_folders', {
    icon: { type: 'text', notNull: true, default: 'folder' },
  });
  pgm.dropColumns('vault_folders', ['color']); // expect: no-destructive-migration

  pgm.createTable('breach_alert_rules', {
    id: 'id',
    vault_id: { type: 'uuid', notNull: true },
    min_severity: { type: 'smallint', notNull: true, default: 2 },
  });
  pgm.sql(`DELETE FROM breach_alerts WHERE dismissed_at < now() - interval '1 year'`); // near-miss: no-destructive-migration (WHERE clause)
  pgm.sql(`TRUNCATE TABLE breach_alert_snoozes`); // expect: no-destructive-migration

  pgm.createIndex('vault_item_fields', ['item_id', 'name'], { unique: true });
  pgm.dropIndex('vault_items', ['updated_at'], { ifExists: true }); // near-miss: no-destructive-migration (index, no data)
};

/** @param pgm {import('node-pg-migrate').MigrationBuilder} */
exports.down = (pgm) => {
  pgm.dropTable('breach_alert_rules'); // near-miss: no-destructive-migration (down)
  pgm.addColumns('vault_folders', { color: { type: 'text' } });
  pgm.dropColumns('vault_folders', ['icon']);
  pgm.addColumns('vault_items', { password_enc: { type: 'bytea' } });
  pgm.sql(`UPDATE vault_items i SET password_enc = f.value_enc FROM vault_item_fields f WHERE f.item_id = i.id AND f.name = 'password'`);
  pgm.dropTable('vault_item_fields');
};
