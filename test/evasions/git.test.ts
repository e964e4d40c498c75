// git evasions (issue 12, point 4): commands git runs for aliases, drivers, editors and pagers, the
// commands rebase/difftool are handed, and plumbing that writes the index over the working tree.
// Each case runs for real in a scratch repository (see cases.ts).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evasionTests, type EvasionCase } from './cases.js';

const COMMITTED = 'committed\n';
const WORK = 'uncommitted work\n';

/** A repository in `project/` with notes.txt committed twice and then edited, and a folder beside it, `shared/`, holding data. */
function repo(dir: string, extra: (project: string) => void = () => {}): void {
  const project = join(dir, 'project');
  mkdirSync(project);
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'shared/customers.csv'), 'id,name\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: project, stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(join(project, 'notes.txt'), 'first\n');
  git('add', '.');
  git('commit', '-qm', 'one');
  writeFileSync(join(project, 'notes.txt'), COMMITTED);
  git('commit', '-qam', 'two');
  writeFileSync(join(project, 'notes.txt'), WORK);
  git('config', 'user.name', 't');
  git('config', 'user.email', 't@example.com');
  extra(project);
}
const workLost = (dir: string) => (readFileSync(join(dir, 'project/notes.txt'), 'utf8') === WORK ? 'the uncommitted edit is still there' : true);
const sharedGone = (dir: string) => (existsSync(join(dir, 'shared/customers.csv')) ? 'shared/customers.csv is still there' : true);
const withAttributes = (line: string) => (dir: string) => repo(dir, (project) => writeFileSync(join(project, '.gitattributes'), `${line}\n`));

/** Runs git in the project of a scratch case, as its setup does. */
const gitIn = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: join(dir, 'project'), encoding: 'utf8' });
/** A repository whose branch `feat` holds a commit, "three", that no other ref reaches; `tagged` also tags it v1. */
function featBranch(dir: string, tagged = false): void {
  repo(dir, (project) => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, stdio: 'ignore' });
    git('stash', '-q');
    git('checkout', '-qb', 'feat');
    writeFileSync(join(project, 'three.txt'), 'only on feat\n');
    git('add', 'three.txt');
    git('commit', '-qm', 'three');
    if (tagged) git('tag', '-a', 'v1', '-m', 'release one');
    git('checkout', '-q', 'main');
  });
}
/** Whether commit "three" is reachable from no ref any more (only a reflog, which expires, still has it). */
const threeUnreachable = (dir: string) => (gitIn(dir, 'log', '--all', '--format=%s').split('\n').includes('three') ? 'commit three is still reachable' : true);

const inRepo = (command: string, destroyed: (dir: string) => true | string, setup: (dir: string) => void = repo): EvasionCase => ({ command, cwd: 'project', needs: ['git'], setup, destroyed });

const cases: EvasionCase[] = [
  inRepo('git read-tree -u --reset HEAD', workLost),
  inRepo('git checkout-index -a -f', workLost),
  inRepo("git -c alias.discard='reset --hard' discard", workLost),
  inRepo("git -c alias.wipe='!rm -rf ../shared' wipe", sharedGone),
  inRepo("git config alias.wipe '!rm -rf ../shared' && git wipe", sharedGone),
  inRepo('git wipe', sharedGone, (dir) => repo(dir, (project) => execFileSync('git', ['config', 'alias.wipe', '!rm -rf ../shared'], { cwd: project }))),
  inRepo("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.wipe GIT_CONFIG_VALUE_0='!rm -rf ../shared' git wipe", sharedGone),
  inRepo("X='!rm -rf ../shared' git --config-env=alias.wipe=X wipe", sharedGone),
  inRepo("git -c filter.x.clean='rm -rf ../shared; cat' add notes.txt", sharedGone, withAttributes('*.txt filter=x')),
  inRepo("git -c diff.x.command='rm -rf ../shared; true' diff", sharedGone, withAttributes('*.txt diff=x')),
  inRepo("GIT_EXTERNAL_DIFF='rm -rf ../shared; true' git diff", sharedGone),
  inRepo("export GIT_EXTERNAL_DIFF='rm -rf ../shared; true'; git diff", sharedGone),
  inRepo("git difftool -y -x 'rm -rf ../shared; true'", sharedGone),
  inRepo("git stash -q && git rebase -q -x 'rm -rf ../shared' HEAD~1", sharedGone),
  // The editor writes a message too, so the commit itself succeeds.
  inRepo("GIT_EDITOR='rm -rf ../shared; sed -i 1imessage' git commit -q --allow-empty", sharedGone),
  // Attack review of 1 December 2026, findings 35, 51, 52, 66: moving or deleting a ref by hand.
  inRepo(
    'git tag -d v1',
    (dir) => (gitIn(dir, 'tag', '-l', 'v1').trim() ? 'the tag is still there' : true),
    (dir) => featBranch(dir, true),
  ),
  inRepo('git branch -f feat main', threeUnreachable, featBranch),
  inRepo('git update-ref -m x refs/heads/feat main', threeUnreachable, featBranch),
  inRepo('git reset --keep HEAD~1', threeUnreachable, (dir) => {
    featBranch(dir);
    gitIn(dir, 'checkout', '-q', 'feat');
  }),
];

evasionTests('git', cases);
