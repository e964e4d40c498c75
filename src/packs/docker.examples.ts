// Evidence for the rules in ./docker.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'docker/volumes': {
    catches: [
      'docker volume rm app_pgdata',
      'docker compose -f docker-compose.prod.yml down -v --remove-orphans',
      'podman system reset --force',
      'docker system prune -a --volumes -f',
      'docker volume prune --all -f',
      'docker-compose down --volumes',
      'docker rm -f $(docker ps -aq)',
      'docker rm -v db',
    ],
    passes: ['docker rm -f api-dev', 'docker builder prune -f', 'docker compose down', 'docker system prune -f', 'docker volume ls', 'docker image prune -a'],
  },
};
