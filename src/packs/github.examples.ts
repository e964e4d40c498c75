// Evidence for the rules in ./github.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'github/delete': {
    catches: [
      'gh api -X DELETE repos/acme/infra',
      'gh release delete v2.0.0 --yes --cleanup-tag',
      'gh repo delete acme/old --yes',
      'glab repo delete acme/x',
      'gh api --method DELETE /repos/acme/x/git/refs/heads/main',
      'glab api -X DELETE projects/1',
    ],
    passes: [
      'gh issue create --title "terraform destroy wiped prod" --body "postmortem draft"',
      'gh api repos/acme/infra',
      'gh release list',
      'gh pr merge 12 --delete-branch',
      'gh repo archive acme/old',
    ],
  },
};
