import {
  S3Client,
  ListObjectsV2Command,
  DeleteObjectsCommand,
  CopyObjectCommand,
  PutObjectCommand,
  HeadObjectCommand,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { db } from '../db/postgres';
import { logger } from '../logger';

const s3 = new S3Client({ region: process.env.AWS_REGION });
const UPLOADS = process.env.UPLOADS_BUCKET!;
const COLD = process.env.COLD_BUCKET!;

// Thumbnail sizes; 0 means "keep the original dimension".
export const SIZES = [
  { name: 'original', w: 0, h: 0 }, // near-miss: no-unacknowledged-write (image size, not a write concern)
  { name: 'large', w: 1600, h: 0 },
  { name: 'thumb', w: 320, h: 320 },
];

/** GDPR erasure: delete every file of the account, then mark the account erased. */
export async function eraseAccountFiles(accountId: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: UPLOADS, Prefix: `${accountId}/`, ContinuationToken: token }));
    const keys: ObjectIdentifier[] = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length > 0) {
      await s3.send(new DeleteObjectsCommand({ Bucket: UPLOADS, Delete: { Objects: keys, Quiet: true } })); // expect: no-unchecked-batch-result
    }
    token = page.NextContinuationToken;
  } while (token);
  await db.query('UPDATE accounts SET files_erased_at = now() WHERE id = $1', [accountId]);
}

/** Removes the old versions of a document after the user restored an earlier one. */
export async function pruneVersions(docId: string, versions: Array<{ key: string; versionId: string }>): Promise<void> {
  if (versions.length === 0) return;
  const out = await s3.send(new DeleteObjectsCommand({ // near-miss: no-unchecked-batch-result (Errors checked)
    Bucket: UPLOADS,
    Delete: { Objects: versions.map((v) => ({ Key: v.key, VersionId: v.versionId })) },
  }));
  if (out.Errors && out.Errors.length > 0) {
    throw new Error(`pruneVersions(${docId}): ${out.Errors.length} versions not deleted: ${out.Errors[0].Message}`);
  }
  await db.query('DELETE FROM document_versions WHERE doc_id = $1 AND version_id = ANY($2)', [docId, versions.map((v) => v.versionId)]);
}

async function copyToCold(key: string): Promise<void> {
  await s3.send(new CopyObjectCommand({ Bucket: COLD, Key: key, CopySource: `${UPLOADS}/${encodeURIComponent(key)}`, StorageClass: 'GLACIER_IR' }));
}

/** Nightly: mirror files not touched for a year to the cold bucket, then mark them mirrored. */
export async function mirrorToCold(keys: string[]): Promise<void> {
  const results = await Promise.allSettled(keys.map((key) => copyToCold(key))); // expect: no-unchecked-batch-result
  const copied = results.filter((r) => r.status === 'fulfilled').length;
  logger.info(`mirrored ${copied}/${keys.length} files to cold storage`);
  await db.query('UPDATE files SET mirrored_at = now() WHERE key = ANY($1)', [keys]);
}

export async function renderThumbnails(key: string, original: Buffer): Promise<void> {
  const results = await Promise.allSettled( // near-miss: no-unchecked-batch-result (rejected results collected and thrown)
    SIZES.filter((s) => s.w > 0).map(async (s) => {
      const body = await sharp(original).resize(s.w || undefined, s.h || undefined, { fit: 'inside' }).webp().toBuffer();
      await s3.send(new PutObjectCommand({ Bucket: UPLOADS, Key: `${key}.${s.name}.webp`, Body: body, ContentType: 'image/webp' }));
    }),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), `${failed.length} thumbnails failed for ${key}`);
}

export async function existingKeys(keys: string[]): Promise<string[]> {
  const heads = await Promise.allSettled(keys.map((Key) => s3.send(new HeadObjectCommand({ Bucket: UPLOADS, Key })))); // near-miss: no-unchecked-batch-result (settles reads, not writes)
  return keys.filter((_, i) => heads[i].status === 'fulfilled');
}
