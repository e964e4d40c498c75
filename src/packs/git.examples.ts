// Evidence for the rules in ./git.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'git/reset-hard': {
    catches: ['git reset --hard', 'git reset --hard origin/main', 'git -C repo reset --hard HEAD~1', 'git reset --merge'],
    passes: ['git reset --soft HEAD~1', 'git reset HEAD src/app.ts', 'git reset --keep HEAD~1', 'git log --oneline -20'],
  },
  'git/discard-worktree': {
    catches: [
      'git checkout .',
      'git checkout -- .',
      'git checkout -f',
      'git checkout HEAD~3 -- src/app.ts',
      'git restore .',
      'git restore --source=HEAD --worktree -- src/',
      'git switch --discard-changes main',
      'git checkout -- src/app.ts',
      'git switch -f main',
      'git restore --staged --worktree src/app.ts',
      'git restore -SW src/app.ts',
    ],
    passes: [
      'git checkout -b fix/null-check',
      'git checkout main',
      'git restore --staged src/app.ts',
      'git restore -S .',
      'git restore --staged --source=HEAD~1 src/app.ts',
      'git switch -c feature',
      'git checkout --orphan docs',
      'git checkout feature/login',
    ],
  },
  'git/clean': {
    catches: ['git clean -fd', 'git clean -fdx', 'git clean --force -d', 'git clean -ffdx'],
    passes: ['git clean -n', 'git clean -nd', 'git clean --dry-run -fd', 'git status'],
  },
  'git/stash-drop': {
    catches: ['git stash drop', 'git stash drop stash@{0}', 'git stash clear'],
    passes: ['git stash', 'git stash pop', 'git stash list', 'git stash push -m wip'],
  },
  'git/branch-force-delete': {
    catches: ['git branch -D feature/x', 'git branch --delete --force old', 'git branch -df old'],
    passes: ['git branch -d feature/merged-thing', 'git branch', 'git branch -a', 'git branch new-feature'],
  },
  'git/force-push': {
    catches: ['git push --force origin main', 'git push -f', 'git push origin +main', 'git push --force-with-lease origin main', 'git push --mirror backup', 'git push -f origin feature/x'],
    passes: ['git push origin feature/login-form', 'git push --force-with-lease origin feature/login-form', 'git push', 'git push -u origin HEAD'],
  },
  'git/remote-branch-delete': {
    catches: ['git push origin --delete feature/x', 'git push origin :feature/x', 'git push -d origin old', 'git push --prune origin'],
    passes: ['git push origin feature/x', 'git fetch --prune', 'git remote prune origin --dry-run'],
  },
  'git/history-rewrite': {
    catches: [
      'git filter-repo --path secrets/ --invert-paths --force',
      'git filter-branch --tree-filter "rm -f x" HEAD',
      'git reflog expire --expire=now --all',
      'git gc --prune=now',
      'git update-ref -d refs/heads/main',
      'git worktree remove --force ../wt-feature',
      'git rm -rf .',
    ],
    passes: ['git reflog', 'git gc', 'git update-ref refs/heads/x HEAD', 'git worktree list', 'git worktree remove ../wt-clean', 'git rm --cached secrets.env', 'git rm old.txt'],
  },
  'git/push': {
    catches: ['git push origin main', 'git push', 'git push -u origin HEAD'],
    passes: ['git fetch', 'git pull', 'git push --dry-run origin main', 'git push --help'],
  },
  'git/config-runs-programs': {
    catches: [
      'git config core.hooksPath /tmp/hooks',
      'git config --global core.hooksPath ~/.hooks',
      'git config core.fsmonitor ./watch.sh',
      'git config set core.hooksPath x',
      'git -c core.hooksPath=/tmp/h commit -m x',
      'git config --local core.fsmonitor "$CMD"',
    ],
    passes: ['git config user.name x', 'git config core.fsmonitor true', 'git config --get core.hooksPath', 'git config --unset core.hooksPath', 'git -c color.ui=always log', 'git config --list'],
  },
};
