// Package registries: publishing, unpublishing, yanking and deprecating packages with each ecosystem's
// own tool (npm, pnpm, yarn, bun, lerna, changesets, nx, cargo, gem, twine, poetry, uv, flit, hatch, pdm,
// Maven, Gradle) and pushing container images. The public registry (and a build's release repository)
// is production: what is published there is installed by everyone at once, and a version number once
// used can't be published again. A command that names another registry (`--registry
// http://localhost:4873`, `twine upload -r testpypi`, `docker push localhost:5000/app`) is judged by
// that name instead.

import type { Invocation } from '../core/invocation.js';
import type { Target } from '../core/target.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

/** What a command does to the registry. */
type Action = 'publish' | 'remove' | 'change';

interface Ecosystem {
  programs: readonly string[];
  /** Where a command publishes when it names no registry: the public registry, or the build's own release repositories. */
  defaultRegistry: string;
  valueOptions: readonly string[];
  /** Options whose value names the registry, and what each names (a URL, or a name from the tool's configuration). */
  registryOptions: Readonly<Record<string, 'url' | 'name'>>;
  /** Variables that name the registry instead. */
  registryVariables: readonly string[];
  /** Names that still mean the public registry (`twine upload -r pypi`, `--registry https://registry.npmjs.org/`): its hosts, and its names in the tool's configuration. */
  publicNames?: RegExp;
  /** The registry the command's own words name, where no option does (an image's host, Maven's -DaltDeploymentRepository). */
  registryOf?(words: readonly string[], p: ParsedOptions): string | undefined;
  /** Flags after which nothing is sent (`--dry-run`). */
  rehearsal: readonly string[];
  /** What the subcommand words do, or null when they don't touch the registry. */
  action(words: readonly string[], p: ParsedOptions): { action: Action; what: string } | null;
}

const NPM_VALUES = ['--registry', '--tag', '--access', '--otp', '-w', '--workspace', '--prefix', '--userconfig', '--filter', '-F', '--provenance-file', '--publish-branch', '-C', '--dir', '--cwd'];

/** npm, pnpm and bun share npm's registry commands; pnpm and bun hand unpublish and the rest to npm's registry too. */
function npmAction(words: readonly string[]): { action: Action; what: string } | null {
  const [command, sub] = words;
  if (command === 'publish') return { action: 'publish', what: 'publishes the package' };
  if (command === 'unpublish') return { action: 'remove', what: 'unpublishes the package: its version number can never be published again, and whoever depends on it breaks' };
  if (command === 'deprecate') return { action: 'change', what: 'marks package versions deprecated for everyone who installs them' };
  if ((command === 'dist-tag' || command === 'dist-tags') && /^(add|rm|set)$/.test(sub ?? '')) return { action: 'change', what: `moves the package's dist-tags (what \`npm install\` picks)` };
  if (command === 'owner' && /^(add|rm)$/.test(sub ?? '')) return { action: 'change', what: 'changes who may publish the package' };
  return null;
}

const PYPI_NAMES = /^(pypi|main|(upload\.)?pypi\.org)$/;
const NPM_HOSTS = /^registry\.(npmjs\.org|yarnpkg\.com)$/;

/** A registry named by URL is matched by its host. */
const hostOf = (value: string) => /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(value)?.[1]?.toLowerCase() ?? value;

const ECOSYSTEMS: readonly Ecosystem[] = [
  {
    programs: ['npm', 'pnpm', 'bun'],
    defaultRegistry: 'registry.npmjs.org',
    valueOptions: NPM_VALUES,
    registryOptions: { '--registry': 'url' },
    registryVariables: ['NPM_CONFIG_REGISTRY', 'npm_config_registry'],
    publicNames: NPM_HOSTS,
    rehearsal: ['--dry-run'],
    action: npmAction,
  },
  {
    programs: ['yarn'],
    defaultRegistry: 'registry.npmjs.org',
    valueOptions: NPM_VALUES,
    registryOptions: { '--registry': 'url' },
    registryVariables: ['YARN_NPM_PUBLISH_REGISTRY', 'YARN_NPM_REGISTRY_SERVER', 'YARN_REGISTRY', 'NPM_CONFIG_REGISTRY', 'npm_config_registry'],
    publicNames: NPM_HOSTS,
    rehearsal: ['--dry-run'],
    // Yarn 1 says `yarn publish`; Yarn 2 and later `yarn npm publish` and `yarn npm tag add`.
    action: (words) => {
      if (words[0] === 'publish') return { action: 'publish', what: 'publishes the package' };
      // `yarn workspaces foreach -A npm publish` publishes every workspace.
      if (words.some((w, i) => w === 'npm' && words[i + 1] === 'publish')) return { action: 'publish', what: 'publishes the package' };
      if (words[0] === 'npm' && words[1] === 'tag' && /^(add|remove)$/.test(words[2] ?? '')) return { action: 'change', what: "moves the package's dist-tags" };
      return null;
    },
  },
  {
    // Monorepo release tools that run npm publish for each package.
    programs: ['lerna', 'changeset', 'nx'],
    defaultRegistry: 'registry.npmjs.org',
    valueOptions: [...NPM_VALUES, '--dist-tag', '--otp', '--projects', '-p', '--groups', '-g', '--preid', '--canary'],
    registryOptions: { '--registry': 'url' },
    registryVariables: ['NPM_CONFIG_REGISTRY', 'npm_config_registry'],
    publicNames: NPM_HOSTS,
    rehearsal: ['--dry-run', '-d'],
    action: (words, p) =>
      words[0] === 'publish' || (words[0] === 'release' && !p.has('--skip-publish') && (words[1] === 'publish' || words.length === 1 || /^(major|minor|patch|\d.*)$/.test(words[1] ?? '')))
        ? { action: 'publish', what: 'publishes the packages' }
        : null,
  },
  {
    programs: ['cargo'],
    defaultRegistry: 'crates.io',
    valueOptions: [
      '--registry',
      '--index',
      '--token',
      '--vers',
      '--version',
      '-p',
      '--package',
      '--manifest-path',
      '--target',
      '-j',
      '--jobs',
      '--features',
      '-F',
      '--target-dir',
      '--add',
      '-a',
      '--remove',
      '-r',
      '--color',
      '-Z',
      '--config',
    ],
    registryOptions: { '--registry': 'name', '--index': 'url' },
    registryVariables: ['CARGO_REGISTRY_DEFAULT'],
    publicNames: /^(crates-io|(index\.)?crates\.io)$/,
    rehearsal: ['--dry-run', '-n'],
    action: (words, p) => {
      if (words[0] === 'publish') return { action: 'publish', what: 'publishes the crate: a published version can never be overwritten or deleted' };
      // A yanked version stays downloadable for lockfiles that name it, and `--undo` brings it back.
      if (words[0] === 'yank') return { action: 'change', what: p.has('--undo') ? 'un-yanks a crate version' : 'yanks a crate version: new projects can no longer depend on it' };
      if (words[0] === 'owner' && p.has('--add', '-a', '--remove', '-r')) return { action: 'change', what: 'changes who may publish the crate' };
      return null;
    },
  },
  {
    programs: ['gem'],
    defaultRegistry: 'rubygems.org',
    valueOptions: ['--host', '-v', '--version', '-p', '--platform', '-k', '--key', '--otp', '-a', '--add', '-r', '--remove'],
    registryOptions: { '--host': 'url' },
    registryVariables: ['RUBYGEMS_HOST'],
    publicNames: /^rubygems\.org$/,
    rehearsal: [],
    action: (words, p) => {
      if (words[0] === 'push') return { action: 'publish', what: 'pushes the gem' };
      // Since 2015 a yank deletes the gem file too, and the version number can't be pushed again.
      if (words[0] === 'yank' && !p.has('--undo')) return { action: 'remove', what: 'yanks the gem version: its file is deleted from the registry and the version number can never be pushed again' };
      if (words[0] === 'owner' && p.has('-a', '--add', '-r', '--remove')) return { action: 'change', what: 'changes who may push the gem' };
      return null;
    },
  },
  {
    programs: ['twine'],
    defaultRegistry: 'pypi.org',
    valueOptions: ['-r', '--repository', '--repository-url', '-u', '--username', '-p', '--password', '--config-file', '-c', '--comment', '-i', '--identity', '--sign-with', '--client-cert', '--cert'],
    registryOptions: { '-r': 'name', '--repository': 'name', '--repository-url': 'url' },
    registryVariables: ['TWINE_REPOSITORY', 'TWINE_REPOSITORY_URL'],
    publicNames: PYPI_NAMES,
    rehearsal: [],
    action: (words) => (words[0] === 'upload' || words[0] === 'register' ? { action: 'publish', what: 'uploads the distributions: a file name once uploaded can never be uploaded again' } : null),
  },
  {
    programs: ['poetry', 'pdm', 'flit', 'hatch'],
    defaultRegistry: 'pypi.org',
    valueOptions: [
      '-r',
      '--repository',
      '--repo',
      '-u',
      '--username',
      '-p',
      '--password',
      '--cert',
      '--client-cert',
      '--dist-dir',
      '-C',
      '--directory',
      '--project',
      '--pypirc',
      '--ca-cert',
      '--comment',
      '--identity',
    ],
    registryOptions: { '-r': 'name', '--repository': 'name', '--repo': 'name' },
    registryVariables: ['POETRY_REPOSITORIES', 'PDM_PUBLISH_REPO', 'FLIT_INDEX_URL', 'HATCH_INDEX_REPO'],
    publicNames: PYPI_NAMES,
    rehearsal: ['--dry-run'],
    action: (words) => (words[0] === 'publish' ? { action: 'publish', what: 'publishes the package' } : null),
  },
  {
    programs: ['uv'],
    defaultRegistry: 'pypi.org',
    valueOptions: ['--publish-url', '--index', '--check-url', '-u', '--username', '-p', '--password', '-t', '--token', '--trusted-publishing', '--keyring-provider', '--directory', '--project'],
    registryOptions: { '--publish-url': 'url', '--index': 'name' },
    registryVariables: ['UV_PUBLISH_URL', 'UV_PUBLISH_INDEX'],
    publicNames: PYPI_NAMES,
    rehearsal: ['--dry-run'],
    action: (words) => (words[0] === 'publish' ? { action: 'publish', what: 'publishes the distributions' } : null),
  },
  {
    programs: ['mvn', 'mvnw'],
    defaultRegistry: "the pom's release repository",
    valueOptions: ['-D', '-P', '--projects', '-f', '--file', '-s', '--settings', '-T', '--threads', '-l', '--log-file'],
    registryOptions: {},
    registryVariables: [],
    rehearsal: [],
    // id::url, or id::layout::url in Maven before 3.
    registryOf: (_words, p) =>
      p
        .values('-D')
        .find((d) => /^alt(Release|Snapshot)?DeploymentRepository=/.test(d))
        ?.split('::')
        .pop(),
    // The deploy phase (and every build that runs through it) sends the artifacts to the repository the pom names.
    action: (words, p) =>
      p.values('-D').some((d) => /^maven\.deploy\.skip(=true)?$/.test(d)) || !words.some((w) => /^(deploy|deploy:deploy(-file)?|release:perform)$/.test(w))
        ? null
        : { action: 'publish', what: 'deploys the artifacts to the remote repository' },
  },
  {
    programs: ['gradle', 'gradlew'],
    defaultRegistry: 'the repositories the build publishes to',
    valueOptions: ['-P', '-D', '-x', '--exclude-task', '-p', '--project-dir', '-b', '--build-file', '-c', '--settings-file', '-g', '--gradle-user-home', '-I', '--init-script'],
    registryOptions: {},
    registryVariables: [],
    rehearsal: ['--dry-run', '-m'],
    // `publish`, `publishPlugins` and `publish<X>PublicationTo<Repo>Repository` send artifacts out; `publishToMavenLocal` stays on this machine.
    action: (words) =>
      words.some((w) => /(^|:)publish(Plugins|ToSonatype|AllPublicationsTo\w+Repository|\w*PublicationTo\w+Repository)?$/.test(w) && !/MavenLocal(Repository)?$/.test(w))
        ? { action: 'publish', what: 'publishes the build artifacts' }
        : null,
  },
  {
    programs: ['docker', 'podman', 'nerdctl'],
    defaultRegistry: 'docker.io',
    valueOptions: [
      '-H',
      '--host',
      '--context',
      '-c',
      '--config',
      '-l',
      '--log-level',
      '--platform',
      '-t',
      '--tag',
      '-f',
      '--file',
      '--build-arg',
      '--target',
      '--builder',
      '--cache-from',
      '--cache-to',
      '-o',
      '--output',
      '--creds',
      '--authfile',
      '--format',
    ],
    registryOptions: {},
    registryVariables: [],
    publicNames: /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/,
    rehearsal: [],
    // A pushed tag replaces whatever the tag named before for everyone who pulls it.
    action: (words, p) =>
      words[0] === 'push' || (words[0] === 'image' && words[1] === 'push') || ((words[0] === 'build' || (words[0] === 'buildx' && words[1] === 'build')) && p.has('--push'))
        ? { action: 'publish', what: 'pushes the image, replacing what its tag named for everyone who pulls it' }
        : null,
    // The image's first part is a registry when it looks like a host (has a dot or a port, or is localhost).
    registryOf: (words, p) => {
      const image = words[0] === 'push' ? words[1] : words[0] === 'image' ? words[2] : p.value('-t', '--tag');
      const first = image?.split('/')[0];
      return image?.includes('/') && first && /[.:]|^localhost$/.test(first) ? `https://${first}` : undefined;
    },
  },
];

interface RegistryCall {
  action: Action;
  what: string;
  /** The registry the command names, when it names one, and where it was named. */
  named?: { value: string; kind: 'url' | 'name'; source: string; option?: string };
  /** Where the command publishes when it is the default (production) registry. */
  defaultRegistry?: string;
}

const PYTHON = /^(python(\d+(\.\d+)?)?|py)$/;

/** The tool and its arguments: `python -m twine upload` is twine's upload. */
function tool(inv: Invocation): { program: string; args: Invocation['argv'] } {
  if (PYTHON.test(inv.program) && inv.argv[1]?.text === '-m' && inv.argv[2]) return { program: inv.argv[2].text, args: inv.argv.slice(3) };
  return { program: inv.program, args: inv.argv.slice(1) };
}

/** `registryCall`, read once for all of this pack's rules to share (see perInvocation). */
const registryCall = perInvocation(readRegistryCall);

function readRegistryCall(inv: Invocation): RegistryCall | null {
  const { program, args } = tool(inv);
  const eco = ECOSYSTEMS.find((e) => e.programs.includes(program));
  if (!eco) return null;
  const p = parseOptions(args, { value: eco.valueOptions });
  const words = p.positionals.map((a) => a.text);
  if (p.has('--help', '-h', ...eco.rehearsal) || words.includes('help')) return null;
  const found = eco.action(words, p);
  if (!found) return null;
  let named: RegistryCall['named'];
  for (const [option, kind] of Object.entries(eco.registryOptions)) {
    const value = p.value(option);
    if (value) named = { value, kind, option, source: `${option} flag` };
  }
  const own = eco.registryOf?.(words, p);
  if (!named && own) named = { value: own, kind: /:\/\/|^file:/.test(own) ? 'url' : 'name', source: 'the registry the command names' };
  for (const variable of eco.registryVariables) {
    const value = inv.env[variable];
    if (!named && value?.static) named = { value: value.text, kind: /:\/\//.test(value.text) ? 'url' : 'name', source: `${variable}=… on the command` };
  }
  const isPublic = !named || (eco.publicNames?.test(hostOf(named.value)) ?? false);
  return { ...found, named, defaultRegistry: isPublic ? eco.defaultRegistry : undefined };
}

const PROGRAMS = [...ECOSYSTEMS.flatMap((e) => e.programs), 'python', 'python3', 'py'];

function describe(inv: Invocation, call: RegistryCall): string {
  const where = call.defaultRegistry ?? call.named?.value ?? 'the registry';
  return `${tool(inv).program} ${call.what} (${where})`;
}

export const unpublish = rule({
  id: 'registries/unpublish',
  effect: 'destroy',
  severity: 'critical',
  programs: PROGRAMS,
  summary: 'removes a published package version from its registry',
  consequence: "Every project and build that depends on the version fails to install it, and the version number can't be reused.",
  alternatives: ['deprecate the version instead (npm deprecate, cargo yank), which keeps it installable', 'publish a fixed version on top'],
  match(inv) {
    const call = registryCall(inv);
    return call?.action === 'remove' ? { target: call.defaultRegistry ?? call.named?.value, summary: describe(inv, call) } : null;
  },
});

export const publish = rule({
  id: 'registries/publish',
  effect: 'write',
  severity: 'high',
  programs: PROGRAMS,
  summary: 'publishes a package, or changes a published one, on its registry',
  consequence: 'Everyone who installs the package gets this version (or sees the change) at once; a published version number can never be published again.',
  alternatives: [
    'rehearse first (npm publish --dry-run, cargo publish --dry-run, twine check dist/*) and show a human what would go out',
    'publish to a test registry (twine upload -r testpypi, a local Verdaccio)',
  ],
  match(inv) {
    const call = registryCall(inv);
    if (!call || call.action === 'remove') return null;
    return { target: call.defaultRegistry ?? call.named?.value, summary: describe(inv, call), severity: call.action === 'change' ? 'medium' : 'high' };
  },
});

export const pack = [unpublish, publish];

const REGISTRY_OPTIONS = { '--registry': names.url, '--repository-url': names.url, '--publish-url': names.url, '--host': names.url, '--repository': names.name, '--repo': names.name };

/** What its commands act on (src/rules/targets.ts): the registry each command sends to, the public one being production. */
export const targets: TargetSpec = {
  options: REGISTRY_OPTIONS,
  of(inv) {
    const call = registryCall(inv);
    if (!call) return [];
    const out: Target[] = [];
    // `-r` is a repository to twine and poetry but recursion to pnpm, so only the long options are read for every program.
    const named = call.named;
    if (named && !(named.option && Object.hasOwn(REGISTRY_OPTIONS, named.option))) out.push({ type: 'name', kind: named.kind, value: named.value, source: named.source });
    if (call.defaultRegistry) out.push({ type: 'app', environment: 'production', source: `${tool(inv).program} publishes to ${call.defaultRegistry}, which everyone using it installs from` });
    return out;
  },
};
