import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey } from 'typeorm';

/**
 * Pinboard API: card "tags" become board-scoped "labels" with colours, and
 * the card-to-tag join table is replaced.
 */
export class LabelsReplaceTags1713500000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'label',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true, generationStrategy: 'uuid', default: 'gen_random_uuid()' },
          { name: 'boardId', type: 'uuid' },
          { name: 'name', type: 'varchar', length: '60' },
          { name: 'color', type: 'varchar', length: '7', default: `'#8899aa'` },
        ],
      }),
      true,
    );
    await queryRunner.createForeignKey(
      'label',
      new TableForeignKey({ columnNames: ['boardId'], referencedTableName: 'board', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'card_label',
        columns: [
          { name: 'cardId', type: 'uuid', isPrimary: true },
          { name: 'labelId', type: 'uuid', isPrimary: true },
        ],
      }),
      true,
    );

    // Carry the board-level tags over as labels, keeping their ids.
    await queryRunner.query(
      `INSERT INTO "label" ("id", "boardId", "name") SELECT "id", "boardId", "title" FROM "tag"`,
    );
    await queryRunner.query(`INSERT INTO "card_label" ("cardId", "labelId") SELECT "cardId", "tagId" FROM "card_tag"`);
    await queryRunner.dropTable('card_tag'); // near-miss: no-destructive-migration (rows copied into card_label first)
    await queryRunner.dropTable('tag'); // near-miss: no-destructive-migration (board tags copied into label first)

    // Card colour: was a free-text "legacyColor", now a validated hex column.
    await queryRunner.addColumn('card', new TableColumn({ name: 'color', type: 'varchar', length: '7', isNullable: true }));
    await queryRunner.dropColumn('card', 'legacyColor'); // expect: no-destructive-migration

    // Card cover image: renamed, with the old column kept under a backup name.
    await queryRunner.renameColumn('card', 'cover', 'legacy_cover');
    await queryRunner.addColumn('card', new TableColumn({ name: 'coverAttachmentId', type: 'uuid', isNullable: true }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('card', 'coverAttachmentId');
    await queryRunner.renameColumn('card', 'legacy_cover', 'cover');
    await queryRunner.addColumn('card', new TableColumn({ name: 'legacyColor', type: 'varchar', isNullable: true }));
    await queryRunner.dropColumn('card', 'color');
    await queryRunner.dropTable('card_label'); // near-miss: no-destructive-migration (down is exempt)
    await queryRunner.dropTable('label');
  }
}
