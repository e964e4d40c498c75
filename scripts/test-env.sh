#!/usr/bin/env bash
# Makes sure what the test suite talks to is here and running: bash, git, sqlite3, the PostgreSQL and
# MariaDB clients and servers on loopback, terraform, and the tools the evasion tests run (ruby, php,
# httpie, emacs, at with its daemon), Chromium for the dashboard's browser tests, and zsh and fish
# for the completion scripts' tests. Installs missing Debian packages when it can
# (root, apt-get), starts a stopped service with the machine's own start command, and otherwise stops
# with a message that says exactly what is missing. Runs before `npm test` (the `pretest` script).
set -euo pipefail

need_packages=()
command -v bash >/dev/null || need_packages+=(bash)
command -v git >/dev/null || need_packages+=(git)
command -v sqlite3 >/dev/null || need_packages+=(sqlite3)
command -v psql >/dev/null || need_packages+=(postgresql-client)
command -v mysql >/dev/null || need_packages+=(mariadb-client)
command -v python3 >/dev/null || need_packages+=(python3) # drives the CLI through a pseudo-terminal
# The evasion tests run each way around the analysis for real (test/evasions/): these tools are ways.
command -v ruby >/dev/null || need_packages+=(ruby)
command -v php >/dev/null || need_packages+=(php-cli)
command -v http >/dev/null || need_packages+=(httpie)
command -v emacs >/dev/null || need_packages+=(emacs-nox)
command -v at >/dev/null || need_packages+=(at)
# The dashboard's browser tests drive Debian's Chromium with playwright-core (test/server/).
command -v chromium >/dev/null || need_packages+=(chromium)
# `airlock completion` is checked in each shell it writes for (test/cli/hygiene.test.ts).
command -v zsh >/dev/null || need_packages+=(zsh)
command -v fish >/dev/null || need_packages+=(fish)

if ((${#need_packages[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test-env: installing ${need_packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    echo "test-env: missing ${need_packages[*]}; install them (Debian: apt-get install ${need_packages[*]})" >&2
    exit 1
  fi
fi

wait_for() { # name, probe command...
  local name=$1
  shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "test-env: $name is not answering on loopback" >&2
  return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  echo "test-env: starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
fi
wait_for PostgreSQL psql -h 127.0.0.1 -U postgres -d test -c 'SELECT 1'

if ! mysql -h 127.0.0.1 -u root -e 'SELECT 1' >/dev/null 2>&1; then
  echo "test-env: starting MariaDB"
  if [[ -x /usr/sbin/mariadbd ]] && command -v start-stop-daemon >/dev/null; then
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
fi
wait_for MariaDB mysql -h 127.0.0.1 -u root -e 'SELECT 1'
mysql -h 127.0.0.1 -u root -e 'CREATE DATABASE IF NOT EXISTS test'

# at's jobs run only with its daemon; without systemd it is started by hand, and it detaches itself.
if command -v atd >/dev/null && ! pgrep -x atd >/dev/null; then
  echo "test-env: starting atd"
  atd || echo "test-env: atd would not start; the at case of the evasion tests will fail" >&2
fi

if ! command -v terraform >/dev/null; then
  # terraform is not in Debian's archive and nothing may be downloaded here; its tests say so and skip.
  echo "test-env: terraform is not on PATH; the terraform integration test will be skipped" >&2
fi

# The real agent programs for the end-to-end tests, at the versions pinned in test/e2e/agents. `npm ci`
# can't be used: npm's lock file leaves out other platforms' optional binaries and then calls itself out
# of sync. A failed install does not stop the suite; each end-to-end test then skips, loudly.
if ! npm install --prefix test/e2e/agents --no-audit --no-fund --no-save --loglevel=error >/dev/null 2>test/e2e/agents/install.err; then
  echo "test-env: WARNING: the agent programs could not be installed, so the end-to-end tests in real agents will be SKIPPED:" >&2
  cat test/e2e/agents/install.err >&2
fi

# The schema tools whose own diff the drizzle preflight test asks, at the versions pinned in
# test/e2e/schema-tools. That test fails, rather than skips, when they are missing.
if ! npm install --prefix test/e2e/schema-tools --no-audit --no-fund --no-save --loglevel=error >/dev/null 2>test/e2e/schema-tools/install.err; then
  echo "test-env: WARNING: drizzle-kit could not be installed; test/preflight/drizzle.test.ts will fail:" >&2
  cat test/e2e/schema-tools/install.err >&2
fi
