// GraphQL text that deletes: a mutation whose field says delete, remove, destroy, drop, purge or wipe
// (`mutation { volumeDelete(…) }`, `deleteRepository(input: …)`). Sent by curl to any API, and by
// `gh api graphql` to GitHub's.

const DELETING_MUTATION = /\bmutation\b[\s\S]*?\b(\w*(?:[dD]elete|[rR]emove|[dD]estroy|[dD]rop|[pP]urge|[wW]ipe)\w*)\s*[({]/;

/** The deleting mutation field in GraphQL text, if there is one. */
export function deletingMutation(text: string): string | undefined {
  return DELETING_MUTATION.exec(text)?.[1];
}
