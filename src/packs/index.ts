// Every rule pack, one per ecosystem. A new pack is added here and nowhere else.

import { RuleSet, type Rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';
import * as airlock from './airlock.js';
import * as alembic from './alembic.js';
import * as argocd from './argocd.js';
import * as atlas from './atlas.js';
import * as aws from './aws.js';
import * as awsCdk from './aws-cdk.js';
import * as azure from './azure.js';
import * as cassandra from './cassandra.js';
import * as clickhouse from './clickhouse.js';
import * as cloudflare from './cloudflare.js';
import * as cloudformation from './cloudformation.js';
import * as cockroach from './cockroach.js';
import * as digitalocean from './digitalocean.js';
import * as django from './django.js';
import * as docker from './docker.js';
import * as doctrine from './doctrine.js';
import * as drizzle from './drizzle.js';
import * as duckdb from './duckdb.js';
import * as ecto from './ecto.js';
import * as efcore from './efcore.js';
import * as eksctl from './eksctl.js';
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
import * as interpreters from './interpreters.js';
import * as knex from './knex.js';
import * as kubernetes from './kubernetes.js';
import * as laravel from './laravel.js';
import * as liquibase from './liquibase.js';
import * as mikroOrm from './mikro-orm.js';
import * as mongodb from './mongodb.js';
import * as neon from './neon.js';
import * as netlify from './netlify.js';
import * as planetscale from './planetscale.js';
import * as prisma from './prisma.js';
import * as pulumi from './pulumi.js';
import * as rails from './rails.js';
import * as railway from './railway.js';
import * as redis from './redis.js';
import * as scripts from './scripts.js';
import * as sequelize from './sequelize.js';
import * as serverless from './serverless.js';
import * as shell from './shell.js';
import * as sqlClients from './sql-clients.js';
import * as supabase from './supabase.js';
import * as system from './system.js';
import * as terraform from './terraform.js';
import * as turso from './turso.js';
import * as typeorm from './typeorm.js';
import * as vercel from './vercel.js';
import * as windows from './windows.js';

/** Each pack module: its rules, and what its commands act on. */
const modules: Record<string, { pack: readonly Rule[]; targets?: TargetSpec }> = {
  airlock: airlock,
  alembic: alembic,
  argocd: argocd,
  atlas: atlas,
  aws: aws,
  'aws-cdk': awsCdk,
  azure: azure,
  cassandra: cassandra,
  clickhouse: clickhouse,
  cloudflare: cloudflare,
  cloudformation: cloudformation,
  cockroach: cockroach,
  digitalocean: digitalocean,
  django: django,
  docker: docker,
  doctrine: doctrine,
  drizzle: drizzle,
  duckdb: duckdb,
  ecto: ecto,
  efcore: efcore,
  eksctl: eksctl,
  filesystem: filesystem,
  firebase: firebase,
  fly: fly,
  flyway: flyway,
  gcp: gcp,
  git: git,
  github: github,
  hasura: hasura,
  helm: helm,
  heroku: heroku,
  'http-api': httpApi,
  interpreters: interpreters,
  knex: knex,
  kubernetes: kubernetes,
  laravel: laravel,
  liquibase: liquibase,
  'mikro-orm': mikroOrm,
  mongodb: mongodb,
  neon: neon,
  netlify: netlify,
  planetscale: planetscale,
  prisma: prisma,
  pulumi: pulumi,
  rails: rails,
  railway: railway,
  redis: redis,
  scripts: scripts,
  sequelize: sequelize,
  serverless: serverless,
  shell: shell,
  'sql-clients': sqlClients,
  supabase: supabase,
  system: system,
  terraform: terraform,
  turso: turso,
  typeorm: typeorm,
  vercel: vercel,
  windows: windows,
};

const specific: Record<string, readonly Rule[]> = Object.fromEntries(Object.entries(modules).map(([name, m]) => [name, m.pack]));

const knownPrograms = new Set(Object.values(specific).flatMap((rules) => rules.flatMap((r) => r.programs ?? [])));

/** The generic rule comes last and stays out of the way of every program a pack knows. */
export const packs: Record<string, readonly Rule[]> = { ...specific, generic: [genericDestroy(knownPrograms)] };

export const allRules: readonly Rule[] = Object.values(packs).flat();

/** What each pack's commands act on (src/rules/targets.ts), by pack name. */
export const packTargets: Record<string, TargetSpec> = {
  ...Object.fromEntries(Object.entries(modules).flatMap(([name, m]) => (m.targets ? [[name, m.targets]] : []))),
  generic: genericTargets,
};

let cached: RuleSet | null = null;
export function defaultRuleSet(): RuleSet {
  cached ??= new RuleSet(packs, packTargets);
  return cached;
}
