import Redis from 'ioredis';

/**
 * Shopping carts live only in Redis until checkout: there is no other copy of
 * what a customer put in their cart. The instance is self-hosted
 * (redis:7 on a VM) and the API configures it on start.
 */
export const redis = new Redis(process.env.CART_REDIS_URL ?? 'redis://carts:6379/0', {
  maxRetriesPerRequest: 3,
  enableAutoPipelining: true,
});

/** Separate instance for rate-limit counters; it keeps nothing worth saving. */
export const rateLimitRedis = new Redis(process.env.RATELIMIT_REDIS_URL ?? 'redis://ratelimit:6379/0');

const CART_TTL_SECONDS = 60 * 60 * 24 * 30;

export type CartLine = { sku: string; qty: number; priceCents: number };

export async function configureCartRedis(): Promise<void> {
  await redis.config('SET', 'maxmemory-policy', 'noeviction'); // near-miss: no-unacknowledged-write (eviction policy, not persistence)
  await redis.config('SET', 'appendonly', 'yes'); // near-miss: no-unacknowledged-write (AOF switched on)
  await redis.config('SET', 'appendfsync', 'everysec');
}

/**
 * Black Friday mode: toggled by ops from the admin panel.
 */
export async function enableSaleMode(): Promise<void> {
  await redis.config('SET', 'appendonly', 'no'); // expect: no-unacknowledged-write
  await redis.config('SET', 'hz', '50');
}

export async function disableSaleMode(): Promise<void> {
  await redis.config('SET', 'appendonly', 'yes');
  await redis.config('SET', 'hz', '10');
}

export async function addToCart(cartId: string, line: CartLine): Promise<void> {
  const key = `cart:${cartId}`;
  await redis
    .multi()
    .hset(key, line.sku, JSON.stringify(line))
    .expire(key, CART_TTL_SECONDS)
    .exec();
}

export async function readCart(cartId: string): Promise<CartLine[]> {
  const fields = await redis.hgetall(`cart:${cartId}`);
  return Object.values(fields).map((v) => JSON.parse(v) as CartLine);
}

export async function hit(ip: string, windowSeconds: number): Promise<number> {
  const key = `rl:${ip}:${Math.floor(Date.now() / 1000 / windowSeconds)}`;
  const [[, count]] = (await rateLimitRedis.multi().incr(key).expire(key, windowSeconds).exec()) as [[null, number]];
  return count;
}
