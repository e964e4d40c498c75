// Every rule pack, one per ecosystem, and what each one's commands act on. A new pack is added here
// and nowhere else. (Each module's exports are named one by one: using a module namespace as a value
// makes the bundler build an object of getters for every pack at start-up, before every hook.)

import { RuleSet, type Rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';
import * as airlock from './airlock.js';
import * as alembic from './alembic.js';
import * as algolia from './algolia.js';
import * as ansible from './ansible.js';
import * as apigee from './apigee.js';
import * as argoWorkflows from './argo-workflows.js';
import * as argocd from './argocd.js';
import * as atlas from './atlas.js';
import * as aws from './aws.js';
import * as awsCdk from './aws-cdk.js';
import * as azure from './azure.js';
import * as barman from './barman.js';
import * as borg from './borg.js';
import * as capistrano from './capistrano.js';
import * as cassandra from './cassandra.js';
import * as chroma from './chroma.js';
import * as clickhouse from './clickhouse.js';
import * as cloudflare from './cloudflare.js';
import * as cloudformation from './cloudformation.js';
import * as cockroach from './cockroach.js';
import * as digitalocean from './digitalocean.js';
import * as django from './django.js';
import * as dns from './dns.js';
import * as docker from './docker.js';
import * as doppler from './doppler.js';
import * as doctrine from './doctrine.js';
import * as drizzle from './drizzle.js';
import * as duckdb from './duckdb.js';
import * as duplicacy from './duplicacy.js';
import * as duplicity from './duplicity.js';
import * as ecto from './ecto.js';
import * as efcore from './efcore.js';
import * as eksctl from './eksctl.js';
import * as elasticsearch from './elasticsearch.js';
import * as filesystem from './filesystem.js';
import * as firebase from './firebase.js';
import * as fly from './fly.js';
import * as flyway from './flyway.js';
import * as gcp from './gcp.js';
import { genericDestroy, targets as genericTargets } from './generic.js';
import * as git from './git.js';
import * as github from './github.js';
import * as hasura from './hasura.js';
import * as helm from './helm.js';
import * as heroku from './heroku.js';
import * as httpApi from './http-api.js';
import * as infisical from './infisical.js';
import * as interpreters from './interpreters.js';
import * as jenkins from './jenkins.js';
import * as kafka from './kafka.js';
import * as knex from './knex.js';
import * as kong from './kong.js';
import * as kopia from './kopia.js';
import * as kubernetes from './kubernetes.js';
import * as laravel from './laravel.js';
import * as liquibase from './liquibase.js';
import * as mcp from './mcp.js';
import * as meilisearch from './meilisearch.js';
import * as mikroOrm from './mikro-orm.js';
import * as minio from './minio.js';
import * as mongodb from './mongodb.js';
import * as nats from './nats.js';
import * as neon from './neon.js';
import * as netlify from './netlify.js';
import * as pgbackrest from './pgbackrest.js';
import * as onepassword from './onepassword.js';
import * as pinecone from './pinecone.js';
import * as planetscale from './planetscale.js';
import * as prisma from './prisma.js';
import * as pulsar from './pulsar.js';
import * as pulumi from './pulumi.js';
import * as qdrant from './qdrant.js';
import * as rabbitmq from './rabbitmq.js';
import * as rails from './rails.js';
import * as railway from './railway.js';
import * as rclone from './rclone.js';
import * as rdiffBackup from './rdiff-backup.js';
import * as redis from './redis.js';
import * as restic from './restic.js';
import * as registries from './registries.js';
import * as s3cmd from './s3cmd.js';
import * as scripts from './scripts.js';
import * as sequelize from './sequelize.js';
import * as serverless from './serverless.js';
import * as shell from './shell.js';
import * as solr from './solr.js';
import * as sqlClients from './sql-clients.js';
import * as supabase from './supabase.js';
import * as system from './system.js';
import * as tarsnap from './tarsnap.js';
import * as terraform from './terraform.js';
import * as timeshift from './timeshift.js';
import * as turso from './turso.js';
import * as typeorm from './typeorm.js';
import * as velero from './velero.js';
import * as vault from './vault.js';
import * as vercel from './vercel.js';
import * as walG from './wal-g.js';
import * as typesense from './typesense.js';
import * as weaviate from './weaviate.js';
import * as windows from './windows.js';
import * as zfs from './zfs.js';

const specific: Record<string, readonly Rule[]> = {
  airlock: airlock.pack,
  alembic: alembic.pack,
  algolia: algolia.pack,
  ansible: ansible.pack,
  apigee: apigee.pack,
  'argo-workflows': argoWorkflows.pack,
  argocd: argocd.pack,
  atlas: atlas.pack,
  aws: aws.pack,
  'aws-cdk': awsCdk.pack,
  azure: azure.pack,
  barman: barman.pack,
  borg: borg.pack,
  capistrano: capistrano.pack,
  cassandra: cassandra.pack,
  chroma: chroma.pack,
  clickhouse: clickhouse.pack,
  cloudflare: cloudflare.pack,
  cloudformation: cloudformation.pack,
  cockroach: cockroach.pack,
  digitalocean: digitalocean.pack,
  django: django.pack,
  dns: dns.pack,
  docker: docker.pack,
  doppler: doppler.pack,
  doctrine: doctrine.pack,
  drizzle: drizzle.pack,
  duckdb: duckdb.pack,
  duplicacy: duplicacy.pack,
  duplicity: duplicity.pack,
  ecto: ecto.pack,
  efcore: efcore.pack,
  eksctl: eksctl.pack,
  elasticsearch: elasticsearch.pack,
  filesystem: filesystem.pack,
  firebase: firebase.pack,
  fly: fly.pack,
  flyway: flyway.pack,
  gcp: gcp.pack,
  git: git.pack,
  github: github.pack,
  hasura: hasura.pack,
  helm: helm.pack,
  heroku: heroku.pack,
  'http-api': httpApi.pack,
  infisical: infisical.pack,
  interpreters: interpreters.pack,
  jenkins: jenkins.pack,
  kafka: kafka.pack,
  knex: knex.pack,
  kong: kong.pack,
  kopia: kopia.pack,
  kubernetes: kubernetes.pack,
  laravel: laravel.pack,
  liquibase: liquibase.pack,
  mcp: mcp.pack,
  meilisearch: meilisearch.pack,
  'mikro-orm': mikroOrm.pack,
  minio: minio.pack,
  mongodb: mongodb.pack,
  nats: nats.pack,
  neon: neon.pack,
  netlify: netlify.pack,
  pgbackrest: pgbackrest.pack,
  onepassword: onepassword.pack,
  pinecone: pinecone.pack,
  planetscale: planetscale.pack,
  prisma: prisma.pack,
  pulsar: pulsar.pack,
  pulumi: pulumi.pack,
  qdrant: qdrant.pack,
  rabbitmq: rabbitmq.pack,
  rails: rails.pack,
  railway: railway.pack,
  rclone: rclone.pack,
  'rdiff-backup': rdiffBackup.pack,
  redis: redis.pack,
  restic: restic.pack,
  registries: registries.pack,
  s3cmd: s3cmd.pack,
  scripts: scripts.pack,
  sequelize: sequelize.pack,
  serverless: serverless.pack,
  shell: shell.pack,
  solr: solr.pack,
  'sql-clients': sqlClients.pack,
  supabase: supabase.pack,
  system: system.pack,
  tarsnap: tarsnap.pack,
  terraform: terraform.pack,
  timeshift: timeshift.pack,
  turso: turso.pack,
  typeorm: typeorm.pack,
  velero: velero.pack,
  vault: vault.pack,
  vercel: vercel.pack,
  'wal-g': walG.pack,
  typesense: typesense.pack,
  weaviate: weaviate.pack,
  windows: windows.pack,
  zfs: zfs.pack,
};

const knownPrograms = new Set(Object.values(specific).flatMap((rules) => rules.flatMap((r) => r.programs ?? [])));

/** The generic rule comes last and stays out of the way of every program a pack knows. */
export const packs: Record<string, readonly Rule[]> = { ...specific, generic: [genericDestroy(knownPrograms)] };

export const allRules: readonly Rule[] = Object.values(packs).flat();

/** What each pack's commands act on (src/rules/targets.ts), by pack name. */
export const packTargets: Record<string, TargetSpec> = {
  alembic: alembic.targets,
  algolia: algolia.targets,
  ansible: ansible.targets,
  apigee: apigee.targets,
  'argo-workflows': argoWorkflows.targets,
  argocd: argocd.targets,
  atlas: atlas.targets,
  aws: aws.targets,
  'aws-cdk': awsCdk.targets,
  azure: azure.targets,
  barman: barman.targets,
  borg: borg.targets,
  capistrano: capistrano.targets,
  cassandra: cassandra.targets,
  chroma: chroma.targets,
  clickhouse: clickhouse.targets,
  cloudflare: cloudflare.targets,
  cloudformation: cloudformation.targets,
  cockroach: cockroach.targets,
  digitalocean: digitalocean.targets,
  django: django.targets,
  dns: dns.targets,
  docker: docker.targets,
  doppler: doppler.targets,
  doctrine: doctrine.targets,
  drizzle: drizzle.targets,
  duckdb: duckdb.targets,
  duplicacy: duplicacy.targets,
  duplicity: duplicity.targets,
  ecto: ecto.targets,
  efcore: efcore.targets,
  eksctl: eksctl.targets,
  elasticsearch: elasticsearch.targets,
  filesystem: filesystem.targets,
  firebase: firebase.targets,
  fly: fly.targets,
  flyway: flyway.targets,
  gcp: gcp.targets,
  git: git.targets,
  github: github.targets,
  hasura: hasura.targets,
  helm: helm.targets,
  heroku: heroku.targets,
  'http-api': httpApi.targets,
  infisical: infisical.targets,
  interpreters: interpreters.targets,
  jenkins: jenkins.targets,
  kafka: kafka.targets,
  knex: knex.targets,
  kong: kong.targets,
  kopia: kopia.targets,
  kubernetes: kubernetes.targets,
  laravel: laravel.targets,
  liquibase: liquibase.targets,
  meilisearch: meilisearch.targets,
  'mikro-orm': mikroOrm.targets,
  minio: minio.targets,
  mongodb: mongodb.targets,
  netlify: netlify.targets,
  onepassword: onepassword.targets,
  pgbackrest: pgbackrest.targets,
  pinecone: pinecone.targets,
  nats: nats.targets,
  prisma: prisma.targets,
  pulsar: pulsar.targets,
  pulumi: pulumi.targets,
  qdrant: qdrant.targets,
  rabbitmq: rabbitmq.targets,
  rails: rails.targets,
  railway: railway.targets,
  rclone: rclone.targets,
  'rdiff-backup': rdiffBackup.targets,
  redis: redis.targets,
  restic: restic.targets,
  registries: registries.targets,
  s3cmd: s3cmd.targets,
  scripts: scripts.targets,
  sequelize: sequelize.targets,
  serverless: serverless.targets,
  solr: solr.targets,
  'sql-clients': sqlClients.targets,
  supabase: supabase.targets,
  system: system.targets,
  tarsnap: tarsnap.targets,
  terraform: terraform.targets,
  timeshift: timeshift.targets,
  typeorm: typeorm.targets,
  typesense: typesense.targets,
  vault: vault.targets,
  velero: velero.targets,
  vercel: vercel.targets,
  'wal-g': walG.targets,
  weaviate: weaviate.targets,
  generic: genericTargets,
  zfs: zfs.targets,
};

let cached: RuleSet | null = null;
export function defaultRuleSet(): RuleSet {
  cached ??= new RuleSet(packs, packTargets);
  return cached;
}

/**
 * The built-in packs with one more at the end (a policy's own rules). The hook's bundle replaces this
 * module with one that loads packs as commands name them (scripts/build.mjs): what it exports is the
 * same, so nothing else needs to know.
 */
export function ruleSetWith(pack: string, rules: readonly Rule[], targets: TargetSpec): RuleSet {
  return new RuleSet({ ...packs, [pack]: rules }, { ...packTargets, [pack]: targets });
}
