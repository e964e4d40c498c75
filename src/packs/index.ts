// Every rule pack, one per ecosystem. A new pack is added here and nowhere else.

import { RuleSet, type Rule } from '../rules/rule.js';
import * as awsCdk from './aws-cdk.js';
import * as cloudformation from './cloudformation.js';
import * as drizzle from './drizzle.js';
import * as filesystem from './filesystem.js';
import * as git from './git.js';
import * as interpreters from './interpreters.js';
import * as prisma from './prisma.js';
import * as pulumi from './pulumi.js';
import * as serverless from './serverless.js';
import * as shell from './shell.js';
import * as sqlClients from './sql-clients.js';
import * as supabase from './supabase.js';
import * as terraform from './terraform.js';

export const packs: Record<string, readonly Rule[]> = {
  'aws-cdk': awsCdk.pack,
  cloudformation: cloudformation.pack,
  drizzle: drizzle.pack,
  filesystem: filesystem.pack,
  git: git.pack,
  interpreters: interpreters.pack,
  prisma: prisma.pack,
  pulumi: pulumi.pack,
  serverless: serverless.pack,
  shell: shell.pack,
  'sql-clients': sqlClients.pack,
  supabase: supabase.pack,
  terraform: terraform.pack,
};

export const allRules: readonly Rule[] = Object.values(packs).flat();

let cached: RuleSet | null = null;
export function defaultRuleSet(): RuleSet {
  cached ??= new RuleSet(allRules);
  return cached;
}
