import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

let cluster: PostgresCluster | undefined;

/** One PostgreSQL cluster for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
