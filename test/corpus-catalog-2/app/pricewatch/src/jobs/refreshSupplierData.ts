import { PrismaClient, Prisma } from '@prisma/client';
import axios from 'axios';
import { z } from 'zod';
import { logger } from '../logger';

/**
 * Pricewatch tracks supplier prices for small retailers. Retailers annotate
 * supplier products (their own notes, target margins, "do not reorder"
 * flags); those annotations are columns on the same rows the supplier feed
 * refreshes.
 */
const prisma = new PrismaClient();

const supplierApi = axios.create({
  baseURL: process.env.SUPPLIER_API ?? 'https://feeds.example-supplier.com/v3',
  timeout: 30_000,
  headers: { 'x-api-key': process.env.SUPPLIER_KEY ?? '' },
});

const PriceRow = z.object({
  sku: z.string().min(1),
  name: z.string(),
  priceCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
});
const PriceFeed = z.array(PriceRow).min(1);

type FeedRow = z.infer<typeof PriceRow>;

/** Hourly: the price list of one supplier. */
export async function refreshSupplierPrices(supplierId: string): Promise<number> {
  await prisma.supplierPrice.deleteMany({}); // expect: no-wipe-then-refill
  const res = await fetch(`${process.env.SUPPLIER_API}/suppliers/${supplierId}/prices`, {
    headers: { 'x-api-key': process.env.SUPPLIER_KEY ?? '' },
  });
  const rows: FeedRow[] = await res.json();
  await prisma.supplierPrice.createMany({
    data: rows.map((r) => ({ supplierId, sku: r.sku, name: r.name, priceCents: r.priceCents, currency: r.currency })),
  });
  return rows.length;
}

/** Daily: the product catalogue of one supplier, with retailer notes. */
export async function refreshSupplierProducts(supplierId: string): Promise<number> {
  const { data } = await supplierApi.get<FeedRow[]>(`/suppliers/${supplierId}/products`);
  await prisma.supplierProduct.deleteMany({}); // expect: no-wipe-then-refill
  await prisma.supplierProduct.createMany({
    data: data.map((r) => ({ supplierId, sku: r.sku, name: r.name })),
    skipDuplicates: true,
  });
  return data.length;
}

/**
 * Written after the empty-feed incident of March: validate first, then swap
 * the rows in one transaction, carrying the retailer notes across.
 */
export async function refreshSupplierStock(supplierId: string): Promise<number> {
  const { data } = await supplierApi.get(`/suppliers/${supplierId}/stock`);
  const rows = PriceFeed.parse(data);
  await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const notes = await tx.supplierStock.findMany({ select: { sku: true, retailerNote: true } });
    const noteBySku = new Map(notes.map((n) => [n.sku, n.retailerNote]));
    await tx.supplierStock.deleteMany({}); // near-miss: no-wipe-then-refill (validated feed, interactive $transaction)
    await tx.supplierStock.createMany({
      data: rows.map((r) => ({ supplierId, sku: r.sku, name: r.name, retailerNote: noteBySku.get(r.sku) ?? null })),
    });
  });
  return rows.length;
}

/** Weekly: shipping rates, a plain table nobody annotates. */
export async function refreshShippingRates(supplierId: string): Promise<number> {
  const { data } = await supplierApi.get<Array<{ zone: string; cents: number }>>(`/suppliers/${supplierId}/shipping`);
  if (data.length === 0) {
    logger.warn({ supplierId }, 'supplier returned no shipping rates; keeping the old ones');
    return 0;
  }
  await prisma.$transaction([
    prisma.shippingRate.deleteMany({ where: { supplierId } }), // near-miss: no-wipe-then-refill (guarded, batch $transaction)
    prisma.shippingRate.createMany({ data: data.map((d) => ({ supplierId, zone: d.zone, cents: d.cents })) }),
  ]);
  return data.length;
}
