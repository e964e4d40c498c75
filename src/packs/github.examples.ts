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
      'gh issue delete 42 --yes',
      'gh -R acme/prod-infra secret delete DEPLOY_KEY',
      'gh variable delete DATABASE_HOST --env production',
      'gh run delete 9876543210',
      'gh release delete-asset v2.0.0 app.tar.gz --yes',
      'gh repo deploy-key delete 1234',
      'gh project item-delete 3 --owner acme --id PVTI_x',
      'glab ci delete 123456',
      'glab ci delete --status=failed',
      'glab release delete v1.2.0 --with-tag',
      'glab variable delete AWS_SECRET_ACCESS_KEY --scope=production',
      'glab issue delete 17',
      'glab mr delete 8',
      `gh api graphql -f query='mutation { deleteIssue(input: {issueId: "I_kwDO"}) { clientMutationId } }'`,
    ],
    passes: [
      'gh issue create --title "terraform destroy wiped prod" --body "postmortem draft"',
      'gh api repos/acme/infra',
      'gh release list',
      'gh pr merge 12 --delete-branch',
      'gh repo archive acme/old',
      'gh issue list --search delete',
      'gh issue close 42',
      'gh workflow disable deploy.yml',
      'gh cache delete --all',
      'gh secret list',
      'gh run list --workflow deploy.yml',
      'glab repo archive acme/x',
      'glab ci list',
      'glab release view v1.2.0',
      'gh issue delete --help',
      `gh api graphql -f query='query { repository(owner: "acme", name: "x") { deleteBranchOnMerge } }'`,
      `gh api graphql -f query='mutation { addComment(input: {subjectId: "I_1", body: "delete me later"}) { clientMutationId } }'`,
    ],
  },
  'github/runner-unregister': {
    catches: ['gitlab-runner unregister --all-runners', 'sudo gitlab-runner unregister --name docker-prod-1', 'gitlab-runner unregister --url https://gitlab.acme.com/ --token glrt-XXXX'],
    passes: ['gitlab-runner list', 'gitlab-runner verify', 'gitlab-runner unregister --help', 'gitlab-runner register --non-interactive --url https://gitlab.acme.com/'],
  },
};
