'use strict';

/**
 * Invoices point at a billing contact instead of carrying a free-text e-mail;
 * customers get a proper VAT id column; the drafts table is reset for the new editor.
 *
 * @type {import('sequelize-cli').Migration}
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.addColumn(
        'invoices',
        'billing_contact_id',
        { type: Sequelize.UUID, allowNull: true, references: { model: 'contacts', key: 'id' }, onDelete: 'SET NULL' },
        { transaction },
      );
      await queryInterface.removeColumn('invoices', 'billing_email', { transaction }); // expect: no-destructive-migration

      await queryInterface.addColumn('customers', 'vat_id', { type: Sequelize.STRING(32), allowNull: true }, { transaction });
      await queryInterface.sequelize.query('UPDATE customers SET vat_id = tax_number WHERE tax_number IS NOT NULL', { transaction });
      await queryInterface.removeColumn('customers', 'tax_number', { transaction }); // near-miss: no-destructive-migration (UPDATE copied it into vat_id first)

      // The new editor stores drafts as documents; old drafts cannot be opened by it.
      await queryInterface.addColumn('invoice_drafts', 'document', { type: Sequelize.JSONB, allowNull: true }, { transaction });
      await queryInterface.bulkDelete('invoice_drafts', null, { transaction }); // expect: no-destructive-migration

      await queryInterface.bulkDelete('invoice_reminders', { status: 'cancelled' }, { transaction }); // near-miss: no-destructive-migration (bulkDelete with a condition)

      await queryInterface.addIndex('invoices', ['billing_contact_id'], { transaction });
      await transaction.commit();
    } catch (err) {
      await transaction.rollback();
      throw err;
    }
  },

  async down(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.removeIndex('invoices', ['billing_contact_id'], { transaction });
      await queryInterface.removeColumn('invoice_drafts', 'document', { transaction });
      await queryInterface.addColumn('customers', 'tax_number', { type: Sequelize.STRING(32), allowNull: true }, { transaction });
      await queryInterface.sequelize.query('UPDATE customers SET tax_number = vat_id', { transaction });
      await queryInterface.removeColumn('customers', 'vat_id', { transaction }); // near-miss: no-destructive-migration (down is exempt)
      await queryInterface.addColumn('invoices', 'billing_email', { type: Sequelize.STRING, allowNull: true }, { transaction });
      await queryInterface.removeColumn('invoices', 'billing_contact_id', { transaction });
      await transaction.commit();
    } catch (err) {
      await transaction.rollback();
      throw err;
    }
  },
};
