// Tools no pack knows: a command-line tool whose subcommand says delete, destroy, drop, purge, wipe,
// terminate, remove or reset is held as a destroy. Packs that know a tool better take precedence (their
// programs are excluded), and so do tools whose deletes are local and routine (package managers, kind).

import { parseOptions } from '../rules/argv.js';
import { rule, type Rule } from '../rules/rule.js';
import { looksLikeFileName, previewMode } from '../rules/subcommands.js';
import { COMMON_OPTIONS, type TargetSpec } from '../rules/targets.js';

const VERBS = /^(delete|destroy|drop|purge|wipe|terminate|remove|rm|reset|nuke|erase|obliterate|deprovision|decommission|teardown)$/;

/** Programs whose verbs are routine, or that only print: package managers, local clusters, text tools. */
const LOCAL_OR_PLAIN = new Set(
  (
    'npm pnpm yarn bun npx pip pip3 pipx uv poetry pipenv conda mamba micromamba cargo rustup go gem bundle composer apt apt-get dpkg yum dnf zypper pacman apk brew port snap flatpak ' +
    'choco winget scoop nix nix-env guix asdf mise rtx nvm fnm volta pyenv rbenv nodenv sdk sdkman jenv goenv tfenv gvm deno swift dotnet mvn gradle sbt lein mix rebar3 stack cabal opam ' +
    'kind k3d minikube colima multipass vagrant lima docker-machine ' +
    'echo printf cat grep egrep fgrep rg ag sed awk gawk cut tr sort uniq head tail wc less more man tee jq yq xq fx column nl fold fmt diff cmp comm paste join split csplit expand ' +
    'ls dir tree find fd locate which whereis type command hash alias unalias cd pwd pushd popd dirs mkdir touch cp mv ln chmod chown chgrp stat file realpath readlink basename dirname ' +
    'date cal sleep true false test [ [[ time timeout watch env export unset set declare local readonly source . exit return shift getopts read mapfile trap wait jobs fg bg kill disown ' +
    'ps top htop pgrep pkill lsof free df du uptime uname hostname whoami id groups history tput clear reset stty tty script screen tmux zellij ' +
    'git gh glab hub code cursor vim nvim vi nano emacs ed less open xdg-open pbcopy pbpaste xclip ' +
    'tar zip unzip gzip gunzip bzip2 xz zstd 7z rar unrar base64 xxd od hexdump md5sum sha1sum sha256sum shasum openssl ssh-keygen gpg ' +
    'node python python3 ruby perl php java javac kotlin scala go rustc gcc g++ clang cc make cmake ninja meson bazel just task tsc tsx ts-node esbuild vite webpack rollup parcel swc babel ' +
    'jest vitest mocha ava pytest tox nox rspec phpunit eslint prettier biome ruff black isort mypy pyright flake8 pylint rubocop stylelint shellcheck shfmt hadolint tflint ' +
    'ssh scp sftp rsync curl wget http https xh nc ncat telnet ping traceroute dig nslookup host ip ifconfig netstat ss ' +
    'sudo doas su nohup nice ionice stdbuf chrt xargs parallel eval exec builtin bash sh zsh dash fish ksh ' +
    'docker podman nerdctl crictl ctr buildah skopeo tmutil launchctl systemctl service journalctl crontab at ' +
    'claude codex gemini aider copilot cursor-agent opencode windsurf airlock'
  ).split(/\s+/),
);

export function genericDestroy(known: ReadonlySet<string>): Rule {
  return rule({
    id: 'generic/destructive-subcommand',
    effect: 'destroy',
    severity: 'high',
    summary: 'a tool airlock has no pack for is asked to delete, destroy, drop, purge or reset something',
    consequence: 'Whatever the tool manages (a database, a bucket, a project, a service) is deleted; airlock does not know this tool, so it assumes the worst.',
    alternatives: ["use the tool's list/describe command first and show a human what would be deleted", 'ask the human to run it'],
    match(inv) {
      if (!inv.program || known.has(inv.program) || LOCAL_OR_PLAIN.has(inv.program) || !inv.argv[0]?.static) return null;
      const parsed = parseOptions(inv.argv.slice(1), {});
      if (parsed.has('--help', '-h') || previewMode(parsed)) return null;
      // The subcommand path: the first three words, split on the separators CLIs use (`apps:destroy`, `mysql-delete`).
      // A file's name says what its author called it, not what the tool does with it: `ansible-playbook teardown.yml`.
      const words = parsed.positionals.slice(0, 3).map((a) => a.text);
      const verb = words
        .filter((w) => !looksLikeFileName(w) || VERBS.test(w.slice(w.lastIndexOf('.') + 1).toLowerCase()))
        .flatMap((w) => w.split(/[:._-]/))
        .find((w) => VERBS.test(w.toLowerCase()));
      if (!verb || words.includes('help')) return null;
      return { target: words.join(' '), summary: `${inv.program} ${words.join(' ')}: "${verb}" on something ${inv.program} manages` };
    },
  });
}

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  // A CLI no pack knows: its long options are read by the names most CLIs give them.
  options: COMMON_OPTIONS,
};
