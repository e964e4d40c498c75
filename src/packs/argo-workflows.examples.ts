// Evidence for the rules in ./argo-workflows.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'argo-workflows/delete': {
    catches: [
      'argo delete nightly-etl-x7k2p',
      'argo -n production delete --all',
      'argo delete --completed --older 7d -n pipelines',
      'argo delete -l workflows.argoproj.io/phase=Failed',
      'argo cron delete nightly-etl',
      'argo template delete etl-template',
      'argo cluster-template delete shared-build',
      'argo archive delete 4f1b9c2e-1c1d-4b7f-9a55-0e8b3b0f0b1a',
    ],
    passes: [
      'argo list -n pipelines',
      'argo get nightly-etl-x7k2p',
      'argo logs nightly-etl-x7k2p',
      'argo delete --all --dry-run',
      'argo cron list',
      'argo template get etl-template',
      'argo delete --help',
    ],
  },
  'argo-workflows/change': {
    catches: ['argo submit workflow.yaml -n pipelines --watch', 'argo terminate nightly-etl-x7k2p', 'argo cron suspend nightly-etl'],
    passes: ['argo list', 'argo lint workflow.yaml', 'argo submit workflow.yaml --dry-run'],
  },
};
