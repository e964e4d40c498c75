// Evidence for the rules in ./prisma.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';
import { CONSENT_VARIABLE } from './prisma.js';

export const examples: RuleExamples = {
  'prisma/data-loss': {
    catches: [
      'npx prisma db push --accept-data-loss',
      'npx prisma db push --force-reset',
      'npx prisma db push --accept-data-loss --force-reset',
      'npx prisma migrate reset --force',
      'pnpm dlx prisma migrate reset --force --skip-seed',
      'DATABASE_URL="postgresql://admin:***@prod-db.cluster-c9x.us-east-1.rds.amazonaws.com:5432/app" npx prisma db push --accept-data-loss',
      'yarn prisma migrate reset',
      // Prisma's own program run by path, or through another launcher, is still prisma.
      'node ./node_modules/.bin/prisma migrate reset --force',
      'npx tsx node_modules/prisma/build/index.js db push --force-reset',
      'corepack pnpm exec prisma migrate reset --force',
      'yarn workspace api prisma migrate reset --force',
      'yarn workspaces foreach -A exec prisma migrate reset --force',
      'bun run prisma migrate reset --force',
      'corepack pnpm@9.12.0 exec prisma migrate reset --force',
    ],
    passes: [
      'npx prisma migrate dev --create-only --name add_business_description',
      'npx prisma migrate status',
      'npx prisma migrate deploy',
      'npx prisma validate && npx prisma format',
      'pnpm prisma studio',
      'npx prisma migrate reset --help',
      'node node_modules/prisma/build/index.js migrate status',
      'corepack enable pnpm',
    ],
  },
  'prisma/db-execute': {
    catches: ["npx prisma db execute --stdin <<< 'DROP SCHEMA public CASCADE;'", "echo 'TRUNCATE users;' | npx prisma db execute --stdin", 'npx prisma db execute --file missing/fix.sql'],
    passes: ["npx prisma db execute --stdin <<< 'SELECT 1;'", 'npx prisma db pull'],
  },
  'prisma/schema-change': {
    catches: ['npx prisma db push', 'npx prisma migrate deploy', 'npx prisma migrate dev --name init', 'npx prisma migrate dev --create-only --name x'],
    passes: ['npx prisma migrate status', 'npx prisma generate', 'npx prisma migrate diff --from-empty --to-schema prisma/schema.prisma --script'],
  },
  'prisma/agent-set-consent': {
    catches: [`${CONSENT_VARIABLE}=yes npx prisma db push`, `env ${CONSENT_VARIABLE}=1 npx prisma migrate dev`],
    passes: ['npx prisma db push', 'npx prisma generate'],
  },
};
