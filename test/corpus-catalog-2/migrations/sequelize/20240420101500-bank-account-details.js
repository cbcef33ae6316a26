'use strict';

/**
 * Ledgerly: bank accounts get structured details.
 *  - nickname  -> displayName (copied)
 *  - bic       -> moves into the new `bank_institutions` table (by reference)
 *
 * @type {import('sequelize-cli').Migration}
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.createTable(
        'bank_institutions',
        {
          id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true },
          bic: { type: Sequelize.STRING(11), allowNull: false, unique: true },
          name: { type: Sequelize.STRING, allowNull: true },
        },
        { transaction },
      );
      await queryInterface.addColumn(
        'bank_accounts',
        'institutionId',
        { type: Sequelize.INTEGER, allowNull: true, references: { model: 'bank_institutions', key: 'id' } },
        { transaction },
      );
      await queryInterface.removeColumn('bank_accounts', 'bic', { transaction }); // expect: no-destructive-migration

      await queryInterface.addColumn('bank_accounts', 'displayName', { type: Sequelize.STRING, allowNull: true }, { transaction });
      await queryInterface.sequelize.query('UPDATE bank_accounts SET "displayName" = nickname', { transaction });
      await queryInterface.removeColumn('bank_accounts', 'nickname', { transaction }); // near-miss: no-destructive-migration (copied by the UPDATE above)

      await transaction.commit();
    } catch (err) {
      await transaction.rollback();
      throw err;
    }
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('bank_accounts', 'nickname', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.sequelize.query('UPDATE bank_accounts SET nickname = "displayName"');
    await queryInterface.removeColumn('bank_accounts', 'displayName'); // near-miss: no-destructive-migration (down is exempt)
    await queryInterface.addColumn('bank_accounts', 'bic', { type: Sequelize.STRING(11), allowNull: true });
    await queryInterface.removeColumn('bank_accounts', 'institutionId');
    await queryInterface.dropTable('bank_institutions');
  },
};
