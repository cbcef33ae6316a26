/* eslint-disable camelcase */

/**
 * Ledgerly invoicing (node-pg-migrate): amounts move from integer cents to
 * numeric(14,2) so that currencies with three decimals work, and invoices
 * get a separate table for payment terms.
 */

exports.shorthands = {
  amount: { type: 'numeric(14,2)', notNull: true, default: 0 },
};

/**
 * @param {import('node-pg-migrate').MigrationBuilder} pgm
 */
exports.up = (pgm) => {
  pgm.createTable('payment_terms', {
    id: 'id',
    invoice_id: { type: 'integer', notNull: true, references: 'invoices', onDelete: 'CASCADE' },
    due_days: { type: 'integer', notNull: true, default: 30 },
    discount_pct: { type: 'numeric(5,2)' },
    discount_days: { type: 'integer' },
  });
  pgm.sql(`
    INSERT INTO payment_terms (invoice_id, due_days, discount_pct, discount_days)
    SELECT id, terms_due_days, terms_discount_pct, terms_discount_days FROM invoices
  `);
  pgm.dropColumns('invoices', ['terms_due_days', 'terms_discount_pct', 'terms_discount_days']); // near-miss: no-destructive-migration (copied into payment_terms above)

  // Totals: new numeric columns computed from the cents columns.
  pgm.addColumns('invoices', {
    subtotal: 'amount',
    tax_total: 'amount',
  });
  pgm.sql('UPDATE invoices SET subtotal = subtotal_cents / 100.0, tax_total = tax_cents / 100.0');
  pgm.dropColumns('invoices', ['subtotal_cents', 'tax_cents']); // near-miss: no-destructive-migration (copied by the UPDATE above)

  // Line items: same conversion, written as drop + add.
  pgm.dropColumns('invoice_lines', ['unit_price_cents']); // expect: no-destructive-migration
  pgm.addColumns('invoice_lines', { unit_price: 'amount' });

  pgm.dropConstraint('invoices', 'invoices_number_key', { ifExists: true }); // near-miss: no-destructive-migration (constraint, no data)
  pgm.dropIndex('invoices', 'customer_email', { ifExists: true }); // near-miss: no-destructive-migration (index, no data)
};

/**
 * @param {import('node-pg-migrate').MigrationBuilder} pgm
 */
exports.down = (pgm) => {
  pgm.addColumns('invoice_lines', { unit_price_cents: { type: 'integer', notNull: true, default: 0 } });
  pgm.sql('UPDATE invoice_lines SET unit_price_cents = round(unit_price * 100)');
  pgm.dropColumns('invoice_lines', ['unit_price']); // near-miss: no-destructive-migration (down is exempt)
  pgm.addColumns('invoices', {
    subtotal_cents: { type: 'integer', notNull: true, default: 0 },
    tax_cents: { type: 'integer', notNull: true, default: 0 },
  });
  pgm.sql('UPDATE invoices SET subtotal_cents = round(subtotal * 100), tax_cents = round(tax_total * 100)');
  pgm.dropColumns('invoices', ['subtotal', 'tax_total']);
  pgm.dropTable('payment_terms');
};
