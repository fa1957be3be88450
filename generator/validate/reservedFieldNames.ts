import type { CheckedTypes } from './validateTypes.js';
import { relationNameOf } from './validateTypes.js';

/**
 * The root field names Graphcool generated for its CRUD API, keyed `Query.allUsers`, with the
 * model each belongs to. Extension fields must not take them, so the CRUD API can be served
 * beside them later.
 */
export function reservedFieldNames(types: CheckedTypes): Map<string, string> {
  const reserved = new Map<string, string>();
  for (const { node } of types.models) {
    const name = node.name.value;
    const plural = pluralize(name);
    for (const field of [name, `all${plural}`, `_all${plural}Meta`])
      reserved.set(`Query.${field}`, name);
    for (const verb of ['create', 'update', 'delete', 'updateOrCreate']) {
      reserved.set(`Mutation.${verb}${name}`, name);
    }
    for (const field of node.fields ?? []) {
      const directive = field.directives?.find((item) => item.name.value === 'relation');
      const relation = directive && relationNameOf(directive);
      if (!relation) continue;
      for (const verb of ['addTo', 'removeFrom', 'set', 'unset']) {
        reserved.set(`Mutation.${verb}${relation}`, name);
      }
    }
  }
  return reserved;
}

/**
 * English plural as Graphcool's generated names used it: `User` to `Users`, `Category` to
 * `Categories`.
 */
export function pluralize(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}
