import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Keyhaven desktop, local SQLite index (better-sqlite3 driver).
 * Runs on the user's machine at start-up after an update.
 */
export class VaultItemFolders1715550000000 implements MigrationInterface {
  name = 'VaultItemFolders1715550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite cannot add a foreign key in place: TypeORM rebuilds the table.
    await queryRunner.query(
      `CREATE TABLE "temporary_vault_item" ("id" varchar PRIMARY KEY NOT NULL, "title" varchar NOT NULL, "blob" blob NOT NULL, "folderId" varchar, "updatedAt" datetime NOT NULL, CONSTRAINT "FK_vault_item_folder" FOREIGN KEY ("folderId") REFERENCES "folder" ("id") ON DELETE SET NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_vault_item"("id", "title", "blob", "folderId", "updatedAt") SELECT "id", "title", "blob", "folderId", "updatedAt" FROM "vault_item"`,
    );
    await queryRunner.query(`DROP TABLE "vault_item"`); // near-miss: no-destructive-migration (TypeORM SQLite rebuild: copied into temporary_vault_item first)
    await queryRunner.query(`ALTER TABLE "temporary_vault_item" RENAME TO "vault_item"`);

    // Folder icons: free-text emoji become named icons.
    await queryRunner.addColumn('folder', new TableColumn({ name: 'iconName', type: 'varchar', isNullable: true }));
    await queryRunner.query(`UPDATE "folder" SET "iconName" = CASE "icon" WHEN '🔑' THEN 'key' WHEN '💳' THEN 'card' ELSE 'folder' END`);
    await queryRunner.dropColumn('folder', 'icon'); // near-miss: no-destructive-migration (recomputed into iconName above)

    // Devices: the sync server now wants JWK instead of PEM.
    await queryRunner.addColumn('device', new TableColumn({ name: 'publicKeyJwk', type: 'text', isNullable: true }));
    await queryRunner.dropColumn('device', 'publicKeyPem'); // expect: no-destructive-migration
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('device', new TableColumn({ name: 'publicKeyPem', type: 'text', isNullable: true }));
    await queryRunner.dropColumn('device', 'publicKeyJwk'); // near-miss: no-destructive-migration (down)
    await queryRunner.addColumn('folder', new TableColumn({ name: 'icon', type: 'varchar', isNullable: true }));
    await queryRunner.dropColumn('folder', 'iconName'); // near-miss: no-destructive-migration (down)
  }
}
