// GitHub and GitLab CLIs: deleting repositories and releases, and DELETE calls through their API commands.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';

export const gh = rule({
  id: 'github/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['gh', 'glab'],
  summary: 'deletes a repository, release or other hosted resource',
  consequence: 'A deleted repository takes its issues, pull requests and wiki with it; a deleted release and tag break whoever depends on them.',
  alternatives: ['archive the repository instead (gh repo archive)', 'ask the human to delete it in the web UI'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: ['-X', '--method', '-R', '--repo', '-f', '--field', '-F', '--raw-field', '-H', '--header', '--jq', '-q', '--hostname', '-t', '--title', '-b', '--body'],
    });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    if (words[0] === 'api') {
      const method = (p.value('-X', '--method') ?? 'GET').toUpperCase();
      return method === 'DELETE' ? { target: words[1], summary: `${inv.program} api DELETE ${words[1] ?? ''}`.trim() } : null;
    }
    if (
      words[1] === 'delete' &&
      ['repo', 'release', 'secret', 'variable', 'environment', 'project', 'cache', 'deploy-key', 'ssh-key', 'gpg-key', 'label', 'run', 'codespace', 'gist', 'snippet'].includes(words[0] ?? '')
    ) {
      const severe = words[0] === 'repo' || words[0] === 'release' || words[0] === 'project';
      return { target: words[2], severity: severe ? 'critical' : 'medium', summary: `${inv.program} ${words[0]} delete ${words[2] ?? ''}`.trim() };
    }
    return null;
  },
});

export const pack = [gh];
