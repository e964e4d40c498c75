// Every built-in rule's examples, by pack, for test/rules/examples.test.ts and nothing else: the
// examples are evidence, not behaviour, and keeping them out of every module the hook or the CLI loads
// keeps them out of both bundles (scripts/build.mjs fails the build if one gets in).

import type { RuleExamples } from '../rules/rule.js';
import { examples as airlock } from './airlock.examples.js';
import { examples as alembic } from './alembic.examples.js';
import { examples as algolia } from './algolia.examples.js';
import { examples as ansible } from './ansible.examples.js';
import { examples as apigee } from './apigee.examples.js';
import { examples as argocd } from './argocd.examples.js';
import { examples as atlas } from './atlas.examples.js';
import { examples as aws } from './aws.examples.js';
import { examples as awsCdk } from './aws-cdk.examples.js';
import { examples as azure } from './azure.examples.js';
import { examples as barman } from './barman.examples.js';
import { examples as borg } from './borg.examples.js';
import { examples as capistrano } from './capistrano.examples.js';
import { examples as cassandra } from './cassandra.examples.js';
import { examples as chroma } from './chroma.examples.js';
import { examples as clickhouse } from './clickhouse.examples.js';
import { examples as cloudflare } from './cloudflare.examples.js';
import { examples as cloudformation } from './cloudformation.examples.js';
import { examples as cockroach } from './cockroach.examples.js';
import { examples as digitalocean } from './digitalocean.examples.js';
import { examples as django } from './django.examples.js';
import { examples as dns } from './dns.examples.js';
import { examples as docker } from './docker.examples.js';
import { examples as doppler } from './doppler.examples.js';
import { examples as doctrine } from './doctrine.examples.js';
import { examples as drizzle } from './drizzle.examples.js';
import { examples as duckdb } from './duckdb.examples.js';
import { examples as duplicacy } from './duplicacy.examples.js';
import { examples as duplicity } from './duplicity.examples.js';
import { examples as ecto } from './ecto.examples.js';
import { examples as efcore } from './efcore.examples.js';
import { examples as eksctl } from './eksctl.examples.js';
import { examples as elasticsearch } from './elasticsearch.examples.js';
import { examples as filesystem } from './filesystem.examples.js';
import { examples as firebase } from './firebase.examples.js';
import { examples as fly } from './fly.examples.js';
import { examples as flyway } from './flyway.examples.js';
import { examples as gcp } from './gcp.examples.js';
import { examples as generic } from './generic.examples.js';
import { examples as git } from './git.examples.js';
import { examples as github } from './github.examples.js';
import { examples as hasura } from './hasura.examples.js';
import { examples as helm } from './helm.examples.js';
import { examples as heroku } from './heroku.examples.js';
import { examples as httpApi } from './http-api.examples.js';
import { examples as infisical } from './infisical.examples.js';
import { examples as interpreters } from './interpreters.examples.js';
import { examples as knex } from './knex.examples.js';
import { examples as kong } from './kong.examples.js';
import { examples as kopia } from './kopia.examples.js';
import { examples as kubernetes } from './kubernetes.examples.js';
import { examples as laravel } from './laravel.examples.js';
import { examples as liquibase } from './liquibase.examples.js';
import { examples as meilisearch } from './meilisearch.examples.js';
import { examples as mikroOrm } from './mikro-orm.examples.js';
import { examples as minio } from './minio.examples.js';
import { examples as mongodb } from './mongodb.examples.js';
import { examples as neon } from './neon.examples.js';
import { examples as netlify } from './netlify.examples.js';
import { examples as pgbackrest } from './pgbackrest.examples.js';
import { examples as onepassword } from './onepassword.examples.js';
import { examples as pinecone } from './pinecone.examples.js';
import { examples as planetscale } from './planetscale.examples.js';
import { examples as prisma } from './prisma.examples.js';
import { examples as pulumi } from './pulumi.examples.js';
import { examples as qdrant } from './qdrant.examples.js';
import { examples as rails } from './rails.examples.js';
import { examples as railway } from './railway.examples.js';
import { examples as mcp } from './mcp.examples.js';
import { examples as rclone } from './rclone.examples.js';
import { examples as rdiffBackup } from './rdiff-backup.examples.js';
import { examples as redis } from './redis.examples.js';
import { examples as restic } from './restic.examples.js';
import { examples as registries } from './registries.examples.js';
import { examples as s3cmd } from './s3cmd.examples.js';
import { examples as scripts } from './scripts.examples.js';
import { examples as sequelize } from './sequelize.examples.js';
import { examples as serverless } from './serverless.examples.js';
import { examples as shell } from './shell.examples.js';
import { examples as solr } from './solr.examples.js';
import { examples as sqlClients } from './sql-clients.examples.js';
import { examples as supabase } from './supabase.examples.js';
import { examples as system } from './system.examples.js';
import { examples as tarsnap } from './tarsnap.examples.js';
import { examples as terraform } from './terraform.examples.js';
import { examples as timeshift } from './timeshift.examples.js';
import { examples as turso } from './turso.examples.js';
import { examples as typeorm } from './typeorm.examples.js';
import { examples as velero } from './velero.examples.js';
import { examples as vault } from './vault.examples.js';
import { examples as vercel } from './vercel.examples.js';
import { examples as walG } from './wal-g.examples.js';
import { examples as typesense } from './typesense.examples.js';
import { examples as weaviate } from './weaviate.examples.js';
import { examples as windows } from './windows.examples.js';
import { examples as zfs } from './zfs.examples.js';

/** Keyed as src/packs/index.ts keys `packs`. */
export const examplesByPack: Record<string, RuleExamples> = {
  airlock,
  alembic,
  algolia,
  ansible,
  apigee,
  argocd,
  atlas,
  aws,
  'aws-cdk': awsCdk,
  azure,
  barman,
  borg,
  capistrano,
  cassandra,
  chroma,
  clickhouse,
  cloudflare,
  cloudformation,
  cockroach,
  digitalocean,
  django,
  dns,
  docker,
  doppler,
  doctrine,
  drizzle,
  duckdb,
  duplicacy,
  duplicity,
  ecto,
  efcore,
  eksctl,
  elasticsearch,
  filesystem,
  firebase,
  fly,
  flyway,
  gcp,
  generic,
  git,
  github,
  hasura,
  helm,
  heroku,
  'http-api': httpApi,
  infisical,
  interpreters,
  knex,
  kong,
  kopia,
  kubernetes,
  laravel,
  liquibase,
  meilisearch,
  'mikro-orm': mikroOrm,
  minio,
  mongodb,
  neon,
  netlify,
  pgbackrest,
  onepassword,
  pinecone,
  planetscale,
  prisma,
  pulumi,
  qdrant,
  rails,
  railway,
  mcp,
  rclone,
  'rdiff-backup': rdiffBackup,
  redis,
  restic,
  registries,
  s3cmd,
  scripts,
  sequelize,
  serverless,
  shell,
  solr,
  'sql-clients': sqlClients,
  supabase,
  system,
  tarsnap,
  terraform,
  timeshift,
  turso,
  typeorm,
  velero,
  vault,
  vercel,
  'wal-g': walG,
  typesense,
  weaviate,
  windows,
  zfs,
};
