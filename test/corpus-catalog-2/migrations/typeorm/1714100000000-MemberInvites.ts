import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inkwell Teams (self-hosted, SQLite). Generated for the SQLite driver, which
 * cannot ALTER a column: TypeORM rebuilds the table through a temporary copy.
 *
 * - member.role becomes NOT NULL with a default
 * - member_invite gets a hashed token instead of the plain one
 */
export class MemberInvites1714100000000 implements MigrationInterface {
  name = 'MemberInvites1714100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "temporary_member" ("id" varchar PRIMARY KEY NOT NULL, "teamId" varchar NOT NULL, "email" varchar NOT NULL, "role" varchar NOT NULL DEFAULT ('editor'), "joinedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_member"("id", "teamId", "email", "role", "joinedAt") SELECT "id", "teamId", "email", COALESCE("role", 'editor'), "joinedAt" FROM "member"`,
    );
    await queryRunner.query(`DROP TABLE "member"`); // near-miss: no-destructive-migration (SQLite rebuild: rows copied into temporary_member first)
    await queryRunner.query(`ALTER TABLE "temporary_member" RENAME TO "member"`);

    await queryRunner.query(`ALTER TABLE "member_invite" ADD COLUMN "tokenHash" varchar`);
    // Plain-text tokens cannot be hashed back into links people already got.
    await queryRunner.query(`DELETE FROM "member_invite"`); // expect: no-destructive-migration
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_member_invite_tokenHash" ON "member_invite" ("tokenHash")`);

    // Expired invites are safe to delete.
    await queryRunner.query(`DELETE FROM "member_invite_audit" WHERE "createdAt" < datetime('now', '-2 years')`); // near-miss: no-destructive-migration (DELETE with a WHERE)

    // Document comments were duplicated into a denormalised table by an old
    // version; it is rebuilt from the source of truth right here.
    await queryRunner.query(`DELETE FROM "comment_search"`); // near-miss: no-destructive-migration (derived table refilled by INSERT … SELECT below)
    await queryRunner.query(
      `INSERT INTO "comment_search" ("commentId", "documentId", "body") SELECT "id", "documentId", lower("body") FROM "comment"`,
    );

    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_member_email"`); // near-miss: no-destructive-migration (index, no data)
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_member_team_email" ON "member" ("teamId", "email")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_member_team_email"`);
    await queryRunner.query(`CREATE INDEX "IDX_member_email" ON "member" ("email")`);
    await queryRunner.query(`DROP INDEX "IDX_member_invite_tokenHash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_member" ("id" varchar PRIMARY KEY NOT NULL, "teamId" varchar NOT NULL, "email" varchar NOT NULL, "role" varchar, "joinedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_member"("id", "teamId", "email", "role", "joinedAt") SELECT "id", "teamId", "email", "role", "joinedAt" FROM "member"`,
    );
    await queryRunner.query(`DROP TABLE "member"`);
    await queryRunner.query(`ALTER TABLE "temporary_member" RENAME TO "member"`);
  }
}
