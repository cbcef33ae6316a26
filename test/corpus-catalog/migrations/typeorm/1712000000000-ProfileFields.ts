import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

export class ProfileFields1712000000000 implements MigrationInterface {
  name = 'ProfileFields1712000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // generated: Profile.bio was renamed to Profile.about in the entity
    await queryRunner.query(`ALTER TABLE "profile" DROP COLUMN "bio"`); // expect: no-destructive-migration
    await queryRunner.query(`ALTER TABLE "profile" ADD "about" text NOT NULL DEFAULT ''`);

    // hand-edited: Profile.tagline -> Profile.headline
    await queryRunner.query(`ALTER TABLE "profile" RENAME COLUMN "tagline" TO "headline"`); // near-miss: no-destructive-migration (rename keeps the data)

    await queryRunner.query(`ALTER TABLE "profile" DROP CONSTRAINT "FK_profile_avatar_file"`); // near-miss: no-destructive-migration (constraint, no data)
    await queryRunner.query(`DROP INDEX "public"."IDX_profile_handle"`); // near-miss: no-destructive-migration (index, no data)
    await queryRunner.query(`ALTER TABLE "profile" ALTER COLUMN "locale" DROP DEFAULT`); // near-miss: no-destructive-migration (default, no data)
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_profile_handle_lower" ON "profile" (lower("handle"))`);

    // website becomes a list of links
    await queryRunner.addColumn('profile', new TableColumn({ name: 'links', type: 'jsonb', isNullable: false, default: `'[]'` }));
    await queryRunner.query(`UPDATE "profile" SET "links" = jsonb_build_array("website") WHERE "website" IS NOT NULL AND "website" <> ''`);
    await queryRunner.dropColumn('profile', 'website'); // near-miss: no-destructive-migration (UPDATE copied it into links first)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('profile', new TableColumn({ name: 'website', type: 'varchar', isNullable: true }));
    await queryRunner.query(`UPDATE "profile" SET "website" = "links"->>0`);
    await queryRunner.dropColumn('profile', 'links'); // near-miss: no-destructive-migration (down is exempt)
    await queryRunner.query(`DROP INDEX "public"."IDX_profile_handle_lower"`);
    await queryRunner.query(`ALTER TABLE "profile" ALTER COLUMN "locale" SET DEFAULT 'en'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_profile_handle" ON "profile" ("handle")`);
    await queryRunner.query(
      `ALTER TABLE "profile" ADD CONSTRAINT "FK_profile_avatar_file" FOREIGN KEY ("avatar_file_id") REFERENCES "file"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(`ALTER TABLE "profile" RENAME COLUMN "headline" TO "tagline"`);
    await queryRunner.query(`ALTER TABLE "profile" DROP COLUMN "about"`);
    await queryRunner.query(`ALTER TABLE "profile" ADD "bio" text`);
  }
}
