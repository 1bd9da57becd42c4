/** Placeholder replaced below once the integration infrastructure exists. */
export default async function globalSetup(): Promise<void> {}
