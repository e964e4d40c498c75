// The annotated policy `airlock policy init` writes: every key, commented out at its default or with an
// example, so a person can read what each does and uncomment what they need. Loaded as it is, it is the
// default policy (a test checks that).

export const POLICY_TEMPLATE = `# airlock policy. Layers, strongest first: the organisation's (/etc/airlock/policy.yaml), yours
# (~/.config/airlock/policy.yaml), and a project's (.airlock/policy.yaml), which may only make things
# stricter unless your file sets project_may_relax. \`airlock policy show\` prints the result and where
# each part came from; \`airlock policy test\` runs the tests at the bottom.
version: 1

# Which environment a target is in, by name patterns. What names "prod" is production already.
# environments:
#   production:
#     hosts: ["db.example.com", "*.prod.internal"]
#     urls: ["postgres://*@prod-*"]
#     kube_contexts: ["prod-*"]
#     aws_profiles: ["prod"]
#     workspaces: ["prod"]          # Terraform workspaces
#     branches: ["main"]
#     paths: ["/srv/app/**"]
#   staging:
#     hosts: ["*.staging.internal"]
#   development:
#     names: ["dev-*"]

# The verdict for each environment and effect: allow, confirm (the agent asks you in its own UI),
# approve (you approve out of band: \`airlock approve\` or the dashboard) or deny. The defaults:
# matrix:
#   production:  { read: allow, write: approve, destroy: approve, unknown: approve }
#   staging:     { read: allow, write: allow,   destroy: approve, unknown: approve }
#   unknown:     { read: allow, write: allow,   destroy: approve, unknown: approve }
#   development: { read: allow, write: allow,   destroy: confirm, unknown: confirm }
#   local:       { read: allow, write: allow,   destroy: confirm, unknown: confirm }

# Rules by id (\`airlock rules\` lists them; \`airlock explain ID\` explains one).
# rules:
#   allow: []                       # never hold these (rules that deny outright stay denied)
#   hold: ["git/force-push"]        # always hold these for approval

# Your own rules: a pattern over the command line, its effect, and what to tell the agent.
# custom_rules:
#   - id: team/reset-script
#     match: "./scripts/reset-db.sh"
#     effect: destroy
#     summary: runs the database reset script
#     consequence: every table in the target database is dropped and recreated
#     alternatives: ["run it against a local database first"]

# Paths and branches that are held whatever the environment.
# protect:
#   paths: ["~/backups/**"]
#   branches: ["release/*"]

# approvals:
#   timeout: 10m                    # how long a request waits for a human
#   wait: 0s                        # how long the hook waits for an answer before saying "blocked"

# on_error: hold                    # or allow-read-only: what an internal error does
# grants:
#   destroy_still_needs_approval: true
# strictness: standard              # strict: hold every command that runs code

# Copies kept before an approved destroy runs (\`airlock backups\` lists them).
# safety_copies:
#   enabled: true
#   max_mb: 1024
#   keep_days: 30

# preflight:
#   databases: true                 # let probes connect to ask a tool's diff (drizzle-kit push)
#   stateful_types: ["aws_db_instance"]   # more Terraform types that hold data

# Who is told (your file or the organisation's only: a project's webhooks are ignored).
# notify:
#   dashboard_url: http://localhost:7717
#   git_notes: false                # a note on HEAD after an approved command ran
#   webhooks:
#     - { name: team, format: slack, url: "https://hooks.slack.com/services/…" }
#     - { name: audit, format: json, url: "https://example.internal/airlock", secret: "at least 16 characters" }

# dashboard:
#   port: 7717

# Trial mode: what would be held runs, and is recorded; \`airlock trial\` shows what enforcement would
# have done. For every environment, or some: mode: { development: warn }. Denials stay denials.
# mode: enforce

# Escape hatches for one project (only in your file; \`airlock allow RULE --project DIR\` adds them):
# projects:
#   /home/me/src/scratch:
#     allow: ["filesystem/rm"]

# project_may_relax: false          # let project files relax what this file sets

# What MCP servers are, by the name the agent calls them.
# mcp_servers:
#   prod-db: { kind: database, dialect: postgres, environment: production }

# Commands and the verdicts you expect, run by \`airlock policy test\`.
# tests:
#   - { command: "terraform destroy", expect: approve }
#   - { command: "git status", expect: allow }
`;
