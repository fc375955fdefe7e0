/**
 * GitHub's rate-limit score of a query: one request per connection page, assuming every connection
 * fills its `first`/`last`, multiplied through its parents; the sum divided by 100, at least 1.
 * (docs: "Rate limits and node limits for the GraphQL API".)
 */
import {
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export function queryCost(
  schema: GraphQLSchema,
  doc: DocumentNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const value = (v: ValueNode | undefined): number | undefined => {
    if (v?.kind === Kind.INT) return Number(v.value);
    if (v?.kind === Kind.VARIABLE)
      return typeof variables[v.name.value] === 'number' ? (variables[v.name.value] as number) : undefined;
    return undefined;
  };
  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, typeName: string, multiplier: number) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT)
        walk(s.selectionSet, s.typeCondition?.name.value ?? typeName, multiplier);
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, f.typeCondition.name.value, multiplier);
      } else {
        const parent = schema.getType(typeName);
        const def =
          isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[s.name.value] : undefined;
        if (!def) continue;
        const named = getNamedType(def.type).name;
        let child = multiplier;
        const ids = s.arguments?.find((a) => a.name.value === 'ids')?.value;
        if (ids?.kind === Kind.VARIABLE && Array.isArray(variables[ids.name.value])) {
          child = multiplier * (variables[ids.name.value] as unknown[]).length;
        }
        if (named.endsWith('Connection')) {
          requests += multiplier;
          const arg = (n: string) => value(s.arguments?.find((a) => a.name.value === n)?.value);
          child = multiplier * (arg('first') ?? arg('last') ?? 1);
        }
        walk(s.selectionSet, named, child);
      }
    }
  };
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, 'Query', 1);
  }
  return Math.max(1, Math.round(requests / 100));
}
