// Every rule pack, one per ecosystem, and what each one's commands act on. A new pack is added here
// and nowhere else. (Each module's exports are named one by one: using a module namespace as a value
// makes the bundler build an object of getters for every pack at start-up, before every hook.)

import { RuleSet, type Rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';
import * as airlock from './airlock.js';
import * as alembic from './alembic.js';
import * as ansible from './ansible.js';
import * as argocd from './argocd.js';
import * as atlas from './atlas.js';
import * as aws from './aws.js';
import * as awsCdk from './aws-cdk.js';
import * as azure from './azure.js';
import * as capistrano from './capistrano.js';
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
import * as mcp from './mcp.js';
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

const specific: Record<string, readonly Rule[]> = {
  airlock: airlock.pack,
  alembic: alembic.pack,
  ansible: ansible.pack,
  argocd: argocd.pack,
  atlas: atlas.pack,
  aws: aws.pack,
  'aws-cdk': awsCdk.pack,
  azure: azure.pack,
  capistrano: capistrano.pack,
  cassandra: cassandra.pack,
  clickhouse: clickhouse.pack,
  cloudflare: cloudflare.pack,
  cloudformation: cloudformation.pack,
  cockroach: cockroach.pack,
  digitalocean: digitalocean.pack,
  django: django.pack,
  docker: docker.pack,
  doctrine: doctrine.pack,
  drizzle: drizzle.pack,
  duckdb: duckdb.pack,
  ecto: ecto.pack,
  efcore: efcore.pack,
  eksctl: eksctl.pack,
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
  interpreters: interpreters.pack,
  knex: knex.pack,
  kubernetes: kubernetes.pack,
  laravel: laravel.pack,
  liquibase: liquibase.pack,
  mcp: mcp.pack,
  'mikro-orm': mikroOrm.pack,
  mongodb: mongodb.pack,
  neon: neon.pack,
  netlify: netlify.pack,
  planetscale: planetscale.pack,
  prisma: prisma.pack,
  pulumi: pulumi.pack,
  rails: rails.pack,
  railway: railway.pack,
  redis: redis.pack,
  scripts: scripts.pack,
  sequelize: sequelize.pack,
  serverless: serverless.pack,
  shell: shell.pack,
  'sql-clients': sqlClients.pack,
  supabase: supabase.pack,
  system: system.pack,
  terraform: terraform.pack,
  turso: turso.pack,
  typeorm: typeorm.pack,
  vercel: vercel.pack,
  windows: windows.pack,
};

const knownPrograms = new Set(Object.values(specific).flatMap((rules) => rules.flatMap((r) => r.programs ?? [])));

/** The generic rule comes last and stays out of the way of every program a pack knows. */
export const packs: Record<string, readonly Rule[]> = { ...specific, generic: [genericDestroy(knownPrograms)] };

export const allRules: readonly Rule[] = Object.values(packs).flat();

/** What each pack's commands act on (src/rules/targets.ts), by pack name. */
export const packTargets: Record<string, TargetSpec> = {
  alembic: alembic.targets,
  ansible: ansible.targets,
  argocd: argocd.targets,
  atlas: atlas.targets,
  aws: aws.targets,
  'aws-cdk': awsCdk.targets,
  azure: azure.targets,
  capistrano: capistrano.targets,
  cassandra: cassandra.targets,
  clickhouse: clickhouse.targets,
  cloudflare: cloudflare.targets,
  cloudformation: cloudformation.targets,
  cockroach: cockroach.targets,
  digitalocean: digitalocean.targets,
  django: django.targets,
  docker: docker.targets,
  doctrine: doctrine.targets,
  drizzle: drizzle.targets,
  duckdb: duckdb.targets,
  ecto: ecto.targets,
  efcore: efcore.targets,
  eksctl: eksctl.targets,
  filesystem: filesystem.targets,
  firebase: firebase.targets,
  fly: fly.targets,
  flyway: flyway.targets,
  gcp: gcp.targets,
  git: git.targets,
  hasura: hasura.targets,
  helm: helm.targets,
  heroku: heroku.targets,
  'http-api': httpApi.targets,
  interpreters: interpreters.targets,
  knex: knex.targets,
  kubernetes: kubernetes.targets,
  laravel: laravel.targets,
  liquibase: liquibase.targets,
  'mikro-orm': mikroOrm.targets,
  mongodb: mongodb.targets,
  netlify: netlify.targets,
  prisma: prisma.targets,
  pulumi: pulumi.targets,
  rails: rails.targets,
  railway: railway.targets,
  redis: redis.targets,
  scripts: scripts.targets,
  sequelize: sequelize.targets,
  serverless: serverless.targets,
  'sql-clients': sqlClients.targets,
  supabase: supabase.targets,
  terraform: terraform.targets,
  typeorm: typeorm.targets,
  vercel: vercel.targets,
  generic: genericTargets,
};

let cached: RuleSet | null = null;
export function defaultRuleSet(): RuleSet {
  cached ??= new RuleSet(packs, packTargets);
  return cached;
}
