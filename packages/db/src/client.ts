import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

/**
 * The Prisma client over node-postgres (Prisma's JavaScript engine: no native binary to fetch).
 * Construct once per process, in the service's composition root.
 */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}
