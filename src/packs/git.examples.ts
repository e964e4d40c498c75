// Evidence for the rules in ./git.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'git/reset-hard': {
    catches: [
      'git reset --hard',
      'git reset --hard origin/main',
      'git -C repo reset --hard HEAD~1',
      'git reset --merge',
      "git -c alias.discard='reset --hard' discard",
      "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.x GIT_CONFIG_VALUE_0='reset --hard' git x",
      "X='reset --hard' git --config-env=alias.x=X x",
    ],
    passes: ['git reset --soft HEAD~1', 'git reset HEAD src/app.ts', 'git reset --keep HEAD~1', 'git log --oneline -20', "git -c alias.st='status -s' st", "git -c alias.reset='status' status"],
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
      'git read-tree -u --reset HEAD',
      'git read-tree --reset -u origin/main',
      'git checkout-index -a -f',
      'git checkout-index --force -- src/app.ts',
      'git restore --staged --worktree src/app.ts',
      'git restore -SW src/app.ts',
    ],
    passes: [
      'git read-tree HEAD',
      'git read-tree -m -u HEAD',
      'git checkout-index -a',
      'git checkout-index -a -f --prefix=export/',
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
  'git/ref-move': {
    catches: [
      'git -C r tag -d v1',
      'git tag --delete v1.0 v1.1',
      'git tag -f v1 HEAD~2',
      'git -C r branch -f feat master~1',
      'git branch --force feature/x origin/main',
      'git -C r update-ref -m x refs/heads/feat master~1',
      'git update-ref refs/tags/v1 HEAD~3',
      "printf 'update refs/heads/feat HEAD~1\\n' | git update-ref --stdin",
      'git update-ref --stdin < "$REFS"',
      'git -C r reset --keep HEAD~1',
      'git reset --keep origin/main',
    ],
    passes: [
      'git tag v1.2.0',
      'git tag -a v1.2.0 -m "release 1.2.0"',
      'git tag -l',
      'git branch feature/x origin/main',
      'git branch -M main',
      'git branch -f',
      "printf 'create refs/heads/new HEAD\\n' | git update-ref --stdin",
      'git reset --keep',
      'git reset --keep HEAD',
      'git reset --soft HEAD~1',
      'git reset HEAD~1',
    ],
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
