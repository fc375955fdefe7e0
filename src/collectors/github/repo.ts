/** A target id `owner/name` as the API calls need it. */
export interface RepoRef {
  readonly owner: string;
  readonly name: string;
  /** `owner/name`, as configured or listed. */
  readonly fullName: string;
}

export function parseRepo(id: string): RepoRef {
  const [owner, name, ...rest] = id.split('/');
  if (!owner || !name || rest.length) throw new Error(`"${id}" is not a repository id (owner/name)`);
  return { owner, name, fullName: `${owner}/${name}` };
}
