// GitHub and GitLab: their CLIs (`gh`, `glab`) deleting repositories, releases, issues, pipelines,
// secrets and variables, DELETE calls through their API commands, and unregistering GitLab runners.

import { parseOptions } from '../rules/argv.js';
import { deletingMutation } from '../rules/graphql.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const GH_VALUES = [
  '-X',
  '--method',
  '-R',
  '--repo',
  '-f',
  '--field',
  '-F',
  '--raw-field',
  '-H',
  '--header',
  '--jq',
  '-q',
  '--hostname',
  '-t',
  '--title',
  '-b',
  '--body',
  '-S',
  '--search',
  '-l',
  '--label',
  '-L',
  '--limit',
  '-a',
  '--assignee',
  '--json',
  '-e',
  '--env',
  '-g',
  '--group',
  '-o',
  '--org',
  '--owner',
  '-s',
  '--scope',
  '--status',
  '--key',
];

/** What a delete takes with it, by the noun it deletes: a repository everything, a cache nothing that can't be rebuilt. */
const DELETABLE: Readonly<Record<string, Hit['severity']>> = {
  repo: 'critical',
  project: 'critical',
  release: 'high',
  issue: 'high',
  mr: 'high',
  ci: 'high',
  run: 'medium',
  secret: 'high',
  variable: 'medium',
  environment: 'high',
  'deploy-key': 'medium',
  'ssh-key': 'medium',
  'gpg-key': 'medium',
  label: 'medium',
  codespace: 'medium',
  gist: 'high',
  snippet: 'high',
  schedule: 'medium',
  autolink: 'low',
  milestone: 'medium',
};

/** Verbs that delete, as the two CLIs spell them (`gh release delete-asset`, `gh project item-delete`). */
const DELETE_VERB = /^(delete|delete-asset|item-delete|field-delete)$/;

export const gh = rule({
  id: 'github/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['gh', 'glab'],
  summary: 'deletes a repository, release, issue, pipeline, secret or other hosted resource',
  consequence: 'A deleted repository takes its issues, pull requests and wiki with it; a deleted release and tag break whoever depends on them; a deleted issue or secret has no undo.',
  alternatives: ['archive the repository instead (gh repo archive)', 'close the issue instead of deleting it', 'ask the human to delete it in the web UI'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: GH_VALUES });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    if (words[0] === 'api') {
      const method = (p.value('-X', '--method') ?? 'GET').toUpperCase();
      if (method === 'DELETE') return { target: words[1], summary: `${inv.program} api DELETE ${words[1] ?? ''}`.trim() };
      // `gh api graphql -f query='mutation { deleteIssue(…) }'`
      const mutation = words[1] === 'graphql' ? deletingMutation(p.values('-f', '--field', '-F', '--raw-field').join('\n')) : undefined;
      return mutation ? { target: mutation, summary: `${inv.program} api graphql: mutation ${mutation}` } : null;
    }
    // `gh repo deploy-key delete` and `gh repo autolink delete` put the noun one word further.
    const nested = words[0] === 'repo' && DELETE_VERB.test(words[2] ?? '');
    const [noun, verb, target] = nested ? [words[1]!, words[2]!, words[3]] : [words[0] ?? '', words[1] ?? '', words[2]];
    const what = `${inv.program} ${words.slice(0, nested ? 4 : 3).join(' ')}`;
    if (DELETE_VERB.test(verb)) {
      // Caches are rebuilt by the next workflow run that misses them.
      if (noun === 'cache')
        return { effect: 'write', severity: 'low', target, summary: `${what}: caches are rebuilt on the next run`, consequence: 'The next workflow runs are slower while they rebuild the caches.' };
      const severity = DELETABLE[noun];
      if (severity) return { severity, target, summary: what };
    }
    if (inv.program === 'gh' && ((noun === 'repo' && (verb === 'archive' || verb === 'rename' || verb === 'edit')) || (noun === 'workflow' && verb === 'disable')))
      return {
        effect: 'write',
        severity: 'medium',
        target,
        summary: `${what}: reversible (${verb === 'archive' ? 'gh repo unarchive' : verb === 'disable' ? 'gh workflow enable' : 'edit it back'})`,
        consequence: 'The repository or workflow changes state until someone changes it back.',
      };
    return null;
  },
});

export const runnerUnregister = rule({
  id: 'github/runner-unregister',
  effect: 'destroy',
  severity: 'high',
  programs: ['gitlab-runner'],
  summary: 'unregisters GitLab runners: deletes them on the GitLab server and removes them from the local configuration',
  consequence: 'The runner is deleted from GitLab and its token invalidated; pipelines that need its tags wait until someone registers a new one with a fresh token.',
  alternatives: ['gitlab-runner list to show a human which runners are configured', 'pause the runner in GitLab instead'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-c', '--config', '-n', '--name', '-u', '--url', '-t', '--token'] });
    if (p.has('--help', '-h') || p.positionals[0]?.text !== 'unregister') return null;
    if (p.has('--all-runners')) return { severity: 'critical', summary: 'gitlab-runner unregister --all-runners: every runner in the configuration is deleted' };
    const name = p.value('-n', '--name');
    return { target: name, summary: `gitlab-runner unregister ${name ?? p.value('-u', '--url') ?? ''}`.trim() };
  },
});

export const pack = [gh, runnerUnregister];

/** What its commands act on (src/rules/targets.ts): the repository (`-R owner/prod-infra`), the host and the runner's GitLab. */
export const targets: TargetSpec = {
  options: { '-R': names.name, '--repo': names.name, '--hostname': names.name, '--url': names.url },
  of: (inv) => variableTargets(inv, { GH_REPO: names.name, GH_HOST: names.name, GITLAB_HOST: names.name, CI_SERVER_URL: names.url }),
};
